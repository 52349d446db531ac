// Secrets shared by the app and the sidecar, both derived from the session signing secret that
// `npm start` gives both processes, so there is nothing more to configure:
// - the internal publish key: the embedded default's app -> sidecar channel accepts only it;
// - store tokens: a seller's browser proves it may join its store's room (the sidecar has no
//   database, so the app signs what the seller is allowed to watch).
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

const b64url = (buf: Buffer) => buf.toString("base64url");

function mac(secret: string, purpose: string, data: string): Buffer {
  return createHmac("sha256", secret).update(`livemarket:${purpose}:`).update(data).digest();
}

export function internalPublishKey(secret: string): string {
  return b64url(mac(secret, "internal-publish", "v1"));
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface StoreTokenClaims {
  storeId: string;
  userId: string;
  /** Expiry, epoch milliseconds. */
  exp: number;
}

export const STORE_TOKEN_TTL_MS = 60 * 60 * 1000;

export function signStoreToken(secret: string, claims: StoreTokenClaims): string {
  const body = b64url(Buffer.from(JSON.stringify(claims)));
  return `${body}.${b64url(mac(secret, "store-token", body))}`;
}

/** The claims when the token is genuine and unexpired, otherwise null. */
export function verifyStoreToken(secret: string, token: string, now = Date.now()): StoreTokenClaims | null {
  const [body, sig, extra] = token.split(".");
  if (!body || !sig || extra !== undefined) return null;
  if (!safeEqual(sig, b64url(mac(secret, "store-token", body)))) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Partial<StoreTokenClaims>;
    if (typeof claims.storeId !== "string" || typeof claims.userId !== "string" || typeof claims.exp !== "number") return null;
    if (claims.exp <= now) return null;
    return { storeId: claims.storeId, userId: claims.userId, exp: claims.exp };
  } catch {
    return null;
  }
}
