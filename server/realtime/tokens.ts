// Secrets shared by the app and the sidecar, both derived from the session signing secret that
// `npm start` gives both processes, so there is nothing more to configure:
// - the internal publish key: the embedded default's app -> sidecar channel accepts only it;
// - room tokens: a browser proves it may join private rooms, its user's own and, for a seller,
//   the store's (the sidecar has no database, so the app signs what the user may watch).
import "server-only";
import { timingSafeEqual } from "node:crypto";
import { hmac, readClaims, signClaims } from "@/server/security/signed-claims";

/** Where the embedded default's app POSTs realtime messages to the sidecar, with the key below.
 * Here rather than in publisher.ts: the sidecar imports it, and publisher.ts brings ioredis and
 * the Redis emitter, which a sidecar without REDIS_URL must not load (memory at rest). */
export const INTERNAL_PUBLISH_PATH = "/internal/publish";

export function internalPublishKey(secret: string): string {
  return hmac(secret, "internal-publish", "v1").toString("base64url");
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
  /** The session the token was minted for (server/auth/sessions.ts): once it is revoked, the
   * sidecar drops the sockets it opened and refuses the token (it hears of revocations). */
  sid: string;
  /** Expiry, epoch milliseconds. */
  exp: number;
}

/** Short, because it bounds what a sidecar that restarted (and so forgot which sessions were
 * revoked) may still accept; pages ask for a fresh token on every (re)connection anyway. */
export const ROOM_TOKEN_TTL_MS = 10 * 60 * 1000;

/** Sidecars tell each other (through Redis) about revoked sessions with this server-side event,
 * and keep them under this Redis key prefix for a token's lifetime. */
export const REVOKED_SESSIONS_EVENT = "livemarket:revoked-sessions";
export const revokedSessionKey = (sid: string) => `livemarket:revoked-session:${sid}`;

export function signRoomToken(secret: string, claims: RoomTokenClaims): string {
  return signClaims(secret, "room-token", claims);
}

/** The claims when the token is genuine and unexpired, otherwise null. */
export function verifyRoomToken(secret: string, token: string, now = Date.now()): RoomTokenClaims | null {
  const claims = readClaims(secret, "room-token", token) as Partial<RoomTokenClaims> | null;
  if (!claims) return null;
  if (!Array.isArray(claims.rooms) || !claims.rooms.every((r) => typeof r === "string") || typeof claims.userId !== "string" || typeof claims.exp !== "number") return null;
  // A token tied to no session (minted before sessions existed) opens nothing.
  if (typeof claims.sid !== "string" || claims.sid.length === 0) return null;
  if (claims.exp <= now) return null;
  return { rooms: claims.rooms, userId: claims.userId, sid: claims.sid, exp: claims.exp };
}
