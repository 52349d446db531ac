import { describe, expect, it } from "vitest";
import { backends, useTestDb } from "@/test/backends";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/prisma/seed/seed";
import { createLimits, type Limits } from "@/server/limits/limits";
import { signInWithPassword } from "./sign-in";

describe.each(backends())("sign-in on %s", (backend) => {
  const t = useTestDb(backend);
  const fresh = (): Limits => createLimits({ redis: null, rules: { "signIn.ip": { points: 10, duration: 60 } } });

  it("signs in a demo account with its role, email case-insensitively", async () => {
    const r = await signInWithPassword(t.db, { email: "Seller1@LiveMarket.test", password: DEMO_PASSWORD }, "1.1.1.1", fresh());
    expect(r).toMatchObject({ ok: true, user: { email: "seller1@livemarket.test", role: "SELLER" } });
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const limiter = fresh();
    expect(await signInWithPassword(t.db, { email: DEMO_ACCOUNTS.customer.email, password: "wrong-password" }, "a", limiter)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(t.db, { email: "nobody@example.com", password: "wrong-password" }, "a", limiter)).toEqual({ ok: false, reason: "invalid" });
  });

  it("slows down one address trying many emails", async () => {
    const limiter = fresh();
    for (let i = 0; i < 10; i++) {
      await signInWithPassword(t.db, { email: `user${i}@example.com`, password: "whatever-pass" }, "203.0.113.7", limiter);
    }
    const r = await signInWithPassword(t.db, { email: "seller2@livemarket.test", password: DEMO_PASSWORD }, "203.0.113.7", limiter);
    expect(r).toMatchObject({ ok: false, reason: "rate-limited" });
  });

  it("says a disabled account is disabled, but only to someone who knows its password", async () => {
    await t.db.user.update({ where: { email: "seller3@livemarket.test" }, data: { disabledAt: new Date() } });
    const r = await signInWithPassword(t.db, { email: "seller3@livemarket.test", password: DEMO_PASSWORD }, "b", fresh());
    expect(r).toEqual({ ok: false, reason: "disabled" });
    // A wrong password for the same account is answered like any unknown email.
    const wrong = await signInWithPassword(t.db, { email: "seller3@livemarket.test", password: "wrong-password" }, "b", fresh());
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
  });
});
