// Placing an order: one transaction that cannot oversell.
//  - each line is an atomic conditional decrement (UPDATE … WHERE stock >= qty), never a
//    read-then-write, taken in variant-id order so two orders never deadlock;
//  - a ledger row per line, the order with items, payment and delivery, a status history
//    entry, one fulfilment part per seller, and outbox events, all in the same transaction;
//  - any line short of stock refuses the whole order with a reason per line; a declined
//    payment rolls everything back (stock as it was, cart intact);
//  - the idempotency key (per customer) makes a repeat return the same order; the same key
//    with a different request is a conflict.
// Written for speed as well (docs/performance.md): every row the order needs goes in ONE
// statement (writable CTEs), the conditional UPDATE returns the product columns the items
// need, and the idempotency look-ups are plain SELECTs. Prisma's per-call CPU cost, not the
// database, limited throughput; the time between the stock UPDATE and COMMIT is what all
// buyers of a popular item wait through, so it is kept to one statement and the payment.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { Db } from "@/server/db/client";
import { AppError, fromPrismaError } from "@/server/errors";
import { providerFor } from "@/server/services/payments/provider-registry";
import { orderPlaced, stockChanged, variantLive } from "@/server/services/outbox/record-event";
import { deliveryOption } from "./delivery-options";
import { ZPlaceOrderInput, type TPlaceOrderInput } from "./schemas";
import { MAX_LINE_QUANTITY, MAX_LINE_QUANTITY_MESSAGE } from "@/shared/stock";

export interface PlacedOrder {
  id: string;
  orderUid: string;
  status: "PLACED" | "PAID";
  totalMinor: number;
  currency: string;
  /** True when this call repeated an earlier one with the same key. */
  replayed: boolean;
}

type Tx = Prisma.TransactionClient;

interface Row {
  id: string;
  productId: string;
  title: string;
  options: Record<string, string> | null;
  priceMinor: number;
  currency: string;
  stock: number;
  lowStockThreshold: number;
  version: number;
  chrtId: number;
  pTitle: string;
  pBrand: string;
  pNmId: number;
  pStoreId: string;
}

const TX_OPTIONS = { maxWait: 30_000, timeout: 30_000 } as const;
const newId = () => `c${randomBytes(12).toString("hex")}`;

async function replayOrConflict(db: Db | Tx, userId: string, key: string, hash: string): Promise<PlacedOrder | null> {
  const [existing] = await db.$queryRaw<{ id: string; orderUid: string; status: string; totalMinor: number; currency: string; requestHash: string | null }[]>`
    SELECT id, "orderUid", status::text AS status, "totalMinor", currency, "requestHash"
    FROM "Order" WHERE "userId" = ${userId} AND "idempotencyKey" = ${key} LIMIT 1`;
  if (!existing) return null;
  if (existing.requestHash !== hash) {
    throw new AppError("IDEMPOTENCY_CONFLICT", "This checkout was already submitted with different contents. Reload the page and try again.");
  }
  return {
    id: existing.id,
    orderUid: existing.orderUid,
    status: existing.status === "PAID" ? "PAID" : "PLACED",
    totalMinor: existing.totalMinor,
    currency: existing.currency,
    replayed: true,
  };
}

export async function placeOrder(db: Db, userId: string, rawInput: TPlaceOrderInput): Promise<PlacedOrder> {
  const input = ZPlaceOrderInput.parse(rawInput);
  const fromCart = !input.lines;
  let lines = input.lines;
  if (!lines) {
    const cart = await db.cart.findUnique({ where: { userId }, select: { items: { select: { variantId: true, quantity: true } } } });
    lines = cart?.items ?? [];
    if (lines.length === 0) throw new AppError("VALIDATION", "Your cart is empty", { fieldErrors: { lines: ["Your cart is empty"] } });
  }
  // One entry per variant, in a fixed lock order (by id): two orders can never wait on each other.
  const byId = new Map<string, number>();
  for (const l of lines) byId.set(l.variantId, (byId.get(l.variantId) ?? 0) + l.quantity);
  const merged = [...byId.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([variantId, quantity]) => ({ variantId, quantity }));
  if (merged.some((l) => l.quantity > MAX_LINE_QUANTITY)) throw new AppError("VALIDATION", MAX_LINE_QUANTITY_MESSAGE);
  const pay = input.payment.method === "card" ? { m: "card", last4: input.payment.cardNumber.slice(-4) } : { m: "cod" };
  const hash = createHash("sha256").update(JSON.stringify({ lines: merged, d: input.delivery, s: input.deliveryService, pay })).digest("hex");

  const early = await replayOrConflict(db, userId, input.idempotencyKey, hash);
  if (early) return early;

  try {
    return await db.$transaction(async (tx) => {
      // Serialise attempts with the same key; the unique index is the backstop.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${userId}:${input.idempotencyKey}`}, 0))`;
      const again = await replayOrConflict(tx, userId, input.idempotencyKey, hash);
      if (again) return again;

      const rows: Row[] = [];
      const short: { variantId: string; requested: number; available: number; title: string }[] = [];
      for (const line of merged) {
        const [updated] = await tx.$queryRaw<Row[]>`
          UPDATE "Variant" v
          SET stock = v.stock - ${line.quantity}, version = v.version + 1, "updatedAt" = now()
          FROM "Product" p
          WHERE v.id = ${line.variantId} AND v.stock >= ${line.quantity}
            AND p.id = v."productId" AND p.status = 'ACTIVE' AND p."deletedAt" IS NULL
          RETURNING v.id, v."productId", v.title, v.options, v."priceMinor", v.currency, v.stock, v."lowStockThreshold", v.version, v."chrtId",
                    p.title AS "pTitle", p.brand AS "pBrand", p."nmId" AS "pNmId", p."storeId" AS "pStoreId"`;
        if (updated) {
          rows.push(updated);
          continue;
        }
        const current = await tx.variant.findUnique({
          where: { id: line.variantId },
          select: { stock: true, title: true, product: { select: { title: true, status: true, deletedAt: true } } },
        });
        const available = current && current.product.status === "ACTIVE" && !current.product.deletedAt ? current.stock : 0;
        short.push({
          variantId: line.variantId,
          requested: line.quantity,
          available,
          title: current ? `${current.product.title}${current.title ? ` (${current.title})` : ""}` : "An item",
        });
      }
      if (short.length > 0) {
        const messages = short.map((s) =>
          s.available === 0 ? `${s.title} is no longer available` : `${s.title}: only ${s.available} left, you asked for ${s.requested}`,
        );
        throw new AppError("INSUFFICIENT_STOCK", messages.join("; "), { details: { lines: short } });
      }
      if (new Set(rows.map((r) => r.currency)).size > 1) throw new AppError("VALIDATION", "All items of one order must be in one currency");
      const currency = rows[0]!.currency;
      const qty = new Map(merged.map((l) => [l.variantId, l.quantity]));
      const goods = rows.reduce((s, r) => s + r.priceMinor * qty.get(r.id)!, 0);
      const delivery = deliveryOption(input.deliveryService);
      const total = goods + delivery.costMinor;
      const orderUid = randomBytes(10).toString("hex");

      const outcome = await providerFor(input.payment.method).authorize({ amountMinor: total, currency, orderUid, payment: input.payment });
      if (outcome.status === "DECLINED") throw new AppError("PAYMENT_DECLINED", outcome.reason);
      const paid = outcome.status === "SUCCEEDED";
      const orderId = newId();
      const now = new Date();
      const ts = now.toISOString();

      const items = rows.map((r, i) => {
        const q = qty.get(r.id)!;
        return {
          id: newId(),
          variantId: r.id,
          productId: r.productId,
          storeId: r.pStoreId,
          chrtId: r.chrtId,
          nmId: r.pNmId,
          priceMinor: r.priceMinor,
          rid: `${orderUid}${i.toString(16).padStart(2, "0")}`,
          name: r.title ? `${r.pTitle} (${r.title})` : r.pTitle,
          size: r.options?.size ?? "0",
          totalPriceMinor: r.priceMinor * q,
          brand: r.pBrand,
          quantity: q,
        };
      });
      const history = paid
        ? [
            { id: newId(), fromStatus: null, toStatus: "PLACED", note: "", actorId: userId },
            { id: newId(), fromStatus: "PLACED", toStatus: "PAID", note: "Card payment succeeded", actorId: null },
          ]
        : [{ id: newId(), fromStatus: null, toStatus: "PLACED", note: "Pay on delivery", actorId: userId }];
      const movements = rows.map((r) => ({ id: newId(), variantId: r.id, delta: -qty.get(r.id)!, stockAfter: r.stock }));
      const stores = new Map<string, { storeId: string; itemCount: number; totalMinor: number }>();
      for (const it of items) {
        const s = stores.get(it.storeId) ?? { storeId: it.storeId, itemCount: 0, totalMinor: 0 };
        s.itemCount += it.quantity;
        s.totalMinor += it.totalPriceMinor;
        stores.set(it.storeId, s);
      }
      const events = [
        orderPlaced({ orderId, orderUid, userId, totalMinor: total, currency, placedAt: ts, stores: [...stores.values()] }),
        ...rows.map((r) => stockChanged(variantLive({ ...r, storeId: r.pStoreId }), -qty.get(r.id)!, "ORDER")),
      ];
      // One fulfilment part per store (server/services/fulfilment), in the order's status.
      const parts = [...stores.keys()].map((storeId) => ({ id: newId(), storeId }));
      const d = input.delivery;
      const shardKey = String(parseInt(orderUid.slice(0, 2), 16) % 10);

      await tx.$executeRaw`
        WITH o AS (
          INSERT INTO "Order" (id, "orderUid", entry, locale, "customerRef", "deliveryService", "shardKey", "smId", "dateCreated", "oofShard",
                               "userId", source, status, currency, "goodsTotalMinor", "deliveryCostMinor", "totalMinor", "idempotencyKey", "requestHash", "createdAt", "updatedAt")
          VALUES (${orderId}, ${orderUid}, 'LMWEB', 'en', ${userId}, ${delivery.code}, ${shardKey}, 0, ${ts}::timestamp, '1',
                  ${userId}, 'STOREFRONT', ${paid ? "PAID" : "PLACED"}::"OrderStatus", ${currency}, ${goods}::int, ${delivery.costMinor}::int, ${total}::int,
                  ${input.idempotencyKey}, ${hash}, ${ts}::timestamp, ${ts}::timestamp)
        ), i AS (
          INSERT INTO "OrderItem" (id, "orderId", "variantId", "productId", "storeId", "chrtId", "nmId", "priceMinor", rid, name, sale, size,
                                   "totalPriceMinor", brand, status, quantity, currency, "createdAt")
          SELECT x.id, ${orderId}, x."variantId", x."productId", x."storeId", x."chrtId", x."nmId", x."priceMinor", x.rid, x.name, 0, x.size,
                 x."totalPriceMinor", x.brand, 0, x.quantity, ${currency}, ${ts}::timestamp
          FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x(id text, "variantId" text, "productId" text, "storeId" text, "chrtId" int,
               "nmId" int, "priceMinor" int, rid text, name text, size text, "totalPriceMinor" int, brand text, quantity int)
        ), pay AS (
          INSERT INTO "Payment" (id, "orderId", transaction, currency, provider, "amountMinor", "paymentDt", bank, "deliveryCostMinor",
                                 "goodsTotalMinor", "customFeeMinor", status, "createdAt", "updatedAt")
          VALUES (${newId()}, ${orderId}, ${outcome.transaction}, ${currency}, ${outcome.provider}, ${total}::int,
                  ${paid ? Math.floor(now.getTime() / 1000) : 0}::int, ${outcome.bank}, ${delivery.costMinor}::int, ${goods}::int, 0,
                  ${outcome.status}::"PaymentStatus", ${ts}::timestamp, ${ts}::timestamp)
        ), dl AS (
          INSERT INTO "Delivery" (id, "orderId", name, phone, zip, city, address, region, email)
          VALUES (${newId()}, ${orderId}, ${d.name}, ${d.phone}, ${d.zip}, ${d.city}, ${d.address}, ${d.region}, ${d.email})
        ), h AS (
          INSERT INTO "OrderStatusHistory" (id, "orderId", "fromStatus", "toStatus", note, "actorId", "createdAt")
          SELECT x.id, ${orderId}, x."fromStatus"::"OrderStatus", x."toStatus"::"OrderStatus", x.note, x."actorId", ${ts}::timestamp
          FROM jsonb_to_recordset(${JSON.stringify(history)}::jsonb) AS x(id text, "fromStatus" text, "toStatus" text, note text, "actorId" text)
        ), sh AS (
          INSERT INTO "Shipment" (id, "orderId", "storeId", status, version, "createdAt", "updatedAt")
          SELECT x.id, ${orderId}, x."storeId", ${paid ? "PAID" : "PLACED"}::"OrderStatus", 1, ${ts}::timestamp, ${ts}::timestamp
          FROM jsonb_to_recordset(${JSON.stringify(parts)}::jsonb) AS x(id text, "storeId" text)
        ), m AS (
          INSERT INTO "InventoryMovement" (id, "variantId", delta, "stockAfter", reason, "actorId", "orderId", "createdAt")
          SELECT x.id, x."variantId", x.delta, x."stockAfter", 'ORDER', ${userId}, ${orderId}, ${ts}::timestamp
          FROM jsonb_to_recordset(${JSON.stringify(movements)}::jsonb) AS x(id text, "variantId" text, delta int, "stockAfter" int)
        )
        INSERT INTO "OutboxEvent" (topic, "aggregateId", payload, "createdAt")
        SELECT x.topic, x."aggregateId", x.payload, ${ts}::timestamp
        FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS x(topic text, "aggregateId" text, payload jsonb)`;
      if (fromCart) {
        await tx.$executeRaw`
          DELETE FROM "CartItem" ci USING "Cart" c
          WHERE c.id = ci."cartId" AND c."userId" = ${userId} AND ci."variantId" = ANY(${rows.map((r) => r.id)}::text[])`;
      }
      return { id: orderId, orderUid, status: paid ? "PAID" : "PLACED", totalMinor: total, currency, replayed: false } as const;
    }, TX_OPTIONS);
  } catch (err) {
    // Two first attempts with one key on different app instances: the unique index decides.
    if (fromPrismaError(err)?.code === "CONFLICT") {
      const winner = await replayOrConflict(db, userId, input.idempotencyKey, hash);
      if (winner) return winner;
    }
    throw err;
  }
}
