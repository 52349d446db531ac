// Conditional GETs for reads that are the same for every caller (public catalog reads, over tRPC
// and REST): the body's hash as a strong ETag, `Cache-Control: no-cache` (a cache may keep the
// body but must ask again every time: stock and price are live, so no max-age), and 304 Not
// Modified when the client's If-None-Match names the current body. docs/decisions.md 118.
import "server-only";
import { createHash } from "node:crypto";

/** Cache-Control of a read identical for everyone: stored, but revalidated on every use. */
export const SHARED_REVALIDATE = "no-cache";
/** Cache-Control of anything per-user or not a read: never stored. */
export const NEVER_STORE = "private, no-store";

/** A strong validator of these exact bytes. */
export function bodyEtag(body: string): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** Whether If-None-Match (a list of tags, or "*") names `etag`; weak comparison (RFC 9110 13.1.2). */
export function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === bare);
}

/** The response of a shared read: `headers` gain ETag and Cache-Control; 304 without a body when
 * the client already holds these bytes. `status` must be 200 (other answers are not validated). */
export function sharedReadResponse(req: Request, body: string, headers: Headers): Response {
  const etag = bodyEtag(body);
  headers.set("etag", etag);
  headers.set("cache-control", SHARED_REVALIDATE);
  if (ifNoneMatchHits(req.headers.get("if-none-match"), etag)) {
    headers.delete("content-type");
    headers.delete("content-length");
    return new Response(null, { status: 304, headers });
  }
  return new Response(req.method === "HEAD" ? null : body, { status: 200, headers });
}
