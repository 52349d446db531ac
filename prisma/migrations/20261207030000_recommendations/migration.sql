-- Recommendations (docs/decisions.md 176-180; server/services/recommendations).
-- ProductPair: "frequently bought together" counts (distinct counted orders holding both
-- products; both directions stored). RecsOrder: the orders counted now and the products counted
-- for each (what makes the outbox worker idempotent). ProductView: signed-in customers' recent
-- product views. OutboxEvent.recsAt: the worker's own mark, set with the counts.

-- AlterTable
ALTER TABLE "OutboxEvent" ADD COLUMN     "recsAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ProductPair" (
    "productId" TEXT NOT NULL,
    "otherId" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,

    CONSTRAINT "ProductPair_pkey" PRIMARY KEY ("productId","otherId"),
    CONSTRAINT "ProductPair_orders_check" CHECK ("orders" > 0),
    CONSTRAINT "ProductPair_distinct_check" CHECK ("productId" <> "otherId")
);

-- CreateTable
CREATE TABLE "RecsOrder" (
    "orderId" TEXT NOT NULL,
    "products" TEXT[],
    "countedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecsOrder_pkey" PRIMARY KEY ("orderId")
);

-- CreateTable
CREATE TABLE "ProductView" (
    "userId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "viewedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProductView_pkey" PRIMARY KEY ("userId","productId"),
    CONSTRAINT "ProductView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ProductPair_productId_orders_idx" ON "ProductPair"("productId", "orders" DESC);

-- CreateIndex
CREATE INDEX "ProductView_userId_viewedAt_idx" ON "ProductView"("userId", "viewedAt" DESC);

-- The worker's queue: only the order events it has not applied yet (other topics never enter it).
CREATE INDEX "OutboxEvent_recs_pending_idx" ON "OutboxEvent"("id")
  WHERE "recsAt" IS NULL AND "topic" IN ('order.placed', 'order.status_changed');

-- The counts of the orders already there (the same statements as rebuildRecommendations in
-- server/services/recommendations/pairs.ts), and their events marked as applied.
INSERT INTO "RecsOrder" ("orderId", "products")
SELECT oi."orderId", array_agg(DISTINCT oi."productId" COLLATE "C" ORDER BY oi."productId" COLLATE "C")
FROM "OrderItem" oi
JOIN "Order" o ON o."id" = oi."orderId"
LEFT JOIN "Shipment" sh ON sh."orderId" = oi."orderId" AND sh."storeId" = oi."storeId"
WHERE oi."productId" IS NOT NULL
  AND o."status" NOT IN ('CANCELLED', 'REFUNDED', 'PENDING_PAYMENT', 'PAYMENT_FAILED')
  AND COALESCE(sh."status", o."status") NOT IN ('CANCELLED', 'REFUNDED', 'PENDING_PAYMENT', 'PAYMENT_FAILED')
GROUP BY oi."orderId";

INSERT INTO "ProductPair" ("productId", "otherId", "orders")
SELECT a.p, b.p, count(*)::int
FROM "RecsOrder" r, unnest(r."products") AS a(p), unnest(r."products") AS b(p)
WHERE a.p <> b.p
GROUP BY a.p, b.p;

UPDATE "OutboxEvent" SET "recsAt" = timezone('UTC', now())
WHERE "recsAt" IS NULL AND "topic" IN ('order.placed', 'order.status_changed');
