// The seller dashboard in two statements, both scoped to one store:
//  1. orders: per-day orders and revenue of the last 30 UTC days (this store's part of each
//     order only) and the latest 10 parts;
//  2. stock: low-stock and out-of-stock variants of active products, with their counts.
// "This store's part" is the Shipment row of (order, store) and the OrderItems with that
// storeId. A part that was cancelled or refunded counts neither as an order nor as revenue:
// the sale did not stand (cancelling returns the goods, refunding the money).
// Day boundaries come from days.ts (UTC). Both statements use the indexes the schema has:
// Shipment(storeId, status, createdAt) for the window and for "latest" (one short index scan
// per status, merged), OrderItem(orderId) for the part's items, Product(storeId, status) and
// Variant(productId) for stock.
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import type { DbClient } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import type { OrderStatus } from "@/shared/orders";
import { DASHBOARD_TIME_ZONE, SERIES_DAYS, seriesWindow } from "./days";

/** Part states whose sale stands. */
export const COUNTED_STATUSES = ["PLACED", "PAID", "PACKED", "SHIPPED", "DELIVERED"] as const;
export const LATEST_ORDERS = 10;
/** Each stock list shows at most this many variants (lowest stock first); the count is exact. */
export const STOCK_LIST_LIMIT = 50;

export interface DayPoint {
  /** "YYYY-MM-DD", a UTC calendar day. */
  date: string;
  orders: number;
  revenueMinor: number;
}

export interface LatestOrder {
  orderId: string;
  number: string;
  orderUid: string;
  createdAt: Date;
  customer: string;
  status: OrderStatus;
  currency: string;
  itemCount: number;
  /** This store's items of the order: name and quantity. */
  items: { name: string; quantity: number }[];
  /** This store's share of the order. */
  totalMinor: number;
}

export interface StockAlertRow {
  /** The variant's id (named `id` so live stock events patch the row in the client cache). */
  id: string;
  productId: string;
  productTitle: string;
  sku: string;
  title: string;
  stock: number;
  lowStockThreshold: number;
  /** Variant.version: live events newer than this patch the row. */
  version: number;
  /** The product editor. */
  href: string;
}

export interface SellerDashboard {
  store: { id: string; name: string; slug: string };
  timeZone: string;
  generatedAt: Date;
  currency: string;
  today: { date: string; orders: number; revenueMinor: number };
  series: DayPoint[];
  totals30d: { orders: number; revenueMinor: number };
  latestOrders: LatestOrder[];
  lowStock: StockAlertRow[];
  outOfStock: StockAlertRow[];
  counts: { lowStock: number; outOfStock: number; activeProducts: number };
}

interface OrdersRow {
  days: { day: string; orders: number; revenue: number | string }[] | null;
  latest: (Omit<LatestOrder, "createdAt"> & { createdAt: string })[] | null;
}

interface StockRow {
  rows: (Omit<StockAlertRow, "href"> & { kind: "low" | "out" })[] | null;
  low: number;
  out: number;
  active: number;
}

export async function getSellerDashboard(db: DbClient, store: { id: string; name: string; slug: string }, now = new Date()): Promise<SellerDashboard> {
  const storeId = store.id;
  const { since, today, keys } = seriesWindow(now);
  const sinceIso = since.toISOString();

  const [ordersRows, stockRows] = await Promise.all([
    db.$queryRaw<OrdersRow[]>`
      WITH counted AS (
        SELECT s."orderId", o."createdAt"
        FROM "Shipment" s JOIN "Order" o ON o.id = s."orderId"
        WHERE s."storeId" = ${storeId}
          AND s.status IN ('PLACED', 'PAID', 'PACKED', 'SHIPPED', 'DELIVERED')
          AND s."createdAt" >= ${sinceIso}::timestamp AND o."createdAt" >= ${sinceIso}::timestamp
      ), days AS (
        SELECT to_char(date_trunc('day', c."createdAt"), 'YYYY-MM-DD') AS day,
               count(DISTINCT c."orderId")::int AS orders,
               COALESCE(sum(i."totalPriceMinor"), 0)::bigint AS revenue
        FROM counted c LEFT JOIN "OrderItem" i ON i."orderId" = c."orderId" AND i."storeId" = ${storeId}
        GROUP BY 1
      ), recent AS (
        SELECT r."orderId", r.status, r."createdAt"
        FROM unnest(enum_range(NULL::"OrderStatus")) AS st(status)
        CROSS JOIN LATERAL (
          SELECT s."orderId", s.status, s."createdAt" FROM "Shipment" s
          WHERE s."storeId" = ${storeId} AND s.status = st.status
          ORDER BY s."createdAt" DESC, s."orderId" DESC LIMIT ${LATEST_ORDERS}
        ) r
        ORDER BY r."createdAt" DESC, r."orderId" DESC LIMIT ${LATEST_ORDERS}
      ), latest AS (
        SELECT r."orderId", o.number, o."orderUid", to_char(o."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
               COALESCE(d.name, '') AS customer, r.status::text AS status, o.currency,
               it."itemCount", it.items, it."totalMinor", r."createdAt" AS at
        FROM recent r
        JOIN "Order" o ON o.id = r."orderId"
        LEFT JOIN "Delivery" d ON d."orderId" = r."orderId"
        CROSS JOIN LATERAL (
          SELECT COALESCE(sum(i.quantity), 0)::int AS "itemCount",
                 COALESCE(sum(i."totalPriceMinor"), 0)::int AS "totalMinor",
                 COALESCE(json_agg(json_build_object('name', i.name, 'quantity', i.quantity) ORDER BY i."createdAt", i.id), '[]'::json) AS items
          FROM "OrderItem" i WHERE i."orderId" = r."orderId" AND i."storeId" = ${storeId}
        ) it
      )
      SELECT (SELECT json_agg(json_build_object('day', day, 'orders', orders, 'revenue', revenue)) FROM days) AS days,
             (SELECT json_agg(json_build_object('orderId', "orderId", 'number', number, 'orderUid', "orderUid", 'createdAt', "createdAt", 'customer', customer,
                     'status', status, 'currency', currency, 'itemCount', "itemCount", 'items', items, 'totalMinor', "totalMinor")
                     ORDER BY at DESC, "orderId" DESC) FROM latest) AS latest`,
    db.$queryRaw<StockRow[]>`
      WITH flagged AS (
        SELECT v.id, v."productId", p.title AS "productTitle", v.sku, v.title, v.stock, v."lowStockThreshold", v.version,
               CASE WHEN v.stock = 0 THEN 'out' ELSE 'low' END AS kind
        FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
        WHERE p."storeId" = ${storeId} AND p.status = 'ACTIVE' AND p."deletedAt" IS NULL AND v.stock <= v."lowStockThreshold"
      ), ranked AS (
        SELECT f.*, row_number() OVER (PARTITION BY kind ORDER BY stock, "productTitle", sku) AS rn FROM flagged f
      )
      SELECT (SELECT json_agg(json_build_object('kind', kind, 'id', id, 'productId', "productId", 'productTitle', "productTitle",
                     'sku', sku, 'title', title, 'stock', stock, 'lowStockThreshold', "lowStockThreshold", 'version', version) ORDER BY kind, rn)
              FROM ranked WHERE rn <= ${STOCK_LIST_LIMIT}) AS rows,
             (SELECT count(*)::int FROM flagged WHERE kind = 'low') AS low,
             (SELECT count(*)::int FROM flagged WHERE kind = 'out') AS out,
             (SELECT count(*)::int FROM "Product" WHERE "storeId" = ${storeId} AND status = 'ACTIVE' AND "deletedAt" IS NULL) AS active`,
  ]);

  const o = ordersRows[0] ?? { days: null, latest: null };
  const byDay = new Map((o.days ?? []).map((d) => [d.day, { orders: Number(d.orders), revenueMinor: Number(d.revenue) }]));
  const series = keys.map((date) => ({ date, ...(byDay.get(date) ?? { orders: 0, revenueMinor: 0 }) }));
  const latestOrders = (o.latest ?? []).map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
  const s = stockRows[0] ?? { rows: null, low: 0, out: 0, active: 0 };
  const rows = (s.rows ?? []).map(({ kind, ...r }) => ({ kind, row: { ...r, href: `/seller/products/${r.productId}` } }));
  const todayPoint = series[series.length - 1]!;

  return {
    store,
    timeZone: DASHBOARD_TIME_ZONE,
    generatedAt: now,
    currency: latestOrders[0]?.currency ?? "USD",
    today: { date: today, orders: todayPoint.orders, revenueMinor: todayPoint.revenueMinor },
    series,
    totals30d: series.reduce((t, d) => ({ orders: t.orders + d.orders, revenueMinor: t.revenueMinor + d.revenueMinor }), { orders: 0, revenueMinor: 0 }),
    latestOrders,
    lowStock: rows.filter((r) => r.kind === "low").map((r) => r.row),
    outOfStock: rows.filter((r) => r.kind === "out").map((r) => r.row),
    counts: { lowStock: Number(s.low), outOfStock: Number(s.out), activeProducts: Number(s.active) },
  };
}

export const ZVariantSummaryInput = z.object({ variantId: zText().min(1).max(64) });

/** What a low-stock alert names: one variant of this store (another store's answers NOT_FOUND). */
export async function getVariantSummary(db: DbClient, storeId: string, raw: z.input<typeof ZVariantSummaryInput>) {
  const { variantId } = ZVariantSummaryInput.parse(raw);
  const v = await db.variant.findFirst({
    where: { id: variantId, product: { storeId, deletedAt: null } },
    select: { id: true, sku: true, title: true, productId: true, product: { select: { title: true } } },
  });
  if (!v) throw new AppError("NOT_FOUND", "Variant not found");
  return { variantId: v.id, sku: v.sku, title: v.title, productId: v.productId, productTitle: v.product.title, href: `/seller/products/${v.productId}` };
}

export { SERIES_DAYS };
