import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { backends, useTestDb } from "@/test/backends";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/prisma/seed/seed";
import { memoryFailureLimiter, redisFailureLimiter, type FailureLimiter } from "./rate-limit";
import { signInWithPassword } from "./sign-in";

describe("failure limiter (memory)", () => {
  it("allows 10 failures a minute per key, then says how long to wait, then allows again", async () => {
    let now = 1_000_000;
    const limiter = memoryFailureLimiter(10, 60_000, () => now);
    for (let i = 0; i < 10; i++) {
      expect((await limiter.check("k")).allowed).toBe(true);
      await limiter.fail("k");
    }
    expect(await limiter.check("k")).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect((await limiter.check("other")).allowed).toBe(true);
    now += 45_000;
    expect(await limiter.check("k")).toEqual({ allowed: false, retryAfterSeconds: 15 });
    now += 15_000;
    expect((await limiter.check("k")).allowed).toBe(true);
  });
});

const redisUrl = inject("redisUrl");
describe.each(redisUrl ? [redisUrl] : [])("failure limiter (Redis at %s)", (url) => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(url);
  });
  afterAll(() => {
    redis.disconnect();
  });

  it("shares the count between app instances and expires it with the window", async () => {
    const key = `test-${Date.now()}-${Math.random()}`;
    const a = redisFailureLimiter(redis, 3, 1_000);
    const b = redisFailureLimiter(new Redis(url), 3, 1_000); // a second "instance"
    await a.fail(key);
    await b.fail(key);
    await a.fail(key);
    const blocked = await b.check(key);
    expect(blocked.allowed).toBe(false);
    expect(blocked.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await a.reset(key);
    expect((await b.check(key)).allowed).toBe(true);
  });
});

describe.each(backends())("sign-in on %s", (backend) => {
  const t = useTestDb(backend);
  const fresh = (): FailureLimiter => memoryFailureLimiter(10);

  it("signs in a demo account with its role, email case-insensitively", async () => {
    const r = await signInWithPassword(t.db, { email: "Seller1@LiveMarket.test", password: DEMO_PASSWORD }, "1.1.1.1", fresh());
    expect(r).toMatchObject({ ok: true, user: { email: "seller1@livemarket.test", role: "SELLER" } });
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const limiter = fresh();
    expect(await signInWithPassword(t.db, { email: DEMO_ACCOUNTS.customer.email, password: "wrong-password" }, "a", limiter)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(t.db, { email: "nobody@example.com", password: "wrong-password" }, "a", limiter)).toEqual({ ok: false, reason: "invalid" });
  });

  it("slows down an email after 10 failures, even with the right password, from any address", async () => {
    const limiter = fresh();
    for (let i = 0; i < 10; i++) {
      await signInWithPassword(t.db, { email: DEMO_ACCOUNTS.customer.email, password: `guess-${i}-xxxx` }, `10.0.0.${i}`, limiter);
    }
    const r = await signInWithPassword(t.db, { email: DEMO_ACCOUNTS.customer.email, password: DEMO_PASSWORD }, "10.0.0.99", limiter);
    expect(r).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(r.ok === false && r.reason === "rate-limited" && r.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("slows down one address trying many emails", async () => {
    const limiter = fresh();
    for (let i = 0; i < 10; i++) {
      await signInWithPassword(t.db, { email: `user${i}@example.com`, password: "whatever-pass" }, "203.0.113.7", limiter);
    }
    const r = await signInWithPassword(t.db, { email: "seller2@livemarket.test", password: DEMO_PASSWORD }, "203.0.113.7", limiter);
    expect(r).toMatchObject({ ok: false, reason: "rate-limited" });
  });

  it("refuses a disabled account", async () => {
    await t.db.user.update({ where: { email: "seller3@livemarket.test" }, data: { disabledAt: new Date() } });
    const r = await signInWithPassword(t.db, { email: "seller3@livemarket.test", password: DEMO_PASSWORD }, "b", fresh());
    expect(r).toEqual({ ok: false, reason: "invalid" });
  });
});
