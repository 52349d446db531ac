// Routers through createCaller, as the app calls them, on both backends.
import { errorOf } from "@/test/errors";
import { TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { DEMO_ACCOUNTS } from "@/prisma/seed/seed";

function sessionFor(u: { id: string; role: "CUSTOMER" | "SELLER" | "ADMIN"; name: string; email: string }): Session {
  return { user: { ...u, mfa: "not-enrolled", sid: `session-${u.id}` }, expires: new Date(Date.now() + 3_600_000).toISOString() };
}


describe.each(backends())("routers on %s", (backend) => {
  let t: TestDb;
  let anon: ReturnType<typeof createCaller>;
  let users: Record<"customer" | "seller" | "otherSeller" | "admin", Session>;

  beforeAll(async () => {
    t = await openTestDb(backend);
    anon = createCaller(createContextInner({ db: t.db }));
    const find = async (email: string) =>
      sessionFor(await t.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true, name: true, email: true } }));
    users = {
      customer: await find(DEMO_ACCOUNTS.customer.email),
      seller: await find("seller1@livemarket.test"),
      otherSeller: await find("seller2@livemarket.test"),
      admin: await find(DEMO_ACCOUNTS.admin.email),
    };
  });
  afterAll(async () => {
    await t?.close();
  });
  const as = (s: Session) => createCaller(createContextInner({ db: t.db, session: s }));

  describe("catalog.list", () => {
    it("lists active products newest first and pages through all of them without repeats", async () => {
      const seen = new Set<string>();
      let cursor: string | null | undefined;
      let pages = 0;
      do {
        const page = await anon.catalog.list({ limit: 60, cursor });
        for (const p of page.items) {
          expect(seen.has(p.id)).toBe(false);
          seen.add(p.id);
        }
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);
      const active = await t.db.product.count({ where: { status: "ACTIVE", deletedAt: null } });
      expect(seen.size).toBe(active);
    });

    it("never shows draft or archived products", async () => {
      const hidden = await t.db.product.findMany({ where: { status: { not: "ACTIVE" } }, select: { id: true } });
      expect(hidden.length).toBeGreaterThan(0);
      const all = await anon.catalog.list({ limit: 60 });
      const ids = new Set(all.items.map((p) => p.id));
      for (const h of hidden) expect(ids.has(h.id)).toBe(false);
    });

    it("filters by a top-level category, including its subcategories", async () => {
      const [top] = await anon.catalog.categories();
      const page = await anon.catalog.list({ categorySlug: top!.slug, limit: 60 });
      expect(page.items.length).toBeGreaterThan(0);
      const childSlugs = new Set(top!.children.map((c) => c.slug));
      for (const p of page.items) expect(childSlugs.has(p.category.slug) || p.category.slug === top!.slug).toBe(true);
    });

    it("sends no cost or internal fields, only what a product card shows", async () => {
      const page = await anon.catalog.list({ limit: 1 });
      expect(Object.keys(page.items[0]!).sort()).toEqual(["brand", "category", "createdAt", "id", "images", "ratingCount", "ratingSum", "ratingVersion", "slug", "store", "title", "variants"]);
    });

    it.each([
      [{ limit: 0 }],
      [{ limit: 1000 }],
      [{ limit: 2.5 }],
      [{ limit: "10" }],
      [{ cursor: "" }],
    ])("rejects bad input %j with a clear error", async (input) => {
      const err = await errorOf(anon.catalog.list(input as never));
      expect(err.code).toBe("BAD_REQUEST");
    });
  });

  describe("auth.register", () => {
    it("creates a customer whose password is stored only as an argon2id hash", async () => {
      const email = `new-${backend}@example.com`;
      const user = await anon.auth.register({ name: "New Person", email: email.toUpperCase(), password: "a-long-password" });
      expect(user).toMatchObject({ email, name: "New Person", role: "CUSTOMER" });
      const row = await t.db.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } });
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row.passwordHash).not.toContain("a-long-password");
    });

    it("answers a duplicate email with a field error and writes nothing", async () => {
      const before = await t.db.user.count();
      const err = await errorOf(anon.auth.register({ name: "Again", email: DEMO_ACCOUNTS.customer.email, password: "another-password" }));
      expect(err.code).toBe("CONFLICT");
      expect((err.cause as { fieldErrors?: Record<string, string[]> }).fieldErrors?.email?.[0]).toMatch(/already exists/);
      expect(await t.db.user.count()).toBe(before);
    });

    it("turns two simultaneous registrations of one email into one account and one conflict", async () => {
      const email = `race-${backend}@example.com`;
      const results = await Promise.allSettled([
        anon.auth.register({ name: "A", email, password: "password-one-1" }),
        anon.auth.register({ name: "B", email, password: "password-two-2" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect((rejected.reason as TRPCError).code).toBe("CONFLICT");
      expect(await t.db.user.count({ where: { email } })).toBe(1);
    });

    it.each([
      [{ name: "X", email: "not-an-email", password: "long-enough-pw" }, "email"],
      [{ name: "X", email: "x@example.com", password: "short" }, "password"],
      [{ name: "", email: "x@example.com", password: "long-enough-pw" }, "name"],
      [{ email: "x@example.com", password: "long-enough-pw" }, "name"],
    ])("rejects %j with an error on %s and writes nothing", async (input, field) => {
      const before = await t.db.user.count();
      const err = await errorOf(anon.auth.register(input as never));
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.cause && "issues" in err.cause ? (err.cause.issues as { path: string[] }[]).map((i) => i.path[0]) : []).toContain(field);
      expect(await t.db.user.count()).toBe(before);
    });
  });

  describe("role procedures", () => {
    it("asks signed-out callers to sign in", async () => {
      expect((await errorOf(anon.seller.dashboard())).code).toBe("UNAUTHORIZED");
      expect((await errorOf(anon.admin.overview())).code).toBe("UNAUTHORIZED");
      expect((await errorOf(anon.auth.me())).code).toBe("UNAUTHORIZED");
    });

    it("keeps customers out of seller and admin procedures", async () => {
      expect((await errorOf(as(users.customer).seller.dashboard())).code).toBe("FORBIDDEN");
      expect((await errorOf(as(users.customer).admin.overview())).code).toBe("FORBIDDEN");
      expect((await errorOf(as(users.seller).admin.overview())).code).toBe("FORBIDDEN");
      expect((await errorOf(as(users.admin).seller.dashboard())).code).toBe("FORBIDDEN");
    });

    it("gives a live-room token for the caller's own room, and a seller's store room only to a current seller", async () => {
      expect((await errorOf(anon.realtime.token())).code).toBe("UNAUTHORIZED");
      const customer = await as(users.customer).realtime.token();
      expect(customer.rooms).toEqual([`user:${users.customer.user.id}`]);
      expect(customer.storeId).toBeNull();
      const northwind = await t.db.store.findFirstOrThrow({ where: { slug: "northwind" }, select: { id: true } });
      const seller = await as(users.seller).realtime.token();
      expect(seller.rooms).toEqual([`user:${users.seller.user.id}`, `store:${northwind.id}`]);
      // A session that still says SELLER after a demotion opens no store room.
      const demoted = await t.db.user.create({ data: { email: `demoted-${backend}@example.com`, name: "Demoted", passwordHash: "x", role: "CUSTOMER" } });
      const store = await t.db.store.create({ data: { ownerId: demoted.id, name: "Old store", slug: `old-store-${backend}` } });
      try {
        const stale = await as(sessionFor({ ...demoted, role: "SELLER" })).realtime.token();
        expect(stale.rooms).toEqual([`user:${demoted.id}`]);
      } finally {
        await t.db.store.delete({ where: { id: store.id } });
        await t.db.user.delete({ where: { id: demoted.id } });
      }
    });

    it("scopes a seller's dashboard to their own store", async () => {
      const mine = await as(users.seller).seller.dashboard();
      const theirs = await as(users.otherSeller).seller.dashboard();
      expect(mine.store.slug).toBe("northwind");
      expect(theirs.store.slug).toBe("sunset");
      const own = await t.db.product.count({ where: { store: { slug: "northwind" }, deletedAt: null, status: "ACTIVE" } });
      expect(mine.counts.activeProducts).toBe(own);
      expect(mine.counts.activeProducts).not.toBe(theirs.counts.activeProducts);
    });

    it("needs a signed-in customer to place or read orders, and hides other customers' orders", async () => {
      expect((await errorOf(anon.orders.list({}))).code).toBe("UNAUTHORIZED");
      expect((await errorOf(anon.orders.place({} as never))).code).toBe("UNAUTHORIZED");
      const seeded = await t.db.order.findFirstOrThrow({ where: { user: { email: DEMO_ACCOUNTS.customer.email } }, select: { id: true } });
      expect((await as(users.customer).orders.byId({ orderId: seeded.id })).id).toBe(seeded.id);
      const foreign = await errorOf(as(users.otherSeller).orders.byId({ orderId: seeded.id }));
      const missing = await errorOf(as(users.otherSeller).orders.byId({ orderId: "missing" }));
      expect([foreign.code, foreign.message]).toEqual(["NOT_FOUND", missing.message]);
    });

    it("reports each bad checkout field under its own dotted path", async () => {
      const err = await errorOf(
        as(users.customer).orders.place({
          idempotencyKey: "abcdefgh1",
          delivery: { name: "", phone: "x", zip: "1", city: "c", address: "a", email: "bad" },
          payment: { method: "cod" },
        } as never),
      );
      expect(err.code).toBe("BAD_REQUEST");
      const paths = ((err.cause as unknown as { issues?: { path: (string | number)[] }[] }).issues ?? []).map((i) => i.path.join("."));
      expect(paths).toEqual(expect.arrayContaining(["delivery.name", "delivery.phone", "delivery.email"]));
    });

    it("gives admins the platform overview", async () => {
      const o = await as(users.admin).admin.overview();
      expect(o.stores).toBe(3);
      expect(o.sellers).toBe(3);
    });
  });
});

describe.each(backends())("catalog.list matches the Prisma select it replaced, on %s", (backend) => {
  it("returns the same cards, in the same order, as findMany with productCardSelect", async () => {
    const { productCardSelect } = await import("@/server/services/catalog/list-products");
    const t = await openTestDb(backend);
    try {
      const caller = createCaller(createContextInner({ db: t.db }));
      for (const categorySlug of [undefined, "clothing"]) {
        const page = await caller.catalog.list({ limit: 30, categorySlug });
        const next = await caller.catalog.list({ limit: 30, categorySlug, cursor: page.nextCursor });
        const expected = await t.db.product.findMany({
          where: {
            status: "ACTIVE",
            deletedAt: null,
            ...(categorySlug ? { category: { OR: [{ slug: categorySlug }, { parent: { slug: categorySlug } }] } } : {}),
          },
          select: productCardSelect,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: 60,
        });
        expect([...page.items, ...next.items]).toEqual(expected);
      }
    } finally {
      await t.close();
    }
  });
});
