// The home page's "Featured" row: a deterministic pick of active, in-stock products, best
// sellers first (units in placed orders that were not cancelled or refunded), then the best-stocked.
import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient } from "@/server/db/transaction";
import { productCardSelect, type ProductCard } from "./list-products";

export const ZFeaturedProductsInput = z.object({
  limit: z.number().int().min(1).max(24).default(8),
});
export type TFeaturedProductsInput = z.input<typeof ZFeaturedProductsInput>;

export async function listFeaturedProducts(db: DbClient, rawInput: TFeaturedProductsInput = {}): Promise<ProductCard[]> {
  const input = ZFeaturedProductsInput.parse(rawInput);
  const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT p."id" AS id
    FROM "Product" p
    JOIN LATERAL (
      SELECT COALESCE(SUM(x."stock"), 0) AS stock FROM "Variant" x WHERE x."productId" = p."id"
    ) s ON TRUE
    JOIN LATERAL (
      SELECT COALESCE(SUM(oi."quantity"), 0) AS sold
      FROM "OrderItem" oi
      JOIN "Order" o ON o."id" = oi."orderId"
      -- A seller's cancelled or refunded part of an otherwise standing order sold nothing.
      LEFT JOIN "Shipment" sh ON sh."orderId" = oi."orderId" AND sh."storeId" = oi."storeId"
      -- A card checkout counts once it is placed (not while its payment is pending, nor failed).
      WHERE oi."productId" = p."id" AND COALESCE(sh."status", o."status") NOT IN ('CANCELLED', 'REFUNDED', 'PENDING_PAYMENT', 'PAYMENT_FAILED')
    ) sales ON TRUE
    WHERE p."status" = 'ACTIVE' AND p."deletedAt" IS NULL AND s.stock > 0
    ORDER BY sales.sold DESC, s.stock DESC, p."id" COLLATE "C" ASC
    LIMIT ${input.limit}`);
  if (rows.length === 0) return [];
  const cards = await db.product.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: productCardSelect });
  const byId = new Map(cards.map((c) => [c.id, c]));
  return rows.flatMap((r) => byId.get(r.id) ?? []);
}
