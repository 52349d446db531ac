// Password reset by email, as an attacker and a forgetful user would notice it: what the answer
// says, what lands in the mailbox, what the database keeps, and what a link does when reused,
// raced, expired or superseded. Plus registration's limit on "already exists" answers.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { backends, useTestDb } from "@/test/backends";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { folderMailer, listFolderMail, type Mail, type Mailer } from "@/server/mail/mailer";
import { registerUser } from "@/server/services/users/register-user";
import { createAccountLimits } from "./account-limits";
import { hashPassword } from "./password";
import { hashResetToken, INVALID_RESET_LINK, requestPasswordReset, resetPassword, RESET_TOKEN_TTL_MS } from "./password-reset";
import { createLimits } from "@/server/limits/limits";
import { signInWithPassword } from "./sign-in";
import { checkSession, createSession } from "./sessions";
import { inTransaction } from "@/server/db/transaction";
import { applyPasswordChange } from "@/server/services/account/change-password";

const OLD_PASSWORD = "old-password-123";
const APP_URL = "http://shop.test";
let n = 0;

async function makeUser(db: Db) {
  const email = `reset-${Date.now().toString(36)}-${++n}@example.com`;
  return db.user.create({ data: { email, name: `Reset User ${n}`, passwordHash: await hashPassword(OLD_PASSWORD) }, select: { id: true, email: true } });
}

/** A mailer that keeps what it was given. */
function memoryMailer(): Mailer & { sent: Mail[] } {
  const sent: Mail[] = [];
  return { kind: "folder", sent, send: async (m) => void sent.push(m) };
}

const tokenOf = (mail: Mail) => new URL(/http\S+/.exec(mail.text)![0]).searchParams.get("token")!;
const signsIn = async (db: Db, email: string, password: string) => (await signInWithPassword(db, { email, password }, "test", createLimits({ redis: null, multiplier: 100 }))).ok;

async function appError(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    if (err instanceof TRPCError && err.cause instanceof AppError) return err.cause;
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("folder mailer (the embedded default)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "lm-mail-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes each message as a whole JSON file, no temporary left, and lists them newest first", async () => {
    const mailer = folderMailer(dir, "Shop <shop@example.com>");
    await mailer.send({ to: "a@example.com", subject: "First", text: "one http://x.test/a", html: "<p>one</p>" });
    await mailer.send({ to: "b@example.com", subject: "Second", text: "two", html: "<p>two</p>" });
    const files = readdirSync(dir);
    expect(files.filter((f) => f.endsWith(".json"))).toHaveLength(2);
    expect(files.filter((f) => !f.endsWith(".json"))).toEqual([]);
    const one = JSON.parse(readFileSync(path.join(dir, files.sort()[0]!), "utf8"));
    expect(one).toMatchObject({ to: "a@example.com", from: "Shop <shop@example.com>", subject: "First", text: "one http://x.test/a", html: "<p>one</p>" });
    expect(new Date(one.date).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await listFolderMail(dir)).map((m) => m.subject)).toEqual(["Second", "First"]);
  });
});

describe.each(backends())("password reset on %s", (backend) => {
  const t = useTestDb(backend);
  const limits = () => createAccountLimits({ redis: null });

  it("mails a single-use link to the account's owner and stores only the token's hash", async () => {
    const user = await makeUser(t.db);
    const dir = mkdtempSync(path.join(tmpdir(), "lm-mail-"));
    try {
      const deps = { mailer: folderMailer(dir), limits: limits(), appUrl: APP_URL };
      const { work } = await requestPasswordReset(t.db, { email: user.email.toUpperCase() }, "198.51.100.1", deps);
      expect(await work).toBe("sent");
      const [mail] = await listFolderMail(dir);
      expect(mail).toMatchObject({ to: user.email, subject: "Reset your Livemarket password" });
      const link = new URL(/http\S+/.exec(mail!.text)![0]);
      expect(link.origin + link.pathname).toBe(`${APP_URL}/reset-password`);
      const token = link.searchParams.get("token")!;
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      expect(mail!.html).toContain(link.toString().replace(/&/g, "&#38;"));

      // The database has the SHA-256, not the token, anywhere in the row.
      const rows = await t.db.passwordResetToken.findMany({ where: { userId: user.id } });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.tokenHash).toBe(hashResetToken(token));
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBeLessThanOrEqual(RESET_TOKEN_TTL_MS + 1000);

      await resetPassword(t.db, { token, password: "brand-new-password" }, "198.51.100.1", deps);
      expect(await signsIn(t.db, user.email, "brand-new-password")).toBe(true);
      expect(await signsIn(t.db, user.email, OLD_PASSWORD)).toBe(false);

      // The same link again: refused, and the password stays the new one.
      const again = await appError(resetPassword(t.db, { token, password: "attacker-password" }, "198.51.100.1", deps));
      expect(again.code).toBe("VALIDATION");
      expect(again.message).toBe(INVALID_RESET_LINK);
      expect(await signsIn(t.db, user.email, "brand-new-password")).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers an unknown email exactly like a known one, and mails and stores nothing for it", async () => {
    const user = await makeUser(t.db);
    const mailer = memoryMailer();
    const l = limits();
    const caller = (address: string) => createCaller(createContextInner({ db: t.db, clientAddress: address }));
    const before = await t.db.passwordResetToken.count();
    const known = await requestPasswordReset(t.db, { email: user.email }, "a", { mailer, limits: l });
    const unknown = await requestPasswordReset(t.db, { email: "nobody-at-all@example.com" }, "a", { mailer, limits: l });
    expect(await unknown.work).toBe("no-account");
    expect(await known.work).toBe("sent");
    expect(mailer.sent.map((m) => m.to)).toEqual([user.email]);
    expect(await t.db.passwordResetToken.count()).toBe(before + 1);
    // Through the API: the same answer, word for word.
    const a = await caller("192.0.2.10").auth.requestPasswordReset({ email: user.email });
    const b = await caller("192.0.2.11").auth.requestPasswordReset({ email: "nobody-at-all@example.com" });
    expect(a).toEqual(b);
  });

  it("lets exactly one of two racing submissions of one link win", async () => {
    const user = await makeUser(t.db);
    const mailer = memoryMailer();
    const deps = { mailer, limits: limits() };
    await (await requestPasswordReset(t.db, { email: user.email }, "a", deps)).work;
    const token = tokenOf(mailer.sent[0]!);
    const results = await Promise.allSettled([
      resetPassword(t.db, { token, password: "racer-one-password" }, "a", deps),
      resetPassword(t.db, { token, password: "racer-two-password" }, "b", deps),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(AppError);
    expect((lost[0]!.reason as AppError).code).toBe("VALIDATION");
    const winner = results[0]!.status === "fulfilled" ? "racer-one-password" : "racer-two-password";
    const loser = winner === "racer-one-password" ? "racer-two-password" : "racer-one-password";
    expect(await signsIn(t.db, user.email, winner)).toBe(true);
    expect(await signsIn(t.db, user.email, loser)).toBe(false);
  });

  it("refuses a link after 30 minutes", async () => {
    const user = await makeUser(t.db);
    const mailer = memoryMailer();
    const issuedAt = new Date();
    await (await requestPasswordReset(t.db, { email: user.email }, "a", { mailer, limits: limits(), now: () => issuedAt })).work;
    const late = new Date(issuedAt.getTime() + RESET_TOKEN_TTL_MS + 1000);
    const err = await appError(resetPassword(t.db, { token: tokenOf(mailer.sent[0]!), password: "too-late-password" }, "a", { limits: limits(), now: () => late }));
    expect(err.message).toBe(INVALID_RESET_LINK);
    expect(await signsIn(t.db, user.email, OLD_PASSWORD)).toBe(true);
  });

  it("kills an older link when a newer one is sent, and every other link when the password changes", async () => {
    const user = await makeUser(t.db);
    const mailer = memoryMailer();
    const deps = { mailer, limits: limits() };
    for (let i = 0; i < 2; i++) await (await requestPasswordReset(t.db, { email: user.email }, "a", deps)).work;
    const [first, second] = mailer.sent.map(tokenOf);
    expect((await appError(resetPassword(t.db, { token: first!, password: "from-old-link-1" }, "a", deps))).message).toBe(INVALID_RESET_LINK);
    await resetPassword(t.db, { token: second!, password: "from-new-link-2" }, "a", deps);
    expect(await signsIn(t.db, user.email, "from-new-link-2")).toBe(true);
    expect(await t.db.passwordResetToken.count({ where: { userId: user.id, usedAt: null } })).toBe(0);
  });

  it("signs the user out everywhere: every session is revoked by the reset", async () => {
    const user = await makeUser(t.db);
    const phone = await createSession(t.db, { userId: user.id, userAgent: "phone" });
    const laptop = await createSession(t.db, { userId: user.id, userAgent: "laptop (the attacker's)" });
    expect(await checkSession(t.db, laptop.id, user.id)).not.toBeNull();
    const mailer = memoryMailer();
    const deps = { mailer, limits: limits() };
    await (await requestPasswordReset(t.db, { email: user.email }, "a", deps)).work;
    const done = await resetPassword(t.db, { token: tokenOf(mailer.sent[0]!), password: "reset-signs-out-all" }, "a", deps);
    expect(done.signedOut).toBe(2);
    expect(await checkSession(t.db, phone.id, user.id)).toBeNull();
    expect(await checkSession(t.db, laptop.id, user.id)).toBeNull();
    const audit = await t.db.auditLog.findFirst({ where: { entityId: user.id, action: "user.password" } });
    expect(audit?.after).toMatchObject({ via: "reset link", sessionsSignedOut: 2 });
  });

  it("kills an unused link when the password is changed on the account page", async () => {
    const user = await makeUser(t.db);
    const mailer = memoryMailer();
    const deps = { mailer, limits: limits() };
    await (await requestPasswordReset(t.db, { email: user.email }, "a", deps)).work;
    await inTransaction(t.db, async (tx) => applyPasswordChange(tx, user.id, await hashPassword("changed-on-account-page"), undefined));
    const err = await appError(resetPassword(t.db, { token: tokenOf(mailer.sent[0]!), password: "from-the-stale-link" }, "a", deps));
    expect(err.message).toBe(INVALID_RESET_LINK);
    expect(await signsIn(t.db, user.email, "changed-on-account-page")).toBe(true);
  });

  it("sends no mail and changes nothing when the request's transaction fails, and never throws", async () => {
    const user = await makeUser(t.db);
    const mailer = memoryMailer();
    const broken = new Proxy(t.db, {
      get: (target, prop) => (prop === "$transaction" ? () => Promise.reject(new Error("database down")) : Reflect.get(target, prop)),
    });
    const { work } = await requestPasswordReset(broken, { email: user.email }, "a", { mailer, limits: limits() });
    expect(await work).toBe("failed");
    expect(mailer.sent).toEqual([]);
  });

  it("answers the same when the mail server fails (the failure is logged)", async () => {
    const user = await makeUser(t.db);
    const failing: Mailer = { kind: "smtp", send: () => Promise.reject(new Error("550 relay denied")) };
    const { work } = await requestPasswordReset(t.db, { email: user.email }, "a", { mailer: failing, limits: limits() });
    expect(await work).toBe("mail-failed");
  });

  it("limits requests per client address (429) and mails per email (silently)", async () => {
    const user = await makeUser(t.db);
    const mailer = memoryMailer();
    const l = limits();
    const works = [];
    for (let i = 0; i < 5; i++) works.push((await requestPasswordReset(t.db, { email: user.email }, `203.0.113.${i}`, { mailer, limits: l })).work);
    expect(await Promise.all(works)).toEqual(["sent", "sent", "sent", "email-limited", "email-limited"]);
    expect(mailer.sent).toHaveLength(3);

    const flood = [];
    for (let i = 0; i < 10; i++) flood.push((await requestPasswordReset(t.db, { email: `flood-${i}@example.com` }, "203.0.113.200", { mailer, limits: l })).work);
    expect(await Promise.all(flood)).toEqual(Array(10).fill("no-account"));
    const err = await appError(requestPasswordReset(t.db, { email: "flood-x@example.com" }, "203.0.113.200", { mailer, limits: l }));
    expect(err.code).toBe("RATE_LIMITED");
    expect(err.details?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("rejects a malformed token or a short password as a 4xx with no write", async () => {
    const caller = createCaller(createContextInner({ db: t.db, clientAddress: "192.0.2.50" }));
    await expect(caller.auth.resetPassword({ token: "short", password: "long-enough-pass" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.auth.resetPassword({ token: "A".repeat(43), password: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.auth.resetPassword({ token: "A".repeat(43), password: "long-enough-pass" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.auth.requestPasswordReset({ email: "not-an-email" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe.each(backends())("registration's 'already exists' on %s", (backend) => {
  const t = useTestDb(backend);

  it("says an email is taken only 10 times an hour per address, then refuses every registration from it", async () => {
    const l = createAccountLimits({ redis: null });
    const taken = await makeUser(t.db);
    const input = (email: string) => ({ name: "Prober", email, password: "probe-password-1" });
    for (let i = 0; i < 10; i++) {
      const err = await appError(registerUser(t.db, input(taken.email), { clientAddress: "198.51.100.77", limits: l }));
      expect(err.code).toBe("CONFLICT");
    }
    // Now even a free email is refused from that address: the refusal tells nothing.
    const free = `free-${Date.now()}@example.com`;
    expect((await appError(registerUser(t.db, input(free), { clientAddress: "198.51.100.77", limits: l }))).code).toBe("RATE_LIMITED");
    expect((await appError(registerUser(t.db, input(taken.email), { clientAddress: "198.51.100.77", limits: l }))).code).toBe("RATE_LIMITED");
    expect(await t.db.user.count({ where: { email: free } })).toBe(0);
    // Another address registers as usual.
    await expect(registerUser(t.db, input(free), { clientAddress: "198.51.100.78", limits: l })).resolves.toMatchObject({ email: free });
  });
});

const redisUrl = inject("redisUrl");
describe.each(redisUrl ? [redisUrl] : [])("account limits (Redis at %s)", (url) => {
  let a: Redis;
  let b: Redis;
  beforeAll(async () => {
    a = new Redis(url);
    b = new Redis(url);
    // Limits refuse to wait for a connection (their in-memory insurance answers meanwhile).
    await Promise.all([a.ping(), b.ping()]);
  });
  afterAll(() => {
    a.disconnect();
    b.disconnect();
  });

  it("share their counts between app instances", async () => {
    const key = `198.51.100.${Math.floor(Math.random() * 250)}-${Date.now()}`;
    const one = createAccountLimits({ redis: a, rules: { resetRequestPerAddress: { points: 3, duration: 60 } } });
    const two = createAccountLimits({ redis: b, rules: { resetRequestPerAddress: { points: 3, duration: 60 } } });
    expect((await one.consume("resetRequestPerAddress", key)).allowed).toBe(true);
    expect((await two.consume("resetRequestPerAddress", key)).allowed).toBe(true);
    expect((await one.consume("resetRequestPerAddress", key)).allowed).toBe(true);
    const fourth = await two.consume("resetRequestPerAddress", key);
    expect(fourth.allowed).toBe(false);
    expect(fourth.retryAfterSeconds).toBeGreaterThan(0);
    expect((await one.blocked("resetRequestPerAddress", key)).allowed).toBe(false);
  });
});
