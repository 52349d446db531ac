// Admin user management on both backends: role changes, disabling (which blocks sign-in),
// the self-protection rules, and the audit entries every change leaves. Also the procedures'
// access rule: only admins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import type { Session } from "next-auth";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { errorOf, appErrorOf } from "@/test/errors";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/prisma/seed/seed";
import { createLimits } from "@/server/limits/limits";
import { signInWithPassword } from "@/server/auth/sign-in";
import { listAudit } from "./audit";
import { listStores } from "./stores";
import { listUsers, setUserDisabled, setUserRole } from "./users";


describe.each(backends())("admin on %s", (backend) => {
  let t: TestDb;
  let adminId: string;
  let session: Session;

  beforeAll(async () => {
    t = await openTestDb(backend);
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.admin.email }, select: { id: true, name: true, email: true } });
    adminId = admin.id;
    session = { user: { ...admin, role: "ADMIN", mfa: "not-enrolled" }, expires: new Date(Date.now() + 3_600_000).toISOString() };
  });
  afterAll(async () => {
    await t?.close();
  });
  const signIn = (email: string) => signInWithPassword(t.db, { email, password: DEMO_PASSWORD }, "test", createLimits({ redis: null }));

  it("finds users by part of their email or name, paginated", async () => {
    const byEmail = await listUsers(t.db, { q: "SELLER2@" });
    expect(byEmail.items.map((u) => u.email)).toEqual(["seller2@livemarket.test"]);
    expect(byEmail.items[0]!.store?.slug).toBe("sunset");
    const byName = await listUsers(t.db, { q: "casey" });
    expect(byName.items.map((u) => u.email)).toContain(DEMO_ACCOUNTS.customer.email);
    const none = await listUsers(t.db, { q: "nobody-has-this-name" });
    expect(none).toMatchObject({ items: [], total: 0, pageCount: 1 });
  });

  it("changes a role and records who did it, before and after", async () => {
    const u = await t.db.user.findUniqueOrThrow({ where: { email: "seller3@livemarket.test" } });
    const updated = await inTransaction(t.db, (tx) => setUserRole(tx, adminId, { userId: u.id, role: "CUSTOMER" }));
    expect(updated.role).toBe("CUSTOMER");
    const audit = await listAudit(t.db, { action: "user.role", entityId: u.id });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ actor: { id: adminId }, entityType: "User", before: { role: "SELLER" }, after: { role: "CUSTOMER" } });
    // The same role again changes nothing and writes nothing.
    await inTransaction(t.db, (tx) => setUserRole(tx, adminId, { userId: u.id, role: "CUSTOMER" }));
    expect((await listAudit(t.db, { action: "user.role", entityId: u.id })).total).toBe(1);
    await inTransaction(t.db, (tx) => setUserRole(tx, adminId, { userId: u.id, role: "SELLER" }));
    expect((await listAudit(t.db, { entityId: u.id, actor: "admin@" })).items[0]).toMatchObject({ after: { role: "SELLER" } });
  });

  it("gives a customer made seller an empty store of their own, so the seller pages work for them", async () => {
    const u = await t.db.user.create({ data: { email: `promote-${backend}@example.com`, name: "Pat Promoted", passwordHash: "x" } });
    const updated = await inTransaction(t.db, (tx) => setUserRole(tx, adminId, { userId: u.id, role: "SELLER" }));
    expect(updated.store).toMatchObject({ name: "Pat Promoted's store", slug: expect.stringMatching(/^pat-promoted-[0-9a-f]{6}$/) });
    const store = await t.db.store.findUniqueOrThrow({ where: { ownerId: u.id }, include: { _count: { select: { products: true } } } });
    expect(store._count.products).toBe(0);
    expect((await listAudit(t.db, { action: "store.create", entityId: store.id })).total).toBe(1);
    // Demoted and promoted again: the same store comes back, no second one.
    await inTransaction(t.db, (tx) => setUserRole(tx, adminId, { userId: u.id, role: "CUSTOMER" }));
    await inTransaction(t.db, (tx) => setUserRole(tx, adminId, { userId: u.id, role: "SELLER" }));
    expect(await t.db.store.count({ where: { ownerId: u.id } })).toBe(1);
  });

  it("disables a user, who then cannot sign in, and enables them again", async () => {
    const email = "seller2@livemarket.test";
    expect((await signIn(email)).ok).toBe(true);
    const u = await t.db.user.findUniqueOrThrow({ where: { email } });
    const disabled = await inTransaction(t.db, (tx) => setUserDisabled(tx, adminId, { userId: u.id, disabled: true }));
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    // Told the truth once the password is right (decision 154: "This account is disabled").
    expect(await signIn(email)).toEqual({ ok: false, reason: "disabled" });
    await inTransaction(t.db, (tx) => setUserDisabled(tx, adminId, { userId: u.id, disabled: false }));
    expect((await signIn(email)).ok).toBe(true);
    const audit = await listAudit(t.db, { entityType: "User", entityId: u.id });
    expect(audit.items.map((a) => a.action)).toEqual(["user.enable", "user.disable"]); // newest first
  });

  it("does not let an admin demote or disable themselves", async () => {
    const demote = await appErrorOf(inTransaction(t.db, (tx) => setUserRole(tx, adminId, { userId: adminId, role: "CUSTOMER" })));
    expect(demote).toMatchObject({ code: "FORBIDDEN", message: "You cannot change your own role; ask another admin" });
    expect((await appErrorOf(inTransaction(t.db, (tx) => setUserDisabled(tx, adminId, { userId: adminId, disabled: true })))).code).toBe("FORBIDDEN");
    const me = await t.db.user.findUniqueOrThrow({ where: { id: adminId } });
    expect(me).toMatchObject({ role: "ADMIN", disabledAt: null });
    expect((await appErrorOf(inTransaction(t.db, (tx) => setUserRole(tx, adminId, { userId: "no-such-user", role: "ADMIN" })))).code).toBe("NOT_FOUND");
  });

  it("lists stores with owner, product and order counts", async () => {
    const { items } = await listStores(t.db, {});
    const northwind = items.find((s) => s.slug === "northwind")!;
    expect(northwind.owner.email).toBe("seller1@livemarket.test");
    expect(northwind.productCount).toBe(await t.db.product.count({ where: { storeId: northwind.id, deletedAt: null } }));
    const orders = await t.db.order.count({ where: { items: { some: { storeId: northwind.id } } } });
    expect(northwind.orderCount).toBe(orders);
  });

  it("serves the admin procedures to admins only", async () => {
    const admin = createCaller(createContextInner({ db: t.db, session }));
    expect((await admin.admin.users.list({ q: "admin@" })).items).toHaveLength(1);
    expect((await admin.admin.orders.list({})).total).toBe(await t.db.order.count());
    const customer = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.customer.email }, select: { id: true, name: true, email: true } });
    const asCustomer = createCaller(
      createContextInner({ db: t.db, session: { user: { ...customer, role: "CUSTOMER", mfa: "not-enrolled" }, expires: session.expires } }),
    );
    expect((await errorOf(asCustomer.admin.users.setRole({ userId: customer.id, role: "ADMIN" }))).code).toBe("FORBIDDEN");
    expect((await errorOf(asCustomer.admin.audit.list({}))).code).toBe("FORBIDDEN");
  });
});
