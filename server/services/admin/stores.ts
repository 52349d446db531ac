// Admin: every store with its owner and how much it sells.
import "server-only";
import { pageOf, pageWindow, ZPage } from "@/server/services/paging";
import { z } from "zod";
import { zText } from "@/shared/text";
import type { DbClient } from "@/server/db/transaction";
import { ADMIN_PAGE_SIZE } from "./users";

export const ZListStoresInput = z.object({ q: zText().trim().max(200).default(""), page: ZPage });

export async function listStores(db: DbClient, raw: z.input<typeof ZListStoresInput>) {
  const input = ZListStoresInput.parse(raw);
  const where = input.q
    ? { OR: [{ name: { contains: input.q, mode: "insensitive" as const } }, { slug: { contains: input.q, mode: "insensitive" as const } }] }
    : {};
  const [rows, total] = await Promise.all([
    db.store.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...pageWindow(input.page, ADMIN_PAGE_SIZE),
      select: {
        id: true,
        name: true,
        slug: true,
        createdAt: true,
        owner: { select: { id: true, name: true, email: true, disabledAt: true } },
        // Orders: one part per (order, store), so parts count the orders with this store's items.
        _count: { select: { products: { where: { deletedAt: null } }, shipments: true } },
      },
    }),
    db.store.count({ where }),
  ]);
  const items = rows.map(({ _count, ...s }) => ({ ...s, productCount: _count.products, orderCount: _count.shipments }));
  return pageOf(items, total, input.page, ADMIN_PAGE_SIZE);
}
