// The REST API's interactive reference: Swagger UI (from our own assets) rendering the OpenAPI
// document at /api/v1/openapi.json. Its script is loaded under this response's CSP nonce.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiReference } from "./api-reference";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiDocsPage() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
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
    </div>
  );
}
