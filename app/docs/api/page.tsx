// The REST API's interactive reference: Swagger UI (from our own assets) rendering the OpenAPI
// document at /api/v1/openapi.json. Its script is loaded under this response's CSP nonce. Below
// it, the problem types that problem+json answers link to (`type: /docs/api#problem-<code>`).
import type { Metadata } from "next";
import { headers } from "next/headers";
import { APP_ERROR_CODES, AppError, httpStatusOf, type AppErrorCode } from "@/server/errors";
import { ApiReference } from "./api-reference";

export const metadata: Metadata = { title: "API reference" };

const PROBLEM_TEXT: Record<AppErrorCode, string> = {
  VALIDATION: "Invalid input: fieldErrors says which path, query, header or body field and why.",
  UNAUTHENTICATED: "No credential, or an unknown, revoked or expired key or token.",
  FORBIDDEN: "The credential may not do this: the wrong kind (key or token) or a missing scope (details.requiredScope).",
  TWO_FACTOR_REQUIRED: "The account must pass two-factor authentication first (send the TOTP code).",
  NOT_FOUND: "No such row, or not one the caller's store or account owns.",
  CONFLICT: "The request conflicts with the current state (the detail says how).",
  VERSION_CONFLICT: "Someone saved since you loaded: with If-Match the status is 412 and details.current is the saved state; a CSV import must run a new dry run.",
  IDEMPOTENCY_CONFLICT: "This Idempotency-Key was used with a different body.",
  INSUFFICIENT_STOCK: "Not enough stock for a line (details name the variant).",
  PAYMENT_DECLINED: "The payment was declined; nothing was ordered and the cart is as it was.",
  PAYMENT_EXPIRED: "The payment answered after the checkout's reservation had lapsed: it was voided, nothing was charged or ordered; place the order again.",
  RATE_LIMITED: "Too many requests: wait Retry-After seconds.",
  TOO_LARGE: "The body is larger than the operation takes (details.limitBytes).",
  UNSUPPORTED_MEDIA_TYPE: "The body's media type is not one the operation takes (details.accepted).",
  METHOD_NOT_ALLOWED: "The path exists, the method does not: see the Allow header.",
  INTERNAL: "An unexpected failure on our side; nothing was half-done.",
};

export default async function ApiDocsPage() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const codes = Object.keys(APP_ERROR_CODES) as AppErrorCode[];
  return (
    <div>
      <h1 className="text-2xl font-semibold">REST API reference</h1>
      <p className="mt-2 text-sm text-gray-600">
        Generated from{" "}
        <a className="underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>
        . Public catalog reads need no credentials; customers send an access token, stores and admins an API key, as{" "}
        <code>Authorization: Bearer …</code> (use “Authorize” to try operations).
      </p>
      <ApiReference nonce={nonce} specUrl="/api/v1/openapi.json" />
      <h2 className="mt-10 text-xl font-semibold">Problem types</h2>
      <p className="mt-2 text-sm text-gray-600">
        Errors are <code>application/problem+json</code>; their <code>type</code> links here and <code>appCode</code> names the row.
      </p>
      <dl className="mt-4 space-y-3 text-sm">
        {codes.map((code) => (
          <div key={code} id={`problem-${code.toLowerCase().replaceAll("_", "-")}`}>
            <dt className="font-mono font-semibold">
              {code} · {code === "VERSION_CONFLICT" ? "409 or 412" : httpStatusOf(new AppError(code, ""))}
            </dt>
            <dd className="text-gray-700">{PROBLEM_TEXT[code]}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
