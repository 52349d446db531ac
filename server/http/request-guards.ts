// What every HTTP entry point (tRPC, route handlers, next-auth) checks before it does anything
// else: the request's origin (state-changing requests from other sites are refused), its content
// type (only what the endpoint reads), and its size (the body is read through one bounded reader
// that stops at the endpoint's limit, with or without Content-Length; nothing past the limit is
// ever buffered).
import "server-only";
import { getAppUrl } from "@/server/env";
import { AppError } from "@/server/errors";

/** Body limits per entry point, in bytes. Uploads and imports name their own (their file limits
 * plus multipart overhead). */
export const BODY_LIMITS = {
  /** a tRPC request or batch (the largest input, an import's CSV text, is capped far below) */
  trpc: 1024 * 1024,
  /** next-auth's forms (sign-in, sign-out, CSRF token) */
  auth: 16 * 1024,
  /** a route handler that names no limit */
  route: 64 * 1024,
} as const;

/** The most calls one tRPC batch request may carry (the client's httpBatchLink uses the same). */
export const TRPC_MAX_BATCH = 10;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(req: Request): boolean {
  return !SAFE_METHODS.has(req.method.toUpperCase());
}

function originOf(value: string | null): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return "invalid";
  }
}

/**
 * Refuses a state-changing request that a page of another origin (another site, port or
 * subdomain) could have made with the visitor's cookies. The request's Origin header (else its
 * Referer's origin) must be the app's own (NEXTAUTH_URL, or http://localhost:PORT). A request with
 * neither header is a non-browser client (every current browser sends Origin on POST): it passes
 * only when it carries no cookie, i.e. no ambient credentials a forgery could borrow.
 */
export function assertSameOrigin(req: Request, appOrigin: string = new URL(getAppUrl()).origin): void {
  if (!isStateChanging(req)) return;
  const origin = req.headers.get("origin");
  const claimed = origin !== null ? originOf(origin) : originOf(req.headers.get("referer"));
  if (claimed === appOrigin) return;
  if (claimed === null && !req.headers.get("cookie")) return;
  throw new AppError(
    "FORBIDDEN",
    claimed === null ? "This request needs an Origin header: send it from the app's own pages" : "Requests from other sites are refused",
  );
}

/** The request's media type, lower-cased, without parameters ("" when absent). */
export function mediaTypeOf(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Refuses (415) a body whose content type is not one of `allowed`. */
export function assertContentType(req: Request, allowed: readonly string[]): void {
  const type = mediaTypeOf(req);
  if (!allowed.includes(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send the body as ${allowed.join(" or ")}${type ? ` (not ${type})` : ""}`, {
      details: { accepted: [...allowed] },
    });
  }
}

function tooLarge(limit: number, message?: string): AppError {
  if (message) return new AppError("TOO_LARGE", message, { details: { limitBytes: limit } });
  const size = limit >= 1024 * 1024 ? `${Math.round((limit / 1024 / 1024) * 10) / 10} MB` : `${Math.round(limit / 1024)} KB`;
  return new AppError("TOO_LARGE", `The request body is larger than ${size}; the limit is ${size}.`, { details: { limitBytes: limit } });
}

/**
 * The request body, read from its stream up to `limit` bytes: a Content-Length over the limit is
 * refused before reading; a body that grows past it (chunked, or lying about its length) is
 * cancelled at the first chunk that crosses it. Throws TOO_LARGE (413).
 */
export async function readBoundedBody(req: Request, limit: number, message?: string): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    await req.body?.cancel().catch(() => {});
    throw tooLarge(limit, message);
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit, message);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A copy of `req` whose body is `body` (already read and bounded), for a handler that parses
 * the body itself (tRPC's fetch adapter, next-auth, formData()). */
export function withBody(req: Request, body: Uint8Array<ArrayBuffer> | null): Request {
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  return new Request(req.url, { method: req.method, headers, body: body && body.byteLength > 0 ? body : undefined, signal: req.signal });
}
