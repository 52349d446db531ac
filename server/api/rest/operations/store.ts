// A store's API key: products, stock and price, the ledger, the store's orders and their
// fulfilment. The same services as the seller procedures (sellerWrite: the key acts as the
// store's owner in the key's store; every query is scoped to that store, so another store's
// product or order is 404).
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { createProduct, setProductStatus, updateProduct } from "@/server/services/product-editor/save-product";
import { getEditorProduct } from "@/server/services/product-editor/get-product";
import { ZCreateProductInput, ZProductFields } from "@/server/services/product-editor/schemas";
import { adjustStock, listMovements } from "@/server/services/inventory/adjust-stock";
import { updateVariantPrice } from "@/server/services/inventory/update-price";
import { ZAdjustStockInput, ZUpdatePriceInput } from "@/server/services/inventory/schemas";
import { getSellerOrder, listSellerOrders } from "@/server/services/fulfilment/read";
import { resolveOrderId } from "@/server/services/orders/order-ref";
import { transitionPart } from "@/server/services/fulfilment/transition";
import { ZTransitionInput } from "@/server/services/fulfilment/rules";
import { PART_STATUSES } from "@/shared/orders";
import { op, type Principal } from "../operation";
import { ifMatchVersion, json, listResult, pId, qCursor, qInt, ZCurrency, ZListOf, ZMinor, ZTimestamp } from "../schemas";

export function storeActor(p: Principal): { userId: string; storeId: string } {
  if (p.kind !== "api-key" || !p.store) throw new AppError("FORBIDDEN", "This operation needs a store's API key");
  return { userId: p.userId, storeId: p.store.id };
}

const ZEditorProduct = z
  .object({
    id: zText(),
    slug: zText(),
    title: zText(),
    description: zText(),
    brand: zText(),
    categoryId: zText(),
    category: z.object({ id: zText(), name: zText(), slug: zText() }),
    images: z.array(zText()),
    status: z.enum(["DRAFT", "ACTIVE", "ARCHIVED"]),
    version: z.int32(),
    updatedAt: ZTimestamp,
    variants: z.array(
      z.object({
        id: zText(),
        sku: zText(),
        title: zText(),
        options: z.array(z.object({ name: zText(), value: zText() })),
        priceMinor: ZMinor,
        /** A sale's was price (decision 175); null when not on sale. */
        compareAtMinor: ZMinor.nullable(),
        currency: ZCurrency,
        stock: z.int32(),
        lowStockThreshold: z.int32(),
        position: z.int32(),
        version: z.int32(),
      }),
    ),
  })
  .meta({ id: "StoreProduct" });
type EditorProductJson = z.infer<typeof ZEditorProduct>;
const etag = (p: { version: number }) => ({ etag: `"${p.version}"` });

const ZVariantLive = z.looseObject({ variantId: zText(), stock: z.int32().optional(), priceMinor: ZMinor.optional(), version: z.int32().optional() }).meta({ id: "VariantChange" });
const ZMovement = z.looseObject({ id: zText(), delta: z.int32(), reason: zText(), createdAt: ZTimestamp }).meta({ id: "StockMovement" });
const ZStoreOrderSummary = z.looseObject({ orderId: zText(), number: zText(), orderUid: zText() }).meta({ id: "StoreOrderSummary" });
const ZStoreOrder = z.looseObject({ id: zText(), number: zText(), orderUid: zText() }).meta({ id: "StoreOrder" });

// The transition's fields but the order (in the path); the service checks the whole input again,
// with its cross-field rules (a shipment needs a carrier and a tracking number).
const { orderId: _orderId, ...transitionFields } = ZTransitionInput.shape;
const ZTransitionBody = z.object(transitionFields).strict();

/** Page-numbered lists answer with an opaque cursor: the next page's number. */
const pageCursor = (page: number, pageCount: number) => (page < pageCount ? String(page + 1) : null);
const pageFrom = (cursor: string | undefined) => {
  if (cursor === undefined) return 1;
  if (!/^\d{1,5}$/.test(cursor)) throw new AppError("VALIDATION", "Invalid cursor", { fieldErrors: { "query.cursor": ["Invalid cursor"] } });
  return Number(cursor);
};

export const storeOperations = [
  op({
    operationId: "createProduct",
    method: "POST",
    path: "/products",
    tag: "Store catalog",
    summary: "Create a product with its variants",
    access: { kind: "store-key", scope: "catalog:write" },
    body: ZCreateProductInput,
    bodyLimit: 256 * 1024,
    // A slug or SKU another product uses is a field error (400), as on the product page.
    response: { status: 201, description: "The product (ETag: its version)", schema: ZEditorProduct },
    handler: async ({ db, principal, body }) => {
      const p = await inTransaction(db, (tx) => createProduct(tx, storeActor(principal), body));
      return { status: 201, body: json(p) as EditorProductJson, headers: { ...etag(p), location: `/api/v1/store/products/${p.id}` } };
    },
  }),
  op({
    operationId: "getStoreProduct",
    method: "GET",
    path: "/store/products/{id}",
    tag: "Store catalog",
    summary: "A product of the key's store (any status), with its version as ETag",
    access: { kind: "store-key", scope: "catalog:read" },
    params: z.object({ id: pId("The product") }),
    errors: ["NOT_FOUND"],
    response: { status: 200, description: "The product", schema: ZEditorProduct },
    handler: async ({ db, principal, params }) => {
      const p = await getEditorProduct(db, storeActor(principal).storeId, params.id);
      return { status: 200, body: json(p) as EditorProductJson, headers: etag(p) };
    },
  }),
  op({
    operationId: "updateProduct",
    method: "PUT",
    path: "/products/{product}",
    tag: "Store catalog",
    summary: "Replace a product's fields and variants (If-Match: its version)",
    description: "412 with details.current (the saved product) when the version is not the current one.",
    access: { kind: "store-key", scope: "catalog:write" },
    headers: { ifMatch: "required" },
    params: z.object({ product: pId("The product's id") }),
    body: ZProductFields.strict(),
    bodyLimit: 256 * 1024,
    // A slug or SKU another product uses is a field error (400), as on the product page.
    errors: ["NOT_FOUND", "VERSION_CONFLICT"],
    response: { status: 200, description: "The saved product", schema: ZEditorProduct },
    handler: async ({ db, principal, params, body, req }) => {
      const expectedVersion = ifMatchVersion(req);
      const p = await inTransaction(db, (tx) => updateProduct(tx, storeActor(principal), { ...body, id: params.product, expectedVersion }));
      return { status: 200, body: json(p) as EditorProductJson, headers: etag(p) };
    },
  }),
  op({
    operationId: "archiveProduct",
    method: "DELETE",
    path: "/products/{product}",
    tag: "Store catalog",
    summary: "Archive a product (it leaves the shop; its history stays)",
    access: { kind: "store-key", scope: "catalog:write" },
    headers: { ifMatch: "optional" },
    params: z.object({ product: pId("The product's id") }),
    errors: ["NOT_FOUND", "VERSION_CONFLICT"],
    response: { status: 200, description: "The archived product", schema: ZEditorProduct },
    handler: async ({ db, principal, params, req }) => {
      const actor = storeActor(principal);
      const p = await inTransaction(db, async (tx) => {
        const current = await getEditorProduct(tx, actor.storeId, params.product);
        const expectedVersion = req.headers.get("if-match") ? ifMatchVersion(req) : current.version;
        return setProductStatus(tx, actor, { id: params.product, expectedVersion, status: "ARCHIVED" });
      });
      return { status: 200, body: json(p) as EditorProductJson, headers: etag(p) };
    },
  }),
  op({
    operationId: "adjustStock",
    method: "POST",
    path: "/variants/{id}/stock-adjustments",
    tag: "Inventory",
    summary: "Add or remove stock with a reason (a ledger movement)",
    access: { kind: "store-key", scope: "inventory:write" },
    params: z.object({ id: pId("The variant") }),
    body: ZAdjustStockInput.omit({ variantId: true }),
    // Taking more than there is: a field error on delta (400), as on the inventory page;
    // VERSION_CONFLICT: expectedStock is not the stock now.
    errors: ["NOT_FOUND", "VERSION_CONFLICT"],
    response: { status: 201, description: "The variant after the change", schema: ZVariantLive },
    handler: async ({ db, principal, params, body }) => {
      const r = await inTransaction(db, (tx) => adjustStock(tx, storeActor(principal), { ...body, variantId: params.id }));
      return { status: 201, body: json(r) as z.infer<typeof ZVariantLive> };
    },
  }),
  op({
    operationId: "updateVariantPrice",
    method: "PATCH",
    path: "/variants/{id}",
    tag: "Inventory",
    summary: "Change a variant's price (If-Match: the product's version)",
    access: { kind: "store-key", scope: "inventory:write" },
    headers: { ifMatch: "required" },
    params: z.object({ id: pId("The variant") }),
    body: ZUpdatePriceInput.pick({ priceMinor: true }).strict(),
    errors: ["NOT_FOUND", "VERSION_CONFLICT"],
    response: { status: 200, description: "The variant after the change", schema: ZVariantLive },
    handler: async ({ db, principal, params, body, req }) => {
      const expectedVersion = ifMatchVersion(req);
      const r = await inTransaction(db, (tx) => updateVariantPrice(tx, storeActor(principal), { variantId: params.id, priceMinor: body.priceMinor, expectedVersion }));
      return { status: 200, body: json(r) as z.infer<typeof ZVariantLive> };
    },
  }),
  op({
    operationId: "listMovements",
    method: "GET",
    path: "/variants/{id}/movements",
    tag: "Inventory",
    summary: "A variant's stock ledger, newest first",
    access: { kind: "store-key", scope: "inventory:write" },
    params: z.object({ id: pId("The variant") }),
    query: z.object({ limit: qInt(1, 200).optional(), cursor: qCursor().optional() }).strict(),
    errors: ["NOT_FOUND"],
    response: { status: 200, description: "A page of movements", schema: ZListOf(ZMovement, "StockMovementList") },
    handler: async ({ db, principal, params, query, url }) => {
      const r = (await listMovements(db, storeActor(principal).storeId, { variantId: params.id, limit: query.limit, cursor: query.cursor })) as { items: unknown[]; nextCursor: string | null };
      return listResult(url, json(r.items) as never[], r.nextCursor);
    },
  }),
  op({
    operationId: "listStoreOrders",
    method: "GET",
    path: "/store/orders",
    tag: "Store orders",
    summary: "The store's orders, newest first",
    access: { kind: "store-key", scope: "orders:read" },
    query: z.object({ status: z.enum(PART_STATUSES).optional(), cursor: qCursor().optional() }).strict(),
    response: { status: 200, description: "A page of orders", schema: ZListOf(ZStoreOrderSummary, "StoreOrderList") },
    handler: async ({ db, principal, query, url }) => {
      const r = await listSellerOrders(db, storeActor(principal).storeId, { status: query.status, page: pageFrom(query.cursor) });
      return listResult(url, json(r.items) as never[], pageCursor(r.page, r.pageCount));
    },
  }),
  op({
    operationId: "getStoreOrder",
    method: "GET",
    path: "/store/orders/{orderId}",
    tag: "Store orders",
    summary: "One of the store's orders: its items of this store and its fulfilment",
    access: { kind: "store-key", scope: "orders:read" },
    params: z.object({ orderId: pId("The order's id or its number (LM-7K3Q9)") }),
    errors: ["NOT_FOUND"],
    response: { status: 200, description: "The order", schema: ZStoreOrder },
    handler: async ({ db, principal, params }) => ({ status: 200, body: json(await getSellerOrder(db, storeActor(principal).storeId, params.orderId)) as z.infer<typeof ZStoreOrder> }),
  }),
  op({
    operationId: "transitionStoreOrder",
    method: "POST",
    path: "/store/orders/{orderId}/transitions",
    tag: "Store orders",
    summary: "Move the store's part of an order (pack, ship with carrier and tracking, deliver, cancel)",
    access: { kind: "store-key", scope: "orders:write" },
    params: z.object({ orderId: pId("The order's id or its number (LM-7K3Q9)") }),
    body: ZTransitionBody,
    errors: ["NOT_FOUND", "VERSION_CONFLICT", "CONFLICT"],
    response: { status: 200, description: "The result of the transition", schema: z.looseObject({}).meta({ id: "TransitionResult" }) },
    handler: async ({ db, principal, params, body }) => {
      const orderId = await resolveOrderId(db, params.orderId);
      const r = await inTransaction(db, (tx) => transitionPart(tx, storeActor(principal), { ...body, orderId }));
      return { status: 200, body: json(r) as Record<string, unknown> };
    },
  }),
];
