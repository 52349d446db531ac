// Admin: every order, read-only, with every seller's part.
import "server-only";
import { NEWEST_FIRST, pageOf, pageWindow, ZPage } from "@/server/services/paging";
import { z } from "zod";
import type { DbClient } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { ORDER_STATUSES } from "@/shared/orders";
import { orderRefWhere } from "@/server/services/orders/order-ref";
import { orderDetailSelect, partsOf } from "@/server/services/orders/read-orders";
import { ADMIN_PAGE_SIZE } from "./users";

export const ZAdminOrdersInput = z.object({ status: z.enum(ORDER_STATUSES).nullish(), page: ZPage });

export async function listAllOrders(db: DbClient, raw: z.input<typeof ZAdminOrdersInput>) {
  const input = ZAdminOrdersInput.parse(raw);
  const where = input.status ? { status: input.status } : {};
  const [rows, total] = await Promise.all([
    db.order.findMany({
      where,
      orderBy: NEWEST_FIRST,
      ...pageWindow(input.page, ADMIN_PAGE_SIZE),
      select: {
        id: true,
        number: true,
        orderUid: true,
        status: true,
        source: true,
        totalMinor: true,
        currency: true,
        createdAt: true,
        user: { select: { email: true } },
        delivery: { select: { name: true } },
        _count: { select: { shipments: true } },
        // The lines stock could not cover (an order received as an event, NEEDS_ATTENTION).
        items: { where: { shortQuantity: { gt: 0 } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { name: true, chrtId: true, shortQuantity: true } },
      },
    }),
    db.order.count({ where }),
  ]);
  const items = rows.map(({ _count, items: short, ...o }) => ({ ...o, partCount: _count.shipments, shortLines: shortLinesOf(short) }));
  return pageOf(items, total, input.page, ADMIN_PAGE_SIZE);
}

/** Short items of one order as lines: one per SKU with the units short. */
export function shortLinesOf(items: readonly { name: string; chrtId: number; shortQuantity: number }[]) {
  const lines = new Map<number, { name: string; chrtId: number; short: number }>();
  for (const i of items) {
    const l = lines.get(i.chrtId) ?? { name: i.name, chrtId: i.chrtId, short: 0 };
    l.short += i.shortQuantity;
    lines.set(i.chrtId, l);
  }
  return [...lines.values()];
}

export async function getAnyOrder(db: DbClient, orderId: string) {
  const order = await db.order.findFirst({
    where: orderRefWhere(orderId),
    select: {
      ...orderDetailSelect,
      source: true,
      version: true,
      user: { select: { id: true, email: true, name: true } },
      payment: { select: { provider: true, status: true, amountMinor: true, refundedMinor: true, currency: true, transaction: true } },
      statusHistory: {
        orderBy: [{ createdAt: "asc" }, { toStatus: "asc" }],
        select: { id: true, fromStatus: true, toStatus: true, note: true, createdAt: true, storeId: true, actor: { select: { name: true, email: true } } },
      },
    },
  });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  const { shipments: _s, ...rest } = order;
  return { ...rest, parts: partsOf(order) };
}
