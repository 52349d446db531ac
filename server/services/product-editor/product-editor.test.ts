// The seller product editor on both backends: create with initial stock through the ledger,
// whole-form updates locked on Product.version, field errors, store scoping, archive/restore.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import type { Session } from "next-auth";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { toUpdate } from "@/test/product-editor-helpers";
import { errorOf, appErrorOf } from "@/test/errors";
import { AppError } from "@/server/errors";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { listProducts } from "@/server/services/catalog/list-products";
import { searchProducts } from "@/server/services/catalog/search-products";
import { getProductBySlug } from "@/server/services/catalog/get-product";
import { getEditorProduct } from "./get-product";
import { createProduct, setProductStatus, updateProduct, type Actor } from "./save-product";
import type { TCreateProductInput } from "./schemas";


let seq = 0;

describe.each(backends())("product editor on %s", (backend) => {
  let t: TestDb;
  let seller: Actor;
  let other: Actor;
  let sellerSession: Session;
  let categoryId: string;

  beforeAll(async () => {
    t = await openTestDb(backend);
    const store = async (email: string) => {
      const u = await t.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true, email: true, role: true, store: { select: { id: true } } } });
      return { u, actor: { userId: u.id, storeId: u.store!.id } };
    };
    const s1 = await store("seller1@livemarket.test");
    seller = s1.actor;
    other = (await store("seller2@livemarket.test")).actor;
    sellerSession = { user: { ...s1.u, role: "SELLER", mfa: "not-enrolled" }, expires: new Date(Date.now() + 3_600_000).toISOString() };
    categoryId = (await t.db.category.findFirstOrThrow({ where: { parentId: { not: null } }, select: { id: true } })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  function form(tag = `${backend}-${++seq}`): TCreateProductInput {
    return {
      title: `Quillfeather Lamp ${tag}`,
      slug: `quillfeather-lamp-${tag}`,
      description: "A reading lamp with a brass arm.",
      brand: "Quillfeather",
      categoryId,
      images: ["/images/placeholder.svg"],
      status: "ACTIVE",
      variants: [
        { sku: `QL-${tag}-S`, title: "Small", options: [{ name: "size", value: "S" }], priceMinor: 2500, lowStockThreshold: 3, initialStock: 7 },
        { sku: `QL-${tag}-L`, title: "Large", options: [{ name: "size", value: "L" }], priceMinor: 4000, lowStockThreshold: 2, initialStock: 0 },
      ],
    };
  }

  it("creates a product with two variants; initial stock goes in through the ledger with an outbox event and an audit entry", async () => {
    const created = await inTransaction(t.db, (tx) => createProduct(tx, seller, form()));
    expect(created.version).toBe(1);
    expect(created.variants.map((v) => [v.title, v.stock, v.priceMinor])).toEqual([
      ["Small", 7, 2500],
      ["Large", 0, 4000],
    ]);
    const small = created.variants[0]!;
    const moves = await t.db.inventoryMovement.findMany({ where: { variantId: { in: created.variants.map((v) => v.id) } } });
    expect(moves).toMatchObject([{ variantId: small.id, delta: 7, stockAfter: 7, reason: "RESTOCK", note: "Initial stock", actorId: seller.userId }]);
    const events = await t.db.outboxEvent.findMany({ where: { topic: "stock.changed", aggregateId: small.id } });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ stock: 7, delta: 7, reason: "RESTOCK" });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: created.id, action: "product.create" } });
    expect(audit.actorId).toBe(seller.userId);
  });

  it("saves the whole form, bumps Product.version, records the changed fields and a price.changed event", async () => {
    const p = await inTransaction(t.db, (tx) => createProduct(tx, seller, form()));
    const [s, l] = p.variants;
    const saved = await inTransaction(t.db, (tx) => updateProduct(
      tx,
      seller,
      toUpdate(p, {
        title: `${p.title} Mk II`,
        variants: [
          { id: s!.id, sku: s!.sku, title: "Small", options: [{ name: "size", value: "S" }, { name: "finish", value: "Brass" }], priceMinor: 2700, lowStockThreshold: 3 },
          { id: l!.id, sku: l!.sku, title: "Large", options: [{ name: "size", value: "L" }], priceMinor: 4000, lowStockThreshold: 2 },
          { sku: `${s!.sku}-XL`, title: "Extra large", options: [{ name: "size", value: "XL" }], priceMinor: 5000, lowStockThreshold: 1, initialStock: 4 },
        ],
      }),
    ));
    expect(saved.version).toBe(2);
    expect(saved.title).toMatch(/Mk II$/);
    expect(saved.variants.map((v) => [v.title, v.priceMinor, v.stock])).toEqual([
      ["Small", 2700, 7],
      ["Large", 4000, 0],
      ["Extra large", 5000, 4],
    ]);
    expect(saved.variants[0]!.options).toEqual(expect.arrayContaining([{ name: "finish", value: "Brass" }]));
    expect(saved.variants[0]!.version).toBeGreaterThan(s!.version);
    const priceEvents = await t.db.outboxEvent.findMany({ where: { topic: "price.changed", aggregateId: s!.id } });
    expect(priceEvents).toHaveLength(1);
    expect(priceEvents[0]!.payload).toMatchObject({ priceMinor: 2700, previousPriceMinor: 2500 });
    expect(await t.db.outboxEvent.count({ where: { topic: "price.changed", aggregateId: l!.id } })).toBe(0);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: p.id, action: "product.update" } });
    expect(audit.before).toMatchObject({ title: p.title });
    expect(audit.after).toMatchObject({ title: saved.title });
    expect(JSON.stringify(audit.before)).not.toContain("description");
    const xl = saved.variants[2]!;
    expect(await t.db.inventoryMovement.findMany({ where: { variantId: xl.id }, select: { delta: true, note: true } })).toEqual([{ delta: 4, note: "Initial stock" }]);
  });

  it("refuses a stale version with VERSION_CONFLICT carrying the saved values, and changes nothing", async () => {
    const p = await inTransaction(t.db, (tx) => createProduct(tx, seller, form()));
    const first = await inTransaction(t.db, (tx) => updateProduct(tx, seller, toUpdate(p, { title: "Saved by the first tab" })));
    const err = await appErrorOf(inTransaction(t.db, (tx) => updateProduct(tx, seller, toUpdate(p, { brand: "Second tab brand" }))));
    expect(err.code).toBe("VERSION_CONFLICT");
    expect(err.details).toMatchObject({ currentVersion: 2, expectedVersion: 1, current: { title: "Saved by the first tab", version: 2 } });
    const now = await getEditorProduct(t.db, seller.storeId, p.id);
    expect(now).toEqual(first);
    const statusErr = await appErrorOf(inTransaction(t.db, (tx) => setProductStatus(tx, seller, { id: p.id, expectedVersion: 1, status: "ARCHIVED" })));
    expect(statusErr.code).toBe("VERSION_CONFLICT");
    expect((await getEditorProduct(t.db, seller.storeId, p.id)).status).toBe("ACTIVE");
    // Applying mine again on top of the current version works.
    const again = await inTransaction(t.db, (tx) => updateProduct(tx, seller, toUpdate(first, { brand: "Second tab brand" })));
    expect(again).toMatchObject({ version: 3, title: "Saved by the first tab", brand: "Second tab brand" });
  });

  it("answers a duplicate SKU or slug with field errors, not a server error", async () => {
    const a = await inTransaction(t.db, (tx) => createProduct(tx, seller, form()));
    const b = await inTransaction(t.db, (tx) => createProduct(tx, seller, form()));
    const dupSku = await appErrorOf(
      inTransaction(t.db, (tx) => updateProduct(tx, seller, toUpdate(b, { variants: [toUpdate(b).variants[0]!, { ...toUpdate(b).variants[1]!, sku: a.variants[0]!.sku }] }))),
    );
    expect(dupSku.code).toBe("VALIDATION");
    expect(dupSku.fieldErrors).toEqual({ "variants.1.sku": ["Another product already uses this SKU"] });
    const dupSlug = await appErrorOf(inTransaction(t.db, (tx) => createProduct(tx, seller, { ...form(), slug: a.slug })));
    expect(dupSlug.fieldErrors?.slug).toEqual(["Another product already uses this URL name"]);
    expect((await getEditorProduct(t.db, seller.storeId, b.id)).version).toBe(1);
  });

  it("validates input with field errors keyed by path", async () => {
    const caller = createCaller(createContextInner({ db: t.db, session: sellerSession }));
    const bad = form();
    bad.variants = [
      { ...bad.variants[0]!, priceMinor: 0 },
      { ...bad.variants[1]!, sku: bad.variants[0]!.sku, lowStockThreshold: -1, options: [{ name: "", value: "x" }] },
    ];
    const err = await errorOf(caller.seller.products.create(bad));
    const data = err.cause as unknown as { issues: { path: (string | number)[] }[] };
    const paths = data.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["variants.0.priceMinor", "variants.1.lowStockThreshold", "variants.1.options.0.name", "variants.1.sku"]));
    const none = await errorOf(caller.seller.products.create({ ...form(), variants: [] }));
    expect(none.code).toBe("BAD_REQUEST");
  });

  it("answers NOT_FOUND for another store's product, for every procedure, and changes nothing", async () => {
    const p = await inTransaction(t.db, (tx) => createProduct(tx, other, form()));
    const caller = createCaller(createContextInner({ db: t.db, session: sellerSession }));
    expect((await errorOf(caller.seller.products.get({ id: p.id }))).code).toBe("NOT_FOUND");
    expect((await errorOf(caller.seller.products.update(toUpdate(p, { title: "Hijacked" })))).code).toBe("NOT_FOUND");
    expect((await errorOf(caller.seller.products.setStatus({ id: p.id, expectedVersion: 1, status: "ARCHIVED" }))).code).toBe("NOT_FOUND");
    expect(await getEditorProduct(t.db, other.storeId, p.id)).toEqual(p);
  });

  it("archiving hides the product from the catalog list, search and product page; restoring brings it back", async () => {
    const p = await inTransaction(t.db, (tx) => createProduct(tx, seller, form()));
    const visible = async () => {
      const list = await listProducts(t.db, { limit: 60 });
      const found = await searchProducts(t.db, { q: p.title });
      const page = await getProductBySlug(t.db, { slug: p.slug }).then(
        () => true,
        (e: unknown) => (e instanceof AppError && e.code === "NOT_FOUND" ? false : Promise.reject(e)),
      );
      return { list: list.items.some((i) => i.id === p.id), search: found.items.some((i) => i.id === p.id), page };
    };
    expect(await visible()).toEqual({ list: true, search: true, page: true });
    const archived = await inTransaction(t.db, (tx) => setProductStatus(tx, seller, { id: p.id, expectedVersion: p.version, status: "ARCHIVED" }));
    expect(archived).toMatchObject({ status: "ARCHIVED", version: 2 });
    expect(await visible()).toEqual({ list: false, search: false, page: false });
    const restored = await inTransaction(t.db, (tx) => setProductStatus(tx, seller, { id: p.id, expectedVersion: archived.version, status: "ACTIVE" }));
    expect(restored.version).toBe(3);
    expect(await visible()).toEqual({ list: true, search: true, page: true });
    const audit = await t.db.auditLog.findMany({ where: { entityId: p.id, action: "product.status" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.before, a.after])).toEqual([
      [{ status: "ACTIVE" }, { status: "ARCHIVED" }],
      [{ status: "ARCHIVED" }, { status: "ACTIVE" }],
    ]);
  });

  it("removes an unused variant, but refuses to remove one that is in a cart or was ordered", async () => {
    const p = await inTransaction(t.db, (tx) => createProduct(tx, seller, form()));
    const [s, l] = toUpdate(p).variants;
    const withoutLarge = await inTransaction(t.db, (tx) => updateProduct(tx, seller, toUpdate(p, { variants: [s!] })));
    expect(withoutLarge.variants.map((v) => v.id)).toEqual([s!.id]);
    const cart = await t.db.cart.create({ data: { token: `cart-${backend}-${++seq}` } });
    await t.db.cartItem.create({ data: { cartId: cart.id, variantId: s!.id!, quantity: 1, priceMinorAdded: 2500 } });
    const again = toUpdate(withoutLarge, { variants: [{ sku: `${l!.sku}-2`, priceMinor: 100, lowStockThreshold: 0 }] });
    const err = await appErrorOf(inTransaction(t.db, (tx) => updateProduct(tx, seller, again)));
    expect(err.code).toBe("VALIDATION");
    expect(err.fieldErrors?.variants?.[0]).toMatch(/is in shoppers' carts/);
    expect((await getEditorProduct(t.db, seller.storeId, p.id)).variants.map((v) => v.id)).toEqual([s!.id]);
  });
});
