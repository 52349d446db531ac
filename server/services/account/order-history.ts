// The order history of /account: the caller's orders, newest first, searched by order number
// (`LM-7K3Q9`, any case, or a part of it), by the start of the order's uid, by product name, and
// filtered by status. A checkout
// whose payment failed was never an order and is not listed (as in orders.list).
import "server-only";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient } from "@/server/db/transaction";
import { ZOrderHistoryInput, type TOrderHistoryInput } from "@/shared/account";
import { claimGuestOrders } from "./email-verification";

export async function orderHistory(db: DbClient, userId: string, raw: TOrderHistoryInput) {
  const input = ZOrderHistoryInput.parse(raw);
  // Guest orders placed with a verified email since it was verified join the history first
  // (claims nothing for an unverified email).
  if (!input.cursor) await claimGuestOrders(db, userId);
  const q = input.q.replace(/^#/, "").trim();
  const text: Prisma.OrderWhereInput[] = q
    ? [
        {
          OR: [
            { number: { contains: q.toUpperCase() } },
            { orderUid: { startsWith: q.toLowerCase() } },
            { items: { some: { name: { contains: q, mode: "insensitive" } } } },
          ],
        },
      ]
    : [];
  const rows = await db.order.findMany({
    where: { userId, AND: [{ status: input.status ?? { not: "PAYMENT_FAILED" } }, ...text] },
    select: {
      id: true, number: true, orderUid: true, status: true, totalMinor: true, currency: true, createdAt: true,
      items: { select: { name: true, quantity: true }, orderBy: { createdAt: "asc" } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > input.limit;
  const items = (hasMore ? rows.slice(0, input.limit) : rows).map(({ items, ...o }) => ({
    ...o,
    itemCount: items.reduce((s, i) => s + i.quantity, 0),
    itemNames: items.map((i) => i.name),
  }));
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}
