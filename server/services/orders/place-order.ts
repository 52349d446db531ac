// Placing an order: one transaction that cannot oversell.
//  - each line is an atomic conditional decrement (UPDATE … WHERE stock >= qty), never a
//    read-then-write, taken in variant-id order so two orders never deadlock;
//  - a ledger row per line, the order with items, payment and delivery, a status history
//    entry, and outbox events, all in the same transaction;
//  - any line short of stock refuses the whole order with a reason per line; a declined
//    payment rolls everything back (stock as it was, cart intact);
//  - the idempotency key (per customer) makes a repeat return the same order; the same key
//    with a different request is a conflict.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { AppError, fromPrismaError } from "@/server/errors";
import { providerFor } from "@/server/services/payments/provider-registry";
import { recordEvents, stockChanged, type Tx } from "@/server/services/outbox/record-event";
import { deliveryOption } from "./delivery-options";
import { ZPlaceOrderInput, type TPlaceOrderInput } from "./schemas";

export interface PlacedOrder {
  id: string;
  orderUid: string;
  status: "PLACED" | "PAID";
  totalMinor: number;
  currency: string;
  /** True when this call repeated an earlier one with the same key. */
  replayed: boolean;
}

interface DecrementedRow {
  id: string;
  productId: string;
  sku: string;
  title: string;
  options: unknown;
  priceMinor: number;
  currency: string;
  stock: number;
  version: number;
  chrtId: number;
}

interface ShortLine {
  variantId: string;
  requested: number;
  available: number;
  title: string;
}

const TX_OPTIONS = { maxWait: 30_000, timeout: 30_000 } as const;

function requestHash(lines: { variantId: string; quantity: number }[], input: ReturnType<typeof ZPlaceOrderInput.parse>): string {
  const pay = input.payment.method === "card" ? { m: "card", last4: input.payment.cardNumber.slice(-4) } : { m: "cod" };
  return createHash("sha256")
    .update(JSON.stringify({ lines, d: input.delivery, s: input.deliveryService, pay }))
    .digest("hex");
}

function mergeLines(lines: { variantId: string; quantity: number }[]) {
  const byId = new Map<string, number>();
  for (const l of lines) byId.set(l.variantId, (byId.get(l.variantId) ?? 0) + l.quantity);
  // A fixed lock order (by id) for every order: two orders can never wait on each other.
  return [...byId.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([variantId, quantity]) => ({ variantId, quantity }));
}

async function replayOrConflict(db: Db | Tx, userId: string, key: string, hash: string): Promise<PlacedOrder | null> {
  const existing = await db.order.findUnique({
    where: { userId_idempotencyKey: { userId, idempotencyKey: key } },
    select: { id: true, orderUid: true, status: true, totalMinor: true, currency: true, requestHash: true },
  });
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
    const cart = await db.cart.findUnique({
      where: { userId },
      select: { items: { select: { variantId: true, quantity: true } } },
    });
    lines = cart?.items ?? [];
    if (lines.length === 0) throw new AppError("VALIDATION", "Your cart is empty", { fieldErrors: { lines: ["Your cart is empty"] } });
  }
  const merged = mergeLines(lines);
  if (merged.some((l) => l.quantity > 99)) throw new AppError("VALIDATION", "At most 99 of one item");
  const hash = requestHash(merged, input);

  // Cheap path for retries: no transaction, no locks.
  const early = await replayOrConflict(db, userId, input.idempotencyKey, hash);
  if (early) return early;

  try {
    return await db.$transaction(async (tx) => {
      // Serialise attempts with the same key; the unique index is the backstop.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${userId}:${input.idempotencyKey}`}, 0))`;
      const again = await replayOrConflict(tx, userId, input.idempotencyKey, hash);
      if (again) return again;

      const rows: DecrementedRow[] = [];
      const short: ShortLine[] = [];
      for (const line of merged) {
        const updated = await tx.$queryRaw<DecrementedRow[]>`
          UPDATE "Variant" v
          SET stock = v.stock - ${line.quantity}, version = v.version + 1, "updatedAt" = now()
          FROM "Product" p
          WHERE v.id = ${line.variantId} AND v.stock >= ${line.quantity}
            AND p.id = v."productId" AND p.status = 'ACTIVE' AND p."deletedAt" IS NULL
          RETURNING v.id, v."productId", v.sku, v.title, v.options, v."priceMinor", v.currency, v.stock, v.version, v."chrtId"`;
        if (updated[0]) {
          rows.push(updated[0]);
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

      const currencies = new Set(rows.map((r) => r.currency));
      if (currencies.size > 1) throw new AppError("VALIDATION", "All items of one order must be in one currency");
      const currency = rows[0]!.currency;
      const qty = new Map(merged.map((l) => [l.variantId, l.quantity]));
      const goods = rows.reduce((s, r) => s + r.priceMinor * qty.get(r.id)!, 0);
      const delivery = deliveryOption(input.deliveryService);
      const total = goods + delivery.costMinor;
      const orderUid = randomBytes(10).toString("hex");

      const outcome = await providerFor(input.payment.method).authorize({ amountMinor: total, currency, orderUid, payment: input.payment });
      if (outcome.status === "DECLINED") throw new AppError("PAYMENT_DECLINED", outcome.reason);
      const paid = outcome.status === "SUCCEEDED";

      const products = await tx.product.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.productId))] } },
        select: { id: true, title: true, brand: true, nmId: true, storeId: true },
      });
      const productById = new Map(products.map((p) => [p.id, p]));
      const now = new Date();

      const order = await tx.order.create({
        data: {
          orderUid,
          entry: "LMWEB",
          locale: "en",
          customerRef: userId,
          deliveryService: delivery.code,
          shardKey: String(parseInt(orderUid.slice(0, 2), 16) % 10),
          smId: 0,
          dateCreated: now,
          oofShard: "1",
          userId,
          source: "STOREFRONT",
          status: paid ? "PAID" : "PLACED",
          currency,
          goodsTotalMinor: goods,
          deliveryCostMinor: delivery.costMinor,
          totalMinor: total,
          idempotencyKey: input.idempotencyKey,
          requestHash: hash,
          items: {
            create: rows.map((r, i) => {
              const p = productById.get(r.productId)!;
              const q = qty.get(r.id)!;
              const options = (r.options ?? {}) as Record<string, string>;
              return {
                variantId: r.id,
                productId: p.id,
                storeId: p.storeId,
                chrtId: r.chrtId,
                nmId: p.nmId,
                priceMinor: r.priceMinor,
                rid: `${orderUid}${i.toString(16).padStart(2, "0")}`,
                name: r.title ? `${p.title} (${r.title})` : p.title,
                sale: 0,
                size: options.size ?? "0",
                totalPriceMinor: r.priceMinor * q,
                brand: p.brand,
                status: 0,
                quantity: q,
                currency,
              };
            }),
          },
          payment: {
            create: {
              transaction: outcome.transaction,
              currency,
              provider: outcome.provider,
              amountMinor: total,
              paymentDt: paid ? Math.floor(now.getTime() / 1000) : 0,
              bank: outcome.bank,
              deliveryCostMinor: delivery.costMinor,
              goodsTotalMinor: goods,
              customFeeMinor: 0,
              status: outcome.status,
            },
          },
          delivery: { create: input.delivery },
          statusHistory: {
            create: paid
              ? [
                  { toStatus: "PLACED", actorId: userId, createdAt: now },
                  { fromStatus: "PLACED", toStatus: "PAID", note: "Card payment succeeded", createdAt: now },
                ]
              : [{ toStatus: "PLACED", actorId: userId, note: "Pay on delivery", createdAt: now }],
          },
        },
        select: { id: true },
      });

      await tx.inventoryMovement.createMany({
        data: rows.map((r) => ({
          variantId: r.id,
          delta: -qty.get(r.id)!,
          stockAfter: r.stock,
          reason: "ORDER" as const,
          actorId: userId,
          orderId: order.id,
        })),
      });
      await recordEvents(tx, [
        { topic: "order.placed", aggregateId: order.id, payload: { orderId: order.id, orderUid, userId, totalMinor: total, currency } },
        ...rows.map((r) => stockChanged({ productId: r.productId, variantId: r.id, stock: r.stock, version: r.version })),
      ]);
      if (fromCart) {
        await tx.cartItem.deleteMany({ where: { cart: { userId }, variantId: { in: rows.map((r) => r.id) } } });
      }
      return { id: order.id, orderUid, status: paid ? "PAID" : "PLACED", totalMinor: total, currency, replayed: false } as const;
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
