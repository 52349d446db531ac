// Secrets shared by the app and the sidecar, both derived from the session signing secret that
// `npm start` gives both processes, so there is nothing more to configure:
// - the internal publish key: the embedded default's app -> sidecar channel accepts only it;
// - room tokens: a browser proves it may join private rooms, its user's own and, for a seller,
//   the store's (the sidecar has no database, so the app signs what the user may watch).
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

export interface RoomTokenClaims {
  /** The private rooms the token opens (the user's own room; a seller's store room). */
  rooms: string[];
  userId: string;
  /** Expiry, epoch milliseconds. */
  exp: number;
}

export const ROOM_TOKEN_TTL_MS = 60 * 60 * 1000;

export function signRoomToken(secret: string, claims: RoomTokenClaims): string {
  const body = b64url(Buffer.from(JSON.stringify(claims)));
  return `${body}.${b64url(mac(secret, "room-token", body))}`;
}

/** The claims when the token is genuine and unexpired, otherwise null. */
export function verifyRoomToken(secret: string, token: string, now = Date.now()): RoomTokenClaims | null {
  const [body, sig, extra] = token.split(".");
  if (!body || !sig || extra !== undefined) return null;
  if (!safeEqual(sig, b64url(mac(secret, "room-token", body)))) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Partial<RoomTokenClaims>;
    if (!Array.isArray(claims.rooms) || !claims.rooms.every((r) => typeof r === "string") || typeof claims.userId !== "string" || typeof claims.exp !== "number") return null;
    if (claims.exp <= now) return null;
    return { rooms: claims.rooms, userId: claims.userId, exp: claims.exp };
  } catch {
    return null;
  }
}
