// Display-currency rates on both backends (docs/decisions.md 181): admins set and remove them,
// bad codes and rates are refused with nothing changed, every change is audited, only admins
// may, and the storefront's read sees a change made in this process at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "next-auth";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { inTransaction } from "@/server/db/transaction";
import { DEMO_ACCOUNTS } from "@/prisma/seed/seed";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { appErrorOf, errorOf } from "@/test/errors";
import { convertMinor } from "@/shared/money";
import { MAX_DISPLAY_CURRENCIES } from "@/shared/currency";
import { forgetRates, listRates, readRates, removeRate, setRate } from "./rates";

describe.each(backends())("display-currency rates on %s", (backend) => {
  let t: TestDb;
  let adminId: string;
  let session: Session;

  beforeAll(async () => {
    t = await openTestDb(backend);
    forgetRates();
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.admin.email }, select: { id: true, name: true, email: true } });
    adminId = admin.id;
    session = { user: { ...admin, role: "ADMIN", mfa: "not-enrolled" }, expires: new Date(Date.now() + 3_600_000).toISOString() };
  });
  afterAll(async () => {
    forgetRates();
    await t?.close();
  });

  it("keeps a rate per currency, changes it in place, and audits both writes", async () => {
    expect(await listRates(t.db)).toEqual([]);
    await inTransaction(t.db, (tx) => setRate(tx, adminId, { currency: "eur", rate: "0.9" }));
    const changed = await inTransaction(t.db, (tx) => setRate(tx, adminId, { currency: "EUR", rate: " 0.92 " }));
    expect(changed).toMatchObject({ currency: "EUR", rate: "0.92", rateMicros: 920_000 });
    await inTransaction(t.db, (tx) => setRate(tx, adminId, { currency: "JPY", rate: "155.5" }));
    expect((await listRates(t.db)).map((r) => [r.currency, r.rate])).toEqual([["EUR", "0.92"], ["JPY", "155.5"]]);
    const audit = await t.db.auditLog.findMany({ where: { entityType: "CurrencyRate", entityId: "EUR" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId, a.before, a.after])).toEqual([
      ["currency.rate", adminId, null, { rate: "0.9" }],
      ["currency.rate", adminId, { rate: "0.9" }, { rate: "0.92" }],
    ]);
  });

  it("gives the storefront the rates it converts with, JPY in whole yen", async () => {
    const rates = await readRates(t.db);
    expect(rates.base).toBe("USD");
    expect(convertMinor(1299, "USD", "JPY", rates)).toBe(2020);
    expect(convertMinor(1299, "USD", "EUR", rates)).toBe(1195);
  });

  it("refuses a bad code, a bad rate, or the shop's own currency, changing nothing", async () => {
    const before = await listRates(t.db);
    for (const input of [
      { currency: "XYZ", rate: "1" },
      { currency: "EURO", rate: "1" },
      { currency: "GBP", rate: "0" },
      { currency: "GBP", rate: "-1" },
      { currency: "GBP", rate: "0.1234567" },
      { currency: "GBP", rate: "1,5" },
      { currency: "GBP", rate: "" },
      { currency: "USD", rate: "1" },
    ]) {
      expect((await appErrorOf(inTransaction(t.db, (tx) => setRate(tx, adminId, input)))).code).toBe("VALIDATION");
    }
    expect((await appErrorOf(inTransaction(t.db, (tx) => removeRate(tx, adminId, { currency: "GBP" })))).code).toBe("NOT_FOUND");
    expect(await listRates(t.db)).toEqual(before);
  });

  it("holds at most the switcher's worth of currencies", async () => {
    const codes = Intl.supportedValuesOf("currency").filter((c) => !["USD", "EUR", "JPY"].includes(c));
    const room = MAX_DISPLAY_CURRENCIES - (await t.db.currencyRate.count());
    for (const c of codes.slice(0, room)) await inTransaction(t.db, (tx) => setRate(tx, adminId, { currency: c, rate: "2" }));
    const err = await appErrorOf(inTransaction(t.db, (tx) => setRate(tx, adminId, { currency: codes[room]!, rate: "2" })));
    expect(err.code).toBe("VALIDATION");
    // Changing one that exists is still allowed.
    await inTransaction(t.db, (tx) => setRate(tx, adminId, { currency: "EUR", rate: "0.93" }));
    for (const c of codes.slice(0, room)) await inTransaction(t.db, (tx) => removeRate(tx, adminId, { currency: c }));
    await inTransaction(t.db, (tx) => setRate(tx, adminId, { currency: "EUR", rate: "0.92" }));
  });

  it("removes a rate (audited), and the storefront stops offering it at once", async () => {
    await inTransaction(t.db, (tx) => removeRate(tx, adminId, { currency: "JPY" }));
    expect(Object.keys((await readRates(t.db)).micros)).toEqual(["EUR"]);
    const last = await t.db.auditLog.findFirstOrThrow({ where: { entityType: "CurrencyRate", entityId: "JPY" }, orderBy: { createdAt: "desc" } });
    expect([last.action, last.before, last.after]).toEqual(["currency.remove", { rate: "155.5" }, null]);
  });

  it("lets only admins read or change rates", async () => {
    const admin = createCaller(createContextInner({ db: t.db, session }));
    expect((await admin.admin.currencies.list()).map((r) => r.currency)).toEqual(["EUR"]);
    const customer = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.customer.email }, select: { id: true, name: true, email: true } });
    const asCustomer = createCaller(createContextInner({ db: t.db, session: { user: { ...customer, role: "CUSTOMER", mfa: "not-enrolled" }, expires: session.expires } }));
    expect((await errorOf(asCustomer.admin.currencies.set({ currency: "GBP", rate: "0.8" }))).code).toBe("FORBIDDEN");
    expect((await errorOf(asCustomer.admin.currencies.list())).code).toBe("FORBIDDEN");
    const visitor = createCaller(createContextInner({ db: t.db, session: null }));
    expect((await errorOf(visitor.admin.currencies.remove({ currency: "EUR" }))).code).toBe("UNAUTHORIZED");
    expect((await errorOf(admin.admin.currencies.set({ currency: "nope", rate: "1" }))).code).toBe("BAD_REQUEST");
    expect((await listRates(t.db)).map((r) => r.currency)).toEqual(["EUR"]);
  });
});
