// account.*: the security page's procedures, as the signed-in user, on both backends, with real
// sessions checked the way every request checks them (refreshToken).
import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { backends, useTestDb } from "@/test/backends";
import { errorOf } from "@/test/errors";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { refreshToken } from "@/server/auth/options";
import { createSession } from "@/server/auth/sessions";
import { hashPassword, verifyPassword } from "@/server/auth/password";

describe.each(backends())("account.* on %s", (backend) => {
  const t = useTestDb(backend);
  let n = 0;

  async function newUser(password = "old-password-1") {
    const u = await t.db.user.create({
      data: { email: `acct-${backend}-${++n}-${Date.now()}@example.com`, name: "Acct", passwordHash: await hashPassword(password) },
      select: { id: true, email: true, name: true },
    });
    return u;
  }
  async function device(u: { id: string; email: string; name: string }, ua: string) {
    const { id: sid } = await createSession(t.db, { userId: u.id, userAgent: ua, address: "198.51.100.4" });
    const session: Session = { user: { id: u.id, email: u.email, name: u.name, role: "CUSTOMER", mfa: "not-enrolled", sid }, expires: new Date(Date.now() + 3_600_000).toISOString() };
    const token: JWT = { uid: u.id, sid, role: "CUSTOMER" };
    const signedIn = async () => Boolean((await refreshToken(t.db, token)).uid);
    return { sid, caller: createCaller(createContextInner({ db: t.db, session })), signedIn };
  }

  it("lists the caller's sessions with this device marked, and revokes another one", async () => {
    const u = await newUser();
    const laptop = await device(u, "Laptop Firefox");
    const phone = await device(u, "Phone Safari");
    const list = await laptop.caller.account.sessions();
    expect(list.map((s) => [s.userAgent, s.current]).sort()).toEqual([["Laptop Firefox", true], ["Phone Safari", false]]);
    expect(list[0]).toMatchObject({ address: "198.51.100.4", lastSeenAt: expect.any(Date) });

    expect(await laptop.caller.account.revokeSession({ sessionId: phone.sid })).toEqual({ current: false });
    expect(await phone.signedIn()).toBe(false);
    expect(await laptop.signedIn()).toBe(true);
    expect((await errorOf(laptop.caller.account.revokeSession({ sessionId: phone.sid }))).code).toBe("NOT_FOUND");
  });

  it("cannot revoke another user's session", async () => {
    const victim = await device(await newUser(), "Victim");
    const attacker = await device(await newUser(), "Attacker");
    expect((await errorOf(attacker.caller.account.revokeSession({ sessionId: victim.sid }))).code).toBe("NOT_FOUND");
    expect(await victim.signedIn()).toBe(true);
    expect((await attacker.caller.account.sessions()).map((s) => s.id)).not.toContain(victim.sid);
  });

  it("signs out everywhere, this device included", async () => {
    const u = await newUser();
    const a = await device(u, "A");
    const b = await device(u, "B");
    expect(await a.caller.account.signOutEverywhere()).toEqual({ signedOut: 2 });
    expect(await a.signedIn()).toBe(false);
    expect(await b.signedIn()).toBe(false);
  });

  it("changes the password with the current one, signs out the other devices and keeps this one", async () => {
    const u = await newUser("old-password-1");
    const here = await device(u, "Here");
    const there = await device(u, "There");
    expect(await here.caller.account.changePassword({ currentPassword: "old-password-1", newPassword: "new-password-2" })).toEqual({ signedOut: 1 });
    expect(await here.signedIn()).toBe(true);
    expect(await there.signedIn()).toBe(false);
    const hash = (await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash;
    expect(await verifyPassword(hash, "new-password-2")).toBe(true);
  });

  it("refuses a wrong current password or a bad new one with a field error, and changes nothing", async () => {
    const u = await newUser("old-password-1");
    const here = await device(u, "Here");
    const other = await device(u, "Other");
    const before = (await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash;
    const wrong = await errorOf(here.caller.account.changePassword({ currentPassword: "not-it-at-all", newPassword: "new-password-2" }));
    expect(wrong.code).toBe("BAD_REQUEST");
    expect((wrong.cause as { fieldErrors?: Record<string, string[]> }).fieldErrors).toHaveProperty("currentPassword");
    const short = await errorOf(here.caller.account.changePassword({ currentPassword: "old-password-1", newPassword: "short" }));
    expect(short.code).toBe("BAD_REQUEST");
    const same = await errorOf(here.caller.account.changePassword({ currentPassword: "old-password-1", newPassword: "old-password-1" }));
    expect(same.code).toBe("BAD_REQUEST");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash).toBe(before);
    expect(await other.signedIn()).toBe(true);
  });

  it("answers UNAUTHORIZED without a session", async () => {
    const anon = createCaller(createContextInner({ db: t.db, session: null }));
    expect((await errorOf(anon.account.sessions())).code).toBe("UNAUTHORIZED");
    expect((await errorOf(anon.account.signOutEverywhere())).code).toBe("UNAUTHORIZED");
  });
});
