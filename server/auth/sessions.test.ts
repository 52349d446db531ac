// Server-side sessions: what a copied cookie, a sign-out, a disabling or a role change does to a
// session, through the same token check every request runs (refreshToken, server/auth/options.ts).
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { backends, useTestDb } from "@/test/backends";
import { inTransaction } from "@/server/db/transaction";
import { DEMO_ACCOUNTS } from "@/prisma/seed/seed";
import { setUserDisabled, setUserRole } from "@/server/services/admin/users";
import { refreshToken, revokeOnSignOut } from "./options";
import { checkSession, createSession, listSessions, revokeSession, revokeUserSessions, SESSION_MAX_AGE_SECONDS, SESSION_TOUCH_MS } from "./sessions";

describe.each(backends())("server-side sessions on %s", (backend) => {
  const t = useTestDb(backend);

  async function signedIn(email: string, ua = "Test browser") {
    const user = await t.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true } });
    const { id } = await createSession(t.db, { userId: user.id, userAgent: ua, address: "192.0.2.1" });
    const token: JWT = { uid: user.id, sid: id, role: user.role, name: "stale", email };
    return { userId: user.id, sid: id, token };
  }
  const revokedEvents = (userId: string) =>
    t.db.outboxEvent.findMany({ where: { topic: "session.revoked", aggregateId: userId }, orderBy: { id: "asc" }, select: { payload: true } });

  it("a cookie copied elsewhere stops working once its browser signs out", async () => {
    const s = await signedIn(DEMO_ACCOUNTS.customer.email);
    const copy = { ...s.token };
    expect((await refreshToken(t.db, copy)).uid).toBe(s.userId);
    await revokeOnSignOut(t.db, s.token);
    const after = await refreshToken(t.db, copy);
    expect(after.uid).toBeUndefined();
    expect(after.role).toBeUndefined();
    expect((await revokedEvents(s.userId)).at(-1)?.payload).toEqual({ userId: s.userId, sessionIds: [s.sid], all: false });
  });

  it("a database that cannot answer makes the request signed out, without ending the session", async () => {
    const s = await signedIn(DEMO_ACCOUNTS.customer.email);
    const broken = { $queryRaw: () => Promise.reject(new Error("connection refused")) } as unknown as typeof t.db;
    const during = await refreshToken(broken, s.token);
    expect(during).toMatchObject({ uid: s.userId, sid: s.sid, unchecked: true });
    const after = await refreshToken(t.db, during);
    expect(after.uid).toBe(s.userId);
    expect(after.unchecked).toBeUndefined();
  });

  it("a token with no server-side session (older cookie) or another user's session is no session", async () => {
    const a = await signedIn(DEMO_ACCOUNTS.customer.email);
    const b = await signedIn("seller2@livemarket.test");
    expect((await refreshToken(t.db, { ...a.token, sid: undefined })).uid).toBeUndefined();
    expect((await refreshToken(t.db, { ...a.token, sid: b.sid })).uid).toBeUndefined();
    expect((await refreshToken(t.db, { ...a.token, sid: "made-up" })).uid).toBeUndefined();
  });

  it("carries the current role and name on the very next request, and a disabled user has no session", async () => {
    const s = await signedIn("seller3@livemarket.test");
    await t.db.user.update({ where: { id: s.userId }, data: { role: "CUSTOMER", name: "Renamed" } });
    expect(await refreshToken(t.db, s.token)).toMatchObject({ uid: s.userId, role: "CUSTOMER", name: "Renamed" });
    await t.db.user.update({ where: { id: s.userId }, data: { disabledAt: new Date() } });
    expect((await refreshToken(t.db, s.token)).uid).toBeUndefined();
  });

  it("revokes a user's other sessions, keeping one, and lists what is left", async () => {
    const here = await signedIn(DEMO_ACCOUNTS.admin.email, "Here");
    const other = await signedIn(DEMO_ACCOUNTS.admin.email, "Other");
    const listed = await listSessions(t.db, here.userId, here.sid);
    expect(listed.find((x) => x.id === here.sid)).toMatchObject({ current: true, userAgent: "Here", address: "192.0.2.1" });
    expect(listed.find((x) => x.id === other.sid)).toMatchObject({ current: false, userAgent: "Other" });

    const revoked = await inTransaction(t.db, (tx) => revokeUserSessions(tx, here.userId, { except: here.sid }));
    expect(revoked).toContain(other.sid);
    expect(revoked).not.toContain(here.sid);
    expect((await refreshToken(t.db, other.token)).uid).toBeUndefined();
    expect((await refreshToken(t.db, here.token)).uid).toBe(here.userId);
    expect((await listSessions(t.db, here.userId, here.sid)).map((x) => x.id)).toEqual([here.sid]);
    expect((await revokedEvents(here.userId)).at(-1)?.payload).toMatchObject({ userId: here.userId, all: false, sessionIds: expect.arrayContaining([other.sid]) });

    await inTransaction(t.db, (tx) => revokeUserSessions(tx, here.userId));
    expect((await refreshToken(t.db, here.token)).uid).toBeUndefined();
    expect((await revokedEvents(here.userId)).at(-1)?.payload).toEqual({ userId: here.userId, sessionIds: [here.sid], all: true });
  });

  it("an admin's role change or disabling signs every browser of that user out", async () => {
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.admin.email }, select: { id: true } });
    const target = await t.db.user.create({ data: { email: `target-${backend}@example.com`, name: "Target", passwordHash: "x", role: "ADMIN" }, select: { email: true } });
    const a = await signedIn(target.email, "Laptop");
    const b = await signedIn(target.email, "Phone");
    await inTransaction(t.db, (tx) => setUserRole(tx, admin.id, { userId: a.userId, role: "CUSTOMER" }));
    expect((await refreshToken(t.db, a.token)).uid).toBeUndefined();
    expect((await refreshToken(t.db, b.token)).uid).toBeUndefined();
    expect((await revokedEvents(a.userId)).at(-1)?.payload).toMatchObject({ all: true, sessionIds: expect.arrayContaining([a.sid, b.sid]) });

    await t.db.user.update({ where: { id: a.userId }, data: { role: "ADMIN" } });
    const c = await signedIn(target.email, "Tablet");
    await inTransaction(t.db, (tx) => setUserDisabled(tx, admin.id, { userId: c.userId, disabled: true }));
    expect(await t.db.userSession.findUniqueOrThrow({ where: { id: c.sid } })).toMatchObject({ revokedAt: expect.any(Date) });
    await t.db.user.update({ where: { id: c.userId }, data: { disabledAt: null } });
    // Enabled again, the revoked session stays revoked: the user signs in again.
    expect((await refreshToken(t.db, c.token)).uid).toBeUndefined();
  });

  it("a customer made seller stays signed in and has the new role at the next request", async () => {
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.admin.email }, select: { id: true } });
    const target = await t.db.user.create({ data: { email: `promoted-${backend}@example.com`, name: "Promoted", passwordHash: "x" }, select: { email: true } });
    const s = await signedIn(target.email, "Laptop");
    expect((await refreshToken(t.db, s.token)).role).toBe("CUSTOMER");
    await inTransaction(t.db, (tx) => setUserRole(tx, admin.id, { userId: s.userId, role: "SELLER" }));
    const after = await refreshToken(t.db, s.token);
    expect(after).toMatchObject({ uid: s.userId, role: "SELLER" });
    expect(await t.db.userSession.findUniqueOrThrow({ where: { id: s.sid } })).toMatchObject({ revokedAt: null });
  });

  it("one user cannot revoke another's session by its id", async () => {
    const victim = await signedIn("seller1@livemarket.test");
    const attacker = await signedIn(DEMO_ACCOUNTS.customer.email);
    expect(await inTransaction(t.db, (tx) => revokeSession(tx, victim.sid, { userId: attacker.userId }))).toBe(false);
    expect((await refreshToken(t.db, victim.token)).uid).toBe(victim.userId);
  });

  it("lists only sessions used within the cookie's lifetime, and forgets long-ended ones at the next sign-in", async () => {
    const old = await signedIn("seller2@livemarket.test", "Old laptop");
    const gone = await signedIn("seller2@livemarket.test", "Lost phone");
    const longAgo = new Date(Date.now() - (SESSION_MAX_AGE_SECONDS + 3600) * 1000);
    await t.db.userSession.update({ where: { id: old.sid }, data: { lastSeenAt: longAgo } });
    await t.db.userSession.update({ where: { id: gone.sid }, data: { revokedAt: longAgo } });
    const listed = (await listSessions(t.db, old.userId)).map((x) => x.id);
    expect(listed).not.toContain(old.sid);
    expect(listed).not.toContain(gone.sid);
    await signedIn("seller2@livemarket.test", "New laptop");
    expect(await t.db.userSession.count({ where: { id: { in: [old.sid, gone.sid] } } })).toBe(0);
  });

  it("writes lastSeenAt only when it is a few minutes old", async () => {
    const s = await signedIn(DEMO_ACCOUNTS.customer.email);
    const seen = async () => (await t.db.userSession.findUniqueOrThrow({ where: { id: s.sid } })).lastSeenAt.getTime();
    const first = await seen();
    await checkSession(t.db, s.sid, s.userId, new Date(first + 1000));
    expect(await seen()).toBe(first);
    const later = new Date(first + SESSION_TOUCH_MS + 1000);
    await checkSession(t.db, s.sid, s.userId, later);
    expect(await seen()).toBe(later.getTime());
  });
});
