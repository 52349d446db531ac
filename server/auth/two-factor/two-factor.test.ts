// Two-factor authentication as a user and an attacker meet it: enrolment (QR code, confirmation
// code, recovery codes), the second step at sign-in, replayed codes, recovery codes used once
// (also concurrently), disabling with a fresh code, the per-account limit on code attempts, and
// the staff requirement on seller and admin procedures. Codes are computed here with otplib, as
// an authenticator app would.
import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import { generate } from "otplib";
import { Redis } from "ioredis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import { describe, expect, inject, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { hashPassword } from "@/server/auth/password";
import { memoryFailureLimiter } from "@/server/auth/rate-limit";
import { signInWithPassword } from "@/server/auth/sign-in";
import type { Db } from "@/server/db/client";
import { inTransaction } from "@/server/db/transaction";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { backends, useTestDb } from "@/test/backends";
import { decryptTotpSecret, readEnrolmentTicket, signEnrolmentTicket } from "./crypto";
import { codeAttemptLimiter, memoryCodeAttemptLimiter } from "./limiter";
import { checkSecondFactor, disableTwoFactor, regenerateRecoveryCodes } from "./service";

type Role = "CUSTOMER" | "SELLER" | "ADMIN";
type Mfa = "not-enrolled" | "required" | "verified";
const PASSWORD = "two-factor-test-password";
const tag = () => randomBytes(4).toString("hex");

/** The code an authenticator app shows `offsetSteps` time steps from now. */
const codeAt = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

async function makeUser(db: Db, role: Role, opts: { store?: boolean; exempt?: boolean } = {}) {
  const id = tag();
  return db.user.create({
    data: {
      email: `tfa-${role.toLowerCase()}-${id}@example.com`,
      name: `TFA ${role} ${id}`,
      passwordHash: await hashPassword(PASSWORD),
      role,
      twoFactorExempt: opts.exempt ?? false,
      ...(opts.store ? { store: { create: { name: `TFA store ${id}`, slug: `tfa-${id}` } } } : {}),
    },
    select: { id: true, email: true, name: true, role: true },
  });
}

function callerAs(db: Db, u: { id: string; email: string; name: string }, role: Role, mfa: Mfa) {
  const session: Session = { user: { id: u.id, email: u.email, name: u.name, role, mfa, sid: `test-session-${u.id}` }, expires: new Date(Date.now() + 3_600_000).toISOString() };
  return createCaller(createContextInner({ db, session }));
}

/** Enrols `userId` through the procedures; answers the secret and the recovery codes. */
async function enrol(db: Db, u: { id: string; email: string; name: string; role: Role }) {
  const caller = callerAs(db, u, u.role, "not-enrolled");
  const { secret } = await caller.account.twoFactor.beginEnrolment();
  const code = await codeAt(secret);
  const { recoveryCodes, ticket } = await caller.account.twoFactor.confirm({ code });
  return { secret, code, recoveryCodes, ticket };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ALLOWED";
  } catch (err) {
    if (err instanceof TRPCError) return `${err.code}${err.cause instanceof AppError ? `/${err.cause.code}` : ""}`;
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

describe.each(backends())("two-factor authentication on %s", (backend) => {
  const t = useTestDb(backend);
  const limiters = () => ({ password: memoryFailureLimiter(100), code: memoryCodeAttemptLimiter(5) });

  it("enrols with a QR code and a confirmation code; the secret is stored encrypted and never shown again", async () => {
    const u = await makeUser(t.db, "CUSTOMER");
    const caller = callerAs(t.db, u, "CUSTOMER", "not-enrolled");
    const begun = await caller.account.twoFactor.beginEnrolment();
    expect(begun.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Livemarket:/);
    expect(new URL(begun.otpauthUrl).searchParams.get("secret")).toBe(begun.secret);
    expect(begun.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(begun.qrCode.split(",")[1]!, "base64").toString()).toContain("<svg");

    const row = await t.db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.totpEnabled).toBe(false);
    expect(row.totpSecret).not.toContain(begun.secret);
    expect(decryptTotpSecret(row.totpSecret!, u.id)).toBe(begun.secret);
    // Copied onto another user's row, the ciphertext is useless.
    expect(decryptTotpSecret(row.totpSecret!, "someone-else")).toBeNull();
    expect(await caller.account.twoFactor.status()).toMatchObject({ enabled: false, pending: true, required: false });

    // A wrong code does not turn it on.
    const wrong = (Number(await codeAt(begun.secret)) + 1) % 1_000_000;
    expect(await refusal(caller.account.twoFactor.confirm({ code: String(wrong).padStart(6, "0") }))).toBe("BAD_REQUEST/VALIDATION");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).totpEnabled).toBe(false);

    const confirmed = await caller.account.twoFactor.confirm({ code: await codeAt(begun.secret) });
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.recoveryCodes).size).toBe(10);
    for (const c of confirmed.recoveryCodes) expect(c).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
    // Only hashes are kept.
    const stored = await t.db.twoFactorRecoveryCode.findMany({ where: { userId: u.id } });
    expect(stored).toHaveLength(10);
    for (const s of stored) for (const c of confirmed.recoveryCodes) expect(s.codeHash).not.toContain(c.replace(/-/g, ""));

    const status = await caller.account.twoFactor.status();
    expect(status).toMatchObject({ enabled: true, pending: false, recoveryCodesLeft: 10 });
    expect(JSON.stringify(status)).not.toContain(begun.secret);
    // Enrolled: no second secret is handed out until 2FA is turned off.
    expect(await refusal(caller.account.twoFactor.beginEnrolment())).toBe("CONFLICT/CONFLICT");
    expect(await refusal(caller.account.twoFactor.confirm({ code: await codeAt(begun.secret, 1) }))).toBe("CONFLICT/CONFLICT");
  });

  it("asks for a code after the right password, signs in with it, and never accepts the same code twice", async () => {
    const u = await makeUser(t.db, "CUSTOMER");
    const { secret, code: enrolmentCode } = await enrol(t.db, u);
    const l = limiters();
    const signIn = (code?: string) => signInWithPassword(t.db, { email: u.email, password: PASSWORD, code }, "198.51.100.1", l.password, l.code);

    expect(await signIn()).toEqual({ ok: false, reason: "code-required" });
    // A wrong password never learns whether a code would be asked for.
    expect(await signInWithPassword(t.db, { email: u.email, password: "not-the-password" }, "198.51.100.1", l.password, l.code)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(t.db, { email: u.email, password: "not-the-password", code: await codeAt(secret, 1) }, "198.51.100.1", l.password, l.code)).toEqual({
      ok: false,
      reason: "invalid",
    });

    // The enrolment used the current step's code: the next step's is accepted (clock drift), once.
    const next = await codeAt(secret, 1);
    expect(await signIn(next)).toMatchObject({ ok: true, user: { id: u.id, mfa: "verified" } });
    expect(await signIn(next)).toEqual({ ok: false, reason: "code-invalid" });
    // An older code (the enrolment's step, or before) is refused too, even inside the window.
    expect(await signIn(enrolmentCode)).toEqual({ ok: false, reason: "code-invalid" });
    expect(await signIn("000000")).toEqual({ ok: false, reason: "code-invalid" });
  });

  it("accepts a recovery code once, also when the same code is sent twice at the same moment", async () => {
    const u = await makeUser(t.db, "CUSTOMER");
    const { recoveryCodes } = await enrol(t.db, u);
    const l = limiters();
    const signIn = (code: string) => signInWithPassword(t.db, { email: u.email, password: PASSWORD, code }, "198.51.100.2", l.password, l.code);

    // Typed loosely: upper case, no dashes.
    expect(await signIn(recoveryCodes[0]!.toUpperCase().replace(/-/g, ""))).toMatchObject({ ok: true, user: { mfa: "verified" } });
    expect(await signIn(recoveryCodes[0]!)).toEqual({ ok: false, reason: "code-invalid" });

    const code = recoveryCodes[1]!;
    const attempts = await Promise.all(
      Array.from({ length: 4 }, () => inTransaction(t.db, (tx) => checkSecondFactor(tx, u.id, code, { limiter: memoryCodeAttemptLimiter(100) }))),
    );
    expect(attempts.filter((a) => a === "recovery-code")).toHaveLength(1);
    expect(attempts.filter((a) => a === null)).toHaveLength(3);
    expect(await t.db.twoFactorRecoveryCode.count({ where: { userId: u.id, usedAt: null } })).toBe(8);
  });

  it("accepts one TOTP code once when it is sent twice at the same moment", async () => {
    const u = await makeUser(t.db, "CUSTOMER");
    const { secret } = await enrol(t.db, u);
    const code = await codeAt(secret, 1);
    const attempts = await Promise.all(
      Array.from({ length: 4 }, () => inTransaction(t.db, (tx) => checkSecondFactor(tx, u.id, code, { limiter: memoryCodeAttemptLimiter(100) }))),
    );
    expect(attempts.filter((a) => a === "totp")).toHaveLength(1);
  });

  it("turns two-factor off only with a fresh code; then sign-in needs the password alone", async () => {
    const u = await makeUser(t.db, "CUSTOMER");
    const { secret, code: enrolmentCode } = await enrol(t.db, u);
    const caller = callerAs(t.db, u, "CUSTOMER", "verified");
    // The code that confirmed enrolment is spent.
    expect(await refusal(caller.account.twoFactor.disable({ code: enrolmentCode }))).toBe("BAD_REQUEST/VALIDATION");
    expect(await refusal(caller.account.twoFactor.disable({ code: "123456" }))).toBe("BAD_REQUEST/VALIDATION");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).totpEnabled).toBe(true);

    await caller.account.twoFactor.disable({ code: await codeAt(secret, 1) });
    const row = await t.db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row).toMatchObject({ totpEnabled: false, totpSecret: null });
    expect(await t.db.twoFactorRecoveryCode.count({ where: { userId: u.id } })).toBe(0);
    const l = limiters();
    expect(await signInWithPassword(t.db, { email: u.email, password: PASSWORD }, "198.51.100.3", l.password, l.code)).toMatchObject({
      ok: true,
      user: { mfa: "not-enrolled" },
    });
    expect(await t.db.auditLog.count({ where: { entityId: u.id, action: { in: ["user.2fa.enable", "user.2fa.disable"] } } })).toBe(2);
  });

  it("turns two-factor off with a recovery code (a lost phone)", async () => {
    const u = await makeUser(t.db, "CUSTOMER");
    const { recoveryCodes } = await enrol(t.db, u);
    await inTransaction(t.db, (tx) => disableTwoFactor(tx, u.id, recoveryCodes[3]!, { limiter: memoryCodeAttemptLimiter(5) }));
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).totpEnabled).toBe(false);
  });

  it("new recovery codes need a fresh code from the app, and the old ones stop working", async () => {
    const u = await makeUser(t.db, "CUSTOMER");
    const { secret, recoveryCodes } = await enrol(t.db, u);
    const limiter = memoryCodeAttemptLimiter(20);
    // Not with a recovery code.
    await expect(inTransaction(t.db, (tx) => regenerateRecoveryCodes(tx, u.id, recoveryCodes[0]!, { limiter }))).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(inTransaction(t.db, (tx) => regenerateRecoveryCodes(tx, u.id, "654321", { limiter }))).rejects.toMatchObject({ code: "VALIDATION" });
    const ok = await inTransaction(t.db, async (tx) => regenerateRecoveryCodes(tx, u.id, await codeAt(secret, 1), { limiter }));
    expect(ok.recoveryCodes).toHaveLength(10);
    expect(await inTransaction(t.db, (tx) => checkSecondFactor(tx, u.id, recoveryCodes[1]!, { limiter }))).toBeNull();
    expect(await inTransaction(t.db, (tx) => checkSecondFactor(tx, u.id, ok.recoveryCodes[0]!, { limiter }))).toBe("recovery-code");
  });

  it("limits code attempts per account: after 5, even the right code waits; other accounts are not affected", async () => {
    const u = await makeUser(t.db, "CUSTOMER");
    const other = await makeUser(t.db, "CUSTOMER");
    const { secret } = await enrol(t.db, u);
    const { secret: otherSecret } = await enrol(t.db, other);
    const l = limiters();
    const signIn = (who: { email: string }, code: string) => signInWithPassword(t.db, { email: who.email, password: PASSWORD, code }, "198.51.100.4", l.password, l.code);
    for (let i = 0; i < 5; i++) expect(await signIn(u, `00000${i}`)).toEqual({ ok: false, reason: "code-invalid" });
    const blocked = await signIn(u, await codeAt(secret, 1));
    expect(blocked).toMatchObject({ ok: false, reason: "code-rate-limited" });
    expect(blocked.ok === false && blocked.reason === "code-rate-limited" && blocked.retryAfterSeconds).toBeGreaterThan(60);
    // Guessing in parallel is counted too.
    const burst = await Promise.all(Array.from({ length: 5 }, (_, i) => signIn(u, `11111${i}`)));
    expect(burst.every((r) => !r.ok && r.reason === "code-rate-limited")).toBe(true);
    expect(await signIn(other, await codeAt(otherSecret, 1))).toMatchObject({ ok: true });

    // The account's procedures share the limit (the app's own limiter here).
    const limited = await makeUser(t.db, "CUSTOMER");
    const { secret: s3 } = await enrol(t.db, limited);
    const caller = callerAs(t.db, limited, "CUSTOMER", "verified");
    for (let i = 0; i < env.TWO_FACTOR_MAX_ATTEMPTS; i++) expect(await refusal(caller.account.twoFactor.disable({ code: `22222${i}` }))).toBe("BAD_REQUEST/VALIDATION");
    expect(await refusal(caller.account.twoFactor.disable({ code: await codeAt(s3, 1) }))).toBe("TOO_MANY_REQUESTS/RATE_LIMITED");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: limited.id } })).totpEnabled).toBe(true);
  });

  it("sends staff without two-factor to enrolment first: seller and admin procedures refused, enrolment reachable, allowed after", async () => {
    const seller = await makeUser(t.db, "SELLER", { store: true });
    const admin = await makeUser(t.db, "ADMIN");
    const before = { seller: callerAs(t.db, seller, "SELLER", "not-enrolled"), admin: callerAs(t.db, admin, "ADMIN", "not-enrolled") };
    expect(await refusal(before.seller.seller.dashboard())).toBe("FORBIDDEN/TWO_FACTOR_REQUIRED");
    expect(await refusal(before.admin.admin.users.list({}))).toBe("FORBIDDEN/TWO_FACTOR_REQUIRED");
    expect(await before.seller.account.twoFactor.status()).toMatchObject({ enabled: false, required: true, exempt: false });

    const s = await enrol(t.db, seller);
    const a = await enrol(t.db, admin);
    // The sessions that confirmed become verified with their tickets (server/auth/options.ts):
    expect(readEnrolmentTicket(s.ticket)?.uid).toBe(seller.id);
    const verified = { seller: callerAs(t.db, seller, "SELLER", "verified"), admin: callerAs(t.db, admin, "ADMIN", "verified") };
    expect((await verified.seller.seller.dashboard()).store.slug).toMatch(/^tfa-/);
    expect((await verified.admin.admin.users.list({})).total).toBeGreaterThan(0);
    // A session that never passed the second step stays refused, even though 2FA is on.
    expect(await refusal(before.seller.seller.dashboard())).toBe("FORBIDDEN/TWO_FACTOR_REQUIRED");
    expect(await refusal(before.admin.admin.overview())).toBe("FORBIDDEN/TWO_FACTOR_REQUIRED");
    // The realtime token gives no store room to such a session.
    expect((await before.seller.realtime.token()).storeId).toBeNull();
    expect((await verified.seller.realtime.token()).storeId).not.toBeNull();

    // Turned off again: back to enrolment at once.
    await verified.admin.account.twoFactor.disable({ code: await codeAt(a.secret, 1) });
    expect(await refusal(verified.admin.admin.overview())).toBe("FORBIDDEN/TWO_FACTOR_REQUIRED");
  });

  it("lets exempt demo accounts and customers through without two-factor, and everyone when the setting is off", async () => {
    const demoSeller = await t.db.user.findUniqueOrThrow({ where: { email: "seller1@livemarket.test" } });
    const demoAdmin = await t.db.user.findUniqueOrThrow({ where: { email: "admin@livemarket.test" } });
    expect(demoSeller.twoFactorExempt && demoAdmin.twoFactorExempt).toBe(true);
    expect(await t.db.user.count({ where: { twoFactorExempt: true, NOT: { email: { endsWith: "@livemarket.test" } } } })).toBe(0);
    expect((await callerAs(t.db, demoSeller, "SELLER", "not-enrolled").seller.dashboard()).store.slug).toBe("northwind");
    expect((await callerAs(t.db, demoAdmin, "ADMIN", "not-enrolled").admin.overview()).users).toBeGreaterThan(0);
    const customer = await makeUser(t.db, "CUSTOMER");
    expect(await callerAs(t.db, customer, "CUSTOMER", "not-enrolled").account.twoFactor.status()).toMatchObject({ required: false });

    const seller = await makeUser(t.db, "SELLER", { store: true });
    const was = env.REQUIRE_2FA_FOR_STAFF;
    env.REQUIRE_2FA_FOR_STAFF = false;
    try {
      expect((await callerAs(t.db, seller, "SELLER", "not-enrolled").seller.dashboard()).store.slug).toMatch(/^tfa-/);
    } finally {
      env.REQUIRE_2FA_FOR_STAFF = was;
    }
    expect(await refusal(callerAs(t.db, seller, "SELLER", "not-enrolled").seller.dashboard())).toBe("FORBIDDEN/TWO_FACTOR_REQUIRED");
  });

  it("refuses bad input to the procedures with a 4xx and writes nothing", async () => {
    const u = await makeUser(t.db, "CUSTOMER");
    const caller = callerAs(t.db, u, "CUSTOMER", "not-enrolled");
    // Refused by the input schema (a ZodError under BAD_REQUEST).
    expect(await refusal(caller.account.twoFactor.confirm({ code: "" }))).toBe("BAD_REQUEST");
    expect(await refusal(caller.account.twoFactor.confirm({ code: "x".repeat(65) }))).toBe("BAD_REQUEST");
    expect(await refusal(caller.account.twoFactor.confirm({ code: "123456" }))).toBe("BAD_REQUEST/VALIDATION"); // nothing begun
    expect(await refusal(caller.account.twoFactor.disable({ code: "123456" }))).toBe("CONFLICT/CONFLICT");
    expect(await refusal(createCaller(createContextInner({ db: t.db })).account.twoFactor.status())).toBe("UNAUTHORIZED/UNAUTHENTICATED");
    expect(await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({ totpEnabled: false, totpSecret: null });
  });
});

describe("enrolment tickets", () => {
  it("hold for their user and enrolment for five minutes, and not when tampered with", () => {
    const at = new Date("2026-12-01T10:00:00Z");
    const now = Date.now();
    const ticket = signEnrolmentTicket("usr_1", at, now);
    expect(readEnrolmentTicket(ticket, now + 60_000)).toMatchObject({ uid: "usr_1", at: at.getTime() });
    expect(readEnrolmentTicket(ticket, now + 5 * 60_000 + 1)).toBeNull();
    const [body, sig] = ticket.split(".");
    const forged = Buffer.from(JSON.stringify({ uid: "usr_2", at: at.getTime(), exp: now + 60_000 })).toString("base64url");
    expect(readEnrolmentTicket(`${forged}.${sig}`, now)).toBeNull();
    expect(readEnrolmentTicket(`${body}.${sig}x`, now)).toBeNull();
    expect(readEnrolmentTicket(undefined, now)).toBeNull();
  });
});

const redisUrl = inject("redisUrl");
describe.each(redisUrl ? [redisUrl] : [])("code attempt limiter (Redis at %s)", (url) => {
  it("shares an account's count between app instances, and a right code resets it", async () => {
    const clients = [new Redis(url), new Redis(url)];
    try {
      const prefix = tag();
      const [a, b] = clients.map((storeClient) => codeAttemptLimiter(new RateLimiterRedis({ storeClient, keyPrefix: `test-2fa-${prefix}`, points: 3, duration: 60 })));
      const user = `usr_${prefix}`;
      expect(await a!.take(user)).toEqual({ allowed: true });
      expect(await b!.take(user)).toEqual({ allowed: true });
      expect(await a!.take(user)).toEqual({ allowed: true });
      const blocked = await b!.take(user);
      expect(blocked.allowed).toBe(false);
      expect(await a!.take(`usr_other_${prefix}`)).toEqual({ allowed: true });
      await b!.reset(user);
      expect(await a!.take(user)).toEqual({ allowed: true });
    } finally {
      for (const c of clients) c.disconnect();
    }
  });
});
