// Claims the server signs and later reads back unchanged: `<base64url JSON>.<base64url HMAC>`,
// the HMAC-SHA-256 under a secret and a purpose (so a token made for one use never passes for
// another). Room tokens for the sidecar and 2FA enrolment tickets use it.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

const MAX_TOKEN_LENGTH = 4096;

/** HMAC-SHA-256 of `data` for `purpose` under `secret`. */
export function hmac(secret: string | Buffer, purpose: string, data: string): Buffer {
  return createHmac("sha256", secret).update(`livemarket:${purpose}:`).update(data).digest();
}

export function signClaims(secret: string | Buffer, purpose: string, claims: object): string {
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${body}.${hmac(secret, purpose, body).toString("base64url")}`;
}

/** The claims object when `token` was signed for `purpose` under `secret`; otherwise null. The
 * caller checks the claims' shape and expiry. */
export function readClaims(secret: string | Buffer, purpose: string, token: unknown): Record<string, unknown> | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return null;
  const [body, sig, extra] = token.split(".");
  if (!body || !sig || extra !== undefined) return null;
  const given = Buffer.from(sig, "base64url");
  const expected = hmac(secret, purpose, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
