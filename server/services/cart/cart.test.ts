import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { AppError } from "@/server/errors";
import { acceptCartChanges, addToCart } from "./cart-items";
import type { CartOwner } from "./cart-owner";
import { getCart } from "./get-cart";

function guest(): CartOwner & { cookies: (string | null)[] } {
  const owner = {
    userId: null,
    token: null as string | null,
    cookies: [] as (string | null)[],
    setToken(t: string | null) {
      owner.token = t;
      owner.cookies.push(t);
    },
  };
  return owner;
}

describe.each(backends())("cart on %s", (backend) => {
  let t: TestDb;
  let seq = 0;
  beforeAll(async () => {
    t = await openTestDb(backend);
  });
  afterAll(async () => {
    await t?.close();
  });
  async function variant(stock: number, priceMinor = 1000) {
    const p = await t.db.product.findFirstOrThrow({ where: { status: "ACTIVE" }, select: { id: true } });
    return (await t.db.variant.create({ data: { productId: p.id, sku: `CART-${backend}-${++seq}-${Date.now()}`, priceMinor, stock }, select: { id: true } })).id;
  }
  async function user() {
    return (await t.db.user.create({ data: { email: `cart-${backend}-${++seq}@example.com`, name: "Cart User", passwordHash: "x" }, select: { id: true } })).id;
  }

  it("gives a guest a cart behind a new cookie token on first add", async () => {
    const g = guest();
    const v = await variant(5);
    expect(await inTransaction(t.db, (tx) => addToCart(tx, g, { variantId: v, quantity: 2 }))).toEqual({ itemCount: 2 });
    expect(g.cookies).toHaveLength(1);
    expect(g.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    await inTransaction(t.db, (tx) => addToCart(tx, g, { variantId: v, quantity: 1 }));
    expect(g.cookies).toHaveLength(1); // same cart, no new cookie
    expect((await getCart(t.db, g)).lines[0]).toMatchObject({ variantId: v, quantity: 3, problems: [] });
  });

  it("counts every add when a customer adds the same item from two tabs at once (no lost update)", async () => {
    const u = await user();
    const v = await variant(50);
    const mine: CartOwner = { userId: u, token: null, setToken() {} };
    // A signed-in customer with no cart yet: both adds race to create it, and both lines count.
    const results = await Promise.all([1, 2, 3, 4].map(() => inTransaction(t.db, (tx) => addToCart(tx, mine, { variantId: v, quantity: 1 }))));
    expect(results.map((r) => r.itemCount).sort()).toContain(4);
    const cart = await getCart(t.db, mine);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]).toMatchObject({ variantId: v, quantity: 4 });
    expect(await t.db.cart.count({ where: { userId: u } })).toBe(1);
  });

  it("will not put more in the cart than is in stock, and says how many are left", async () => {
    const g = guest();
    const v = await variant(3);
    await inTransaction(t.db, (tx) => addToCart(tx, g, { variantId: v, quantity: 2 }));
    await expect(inTransaction(t.db, (tx) => addToCart(tx, g, { variantId: v, quantity: 2 }))).rejects.toThrow("Only 3 left, and your cart already has 2");
    const out = await variant(0);
    await expect(inTransaction(t.db, (tx) => addToCart(tx, g, { variantId: out, quantity: 1 }))).rejects.toThrow("out of stock");
    expect((await getCart(t.db, g)).itemCount).toBe(2);
  });

  it("refuses products that are archived or unknown", async () => {
    const archived = await t.db.variant.findFirstOrThrow({ where: { product: { status: "ARCHIVED" } }, select: { id: true } });
    const err = await inTransaction(t.db, (tx) => addToCart(tx, guest(), { variantId: archived.id, quantity: 1 })).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("NOT_FOUND");
    await expect(inTransaction(t.db, (tx) => addToCart(tx, guest(), { variantId: "nope", quantity: 1 }))).rejects.toThrow("no longer available");
  });

  it("says when a line's price changed or its stock fell below the quantity, until the shopper accepts", async () => {
    const g = guest();
    const v = await variant(5, 1000);
    await inTransaction(t.db, (tx) => addToCart(tx, g, { variantId: v, quantity: 4 }));
    await t.db.variant.update({ where: { id: v }, data: { priceMinor: 1200, stock: 2 } });
    const cart = await getCart(t.db, g);
    expect(cart.lines[0]!.problems.sort()).toEqual(["insufficient-stock", "price-changed"]);
    expect(cart.ready).toBe(false);
    const accepted = await inTransaction(t.db, (tx) => acceptCartChanges(tx, g));
    expect(accepted.changes).toEqual([
      expect.objectContaining({ variantId: v, removed: null, quantity: { from: 4, to: 2 }, priceMinor: { from: 1000, to: 1200 } }),
    ]);
    const after = await getCart(t.db, g);
    expect(after.lines[0]).toMatchObject({ quantity: 2, priceMinor: 1200, priceMinorAdded: 1200, problems: [] });
    expect(after.ready).toBe(true);
    expect(after.subtotalMinor).toBe(2400);
  });

  it("a sold-out line is named so, left out of the subtotal, and Accept changes says it removed it", async () => {
    const g = guest();
    const gone = await variant(1, 700);
    const kept = await variant(5, 1000);
    await inTransaction(t.db, (tx) => addToCart(tx, g, { variantId: gone, quantity: 1 }));
    await inTransaction(t.db, (tx) => addToCart(tx, g, { variantId: kept, quantity: 2 }));
    await t.db.variant.update({ where: { id: gone }, data: { stock: 0 } });
    const cart = await getCart(t.db, g);
    expect(cart.lines.find((l) => l.variantId === gone)!.problems).toEqual(["sold-out"]);
    expect(cart).toMatchObject({ itemCount: 3, countedItemCount: 2, subtotalMinor: 2000, ready: false });
    const accepted = await inTransaction(t.db, (tx) => acceptCartChanges(tx, g));
    expect(accepted.changes).toEqual([expect.objectContaining({ variantId: gone, removed: "sold-out", quantity: null, priceMinor: null })]);
    expect(accepted.itemCount).toBe(2);
    expect((await getCart(t.db, g)).lines.map((l) => l.variantId)).toEqual([kept]);
  });

  it("merges a guest cart on sign-in: quantities summed, capped at stock, the shopper told, the guest cart gone", async () => {
    const g = guest();
    const capped = await variant(5);
    const fresh = await variant(9);
    const gone = await variant(2);
    await inTransaction(t.db, (tx) => addToCart(tx, g, { variantId: capped, quantity: 3 }));
    await inTransaction(t.db, (tx) => addToCart(tx, g, { variantId: fresh, quantity: 1 }));
    await inTransaction(t.db, (tx) => addToCart(tx, g, { variantId: gone, quantity: 1 }));
    const userId = await user();
    const mine: CartOwner = { userId, token: null, setToken() {} };
    await inTransaction(t.db, (tx) => addToCart(tx, mine, { variantId: capped, quantity: 4 }));
    await t.db.variant.update({ where: { id: gone }, data: { stock: 0 } });

    // The first cart call of the signed-in shopper, as the page makes it, still carrying the guest cookie.
    const cleared: (string | null)[] = [];
    const session = { user: { id: userId, name: "Cart User", email: "cart@example.com", role: "CUSTOMER" as const, mfa: "not-enrolled" as const }, expires: new Date(Date.now() + 3_600_000).toISOString() };
    const cart = await createCaller(createContextInner({ db: t.db, session, cartToken: g.token, setCartToken: (tk) => cleared.push(tk) })).cart.get();
    expect(cleared).toEqual([null]); // the guest cookie is cleared
    expect(Object.fromEntries(cart.lines.map((l) => [l.variantId, l.quantity]))).toEqual({ [capped]: 5, [fresh]: 1 });
    expect(cart.notices.map((n) => n.message).join("\n")).toMatch(/only 5 available, so your cart has 5 instead of 7/);
    expect(cart.notices.map((n) => n.message).join("\n")).toMatch(/out of stock and was not added/);
    expect(await t.db.cart.count({ where: { token: g.token } })).toBe(0);
    await inTransaction(t.db, (tx) => acceptCartChanges(tx, mine));
    expect((await getCart(t.db, mine)).notices).toEqual([]);
  });

  it("answers bad input on every cart procedure with BAD_REQUEST and changes nothing", async () => {
    const tokens: (string | null)[] = [];
    const caller = createCaller(createContextInner({ db: t.db, setCartToken: (tk) => tokens.push(tk) }));
    const v = await variant(5);
    const bad = [
      () => caller.cart.add({ variantId: v, quantity: 0 }),
      () => caller.cart.add({ variantId: v, quantity: 100 }),
      () => caller.cart.add({ variantId: v, quantity: -1 }),
      () => caller.cart.add({ variantId: v, quantity: 1.5 }),
      () => caller.cart.add({ variantId: v, quantity: "1" } as never),
      () => caller.cart.add({ quantity: 1 } as never),
      () => caller.cart.setQuantity({ variantId: v, quantity: -2 }),
      () => caller.cart.remove({} as never),
    ];
    for (const call of bad) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe("BAD_REQUEST");
    }
    expect(tokens).toEqual([]); // no cart was created
    const missing = await caller.cart.setQuantity({ variantId: v, quantity: 1 }).catch((e: TRPCError) => e);
    expect((missing as TRPCError).code).toBe("NOT_FOUND");
  });
});
