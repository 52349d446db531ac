// Server-side sessions. The session cookie is still next-auth's signed JWT, but it only names a
// row of "UserSession" (its `sid`); on every request the row and its user are read by primary
// key (server/auth/options.ts, jwt callback): a missing or revoked row, or a disabled user, is
// no session at all, and the role is the user's current one. Revoking a row therefore signs
// that browser out at its next request, wherever its cookie was copied to.
//
// Every revocation records the internal outbox event "session.revoked" in the same transaction:
// the relay has the sidecar drop the revoked sessions' sockets and remember their ids, so a room
// token minted for a revoked session opens nothing any more (server/realtime/sidecar.ts).
import "server-only";
import { randomBytes } from "node:crypto";
import type { DbClient, Tx } from "@/server/db/transaction";
import { outboxEvent, recordEvents } from "@/server/services/outbox/record-event";

/** How long a session lasts without being used: the cookie's lifetime, renewed as it is used. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** lastSeenAt is written at most this often per session, not on every request. */
export const SESSION_TOUCH_MS = 5 * 60_000;
/** What is kept of a browser's description. */
const MAX_USER_AGENT = 300;
const MAX_ADDRESS = 100;

export type Role = "CUSTOMER" | "SELLER" | "ADMIN";

export interface LiveSession {
  sessionId: string;
  userId: string;
  role: Role;
  name: string;
  email: string;
  /** The account has two-factor on now (a session that never passed it is then no session). */
  totpEnabled: boolean;
}

export interface SessionInfo {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string;
  address: string;
  /** The session of the caller (this device). */
  current: boolean;
}

/** A new session for a user who just proved who they are. Its id goes into the JWT. */
export async function createSession(
  db: DbClient,
  input: { userId: string; userAgent?: string | null; address?: string | null },
): Promise<{ id: string }> {
  const id = randomBytes(32).toString("base64url");
  // The user's sessions that ended long ago (revoked, or unused past the cookie's lifetime) go,
  // so the table holds about what is alive.
  const cutoff = new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000);
  await db.userSession.deleteMany({ where: { userId: input.userId, OR: [{ revokedAt: { lt: cutoff } }, { lastSeenAt: { lt: cutoff } }] } });
  await db.userSession.create({
    data: {
      id,
      userId: input.userId,
      userAgent: (input.userAgent ?? "").slice(0, MAX_USER_AGENT),
      // An IPv4 client seen through an IPv6 socket reads "::ffff:1.2.3.4": shown as 1.2.3.4.
      address: (input.address ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "").slice(0, MAX_ADDRESS),
    },
    select: { id: true },
  });
  return { id };
}

/**
 * The per-request check: the session row and its user, by primary key. Null when the row is
 * missing, revoked, belongs to another user than the token says, or the user is disabled.
 * Touches lastSeenAt when it is older than SESSION_TOUCH_MS.
 */
export async function checkSession(db: DbClient, sessionId: string, userId: string, now = new Date()): Promise<LiveSession | null> {
  // One statement, one primary-key lookup and the user's row by its key: every request runs it.
  const [row] = await db.$queryRaw<{ userId: string; revokedAt: Date | null; lastSeenAt: Date; role: Role; name: string; email: string; disabledAt: Date | null; totpEnabled: boolean }[]>`
    SELECT s."userId", s."revokedAt", s."lastSeenAt", u.role::text AS role, u.name, u.email, u."disabledAt", u."totpEnabled"
    FROM "UserSession" s JOIN "User" u ON u.id = s."userId"
    WHERE s.id = ${sessionId}`;
  if (!row || row.revokedAt || row.userId !== userId || row.disabledAt) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    // Conditional, so two concurrent requests write once; a failure here never refuses a request.
    await db.userSession
      .updateMany({ where: { id: sessionId, lastSeenAt: { lt: new Date(now.getTime() - SESSION_TOUCH_MS) } }, data: { lastSeenAt: now } })
      .catch(() => undefined);
  }
  return { sessionId, userId, role: row.role, name: row.name, email: row.email, totpEnabled: row.totpEnabled };
}

/** Revokes one session (sign-out, "revoke" on the security page). `userId`, when given, must own
 * it: a user cannot revoke someone else's session by naming its id. True when it was active. */
export async function revokeSession(tx: Tx, sessionId: string, opts: { userId?: string } = {}): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string; userId: string }[]>`
    UPDATE "UserSession" SET "revokedAt" = timezone('UTC', now())
    WHERE id = ${sessionId} AND "revokedAt" IS NULL AND (${opts.userId ?? null}::text IS NULL OR "userId" = ${opts.userId ?? null})
    RETURNING id, "userId"`;
  const row = rows[0];
  if (!row) return false;
  await recordEvents(tx, [outboxEvent("session.revoked", row.userId, { userId: row.userId, sessionIds: [row.id], all: false })]);
  return true;
}

/**
 * Revokes every active session of a user, or every one but `except` (the password change keeps
 * the device it was made on). Disabling a user and changing their role revoke them all. Returns
 * the ids revoked. With no `except`, the event also drops sockets opened by any older token.
 */
export async function revokeUserSessions(tx: Tx, userId: string, opts: { except?: string } = {}): Promise<string[]> {
  const except = opts.except ?? "";
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "UserSession" SET "revokedAt" = timezone('UTC', now())
    WHERE "userId" = ${userId} AND "revokedAt" IS NULL AND id <> ${except}
    RETURNING id`;
  const sessionIds = rows.map((r) => r.id);
  const all = !opts.except;
  if (sessionIds.length > 0 || all) {
    // Listed in chunks, so one event stays small however many sessions a user had.
    const chunks = sessionIds.length ? chunk(sessionIds, 500) : [[]];
    await recordEvents(
      tx,
      chunks.map((ids) => outboxEvent("session.revoked", userId, { userId, sessionIds: ids, all })),
    );
  }
  return sessionIds;
}

/** A user's active sessions, the most recently seen first. */
export async function listSessions(db: DbClient, userId: string, currentSessionId?: string | null): Promise<SessionInfo[]> {
  const rows = await db.userSession.findMany({
    where: { userId, revokedAt: null, lastSeenAt: { gte: new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000) } },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    take: 100,
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, address: true },
  });
  return rows.map((r) => ({ ...r, current: r.id === currentSessionId }));
}

function chunk<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
