-- Fulfilment per seller: an order's items from one store form that seller's part (Shipment),
-- which moves through the order states on its own; Order.status is their aggregate. Steps of
-- a part are written to OrderStatusHistory with its storeId. Payment.refundedMinor records
-- money returned so far (a cancelled or refunded part, or the whole order).
-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "refundedMinor" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "OrderStatusHistory" ADD COLUMN     "storeId" TEXT;

-- CreateTable
CREATE TABLE "Shipment" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "status" "OrderStatus" NOT NULL,
    "carrier" TEXT,
    "trackingNumber" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "shippedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shipment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Shipment_storeId_status_createdAt_idx" ON "Shipment"("storeId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_orderId_storeId_key" ON "Shipment"("orderId", "storeId");

-- AddForeignKey
ALTER TABLE "OrderStatusHistory" ADD CONSTRAINT "OrderStatusHistory_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Existing orders: one part per (order, store) of their items, in the order's current state.
INSERT INTO "Shipment" ("id", "orderId", "storeId", "status", "trackingNumber", "createdAt", "updatedAt")
SELECT 'shp_' || md5(o."id" || ':' || i."storeId"), o."id", i."storeId", o."status",
       NULLIF(o."trackNumber", ''), o."createdAt", CURRENT_TIMESTAMP
FROM "Order" o
JOIN (SELECT DISTINCT "orderId", "storeId" FROM "OrderItem" WHERE "storeId" IS NOT NULL) i ON i."orderId" = o."id"
ON CONFLICT ("orderId", "storeId") DO NOTHING;
