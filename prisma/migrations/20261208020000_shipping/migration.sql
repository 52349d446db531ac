-- Shipping zones and rates per seller; each order part's shipping (decisions 194-197).
-- CreateEnum
CREATE TYPE "ShippingRateKind" AS ENUM ('FLAT', 'WEIGHT', 'SUBTOTAL');

-- AlterTable
ALTER TABLE "Variant" ADD COLUMN     "weightGrams" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ShippingZone" (
    "id" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "countries" TEXT[],
    "regions" TEXT[],
    "restOfWorld" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShippingZone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShippingRate" (
    "id" TEXT NOT NULL,
    "zoneId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ShippingRateKind" NOT NULL,
    "amountMinor" INTEGER NOT NULL DEFAULT 0,
    "perKgMinor" INTEGER NOT NULL DEFAULT 0,
    "tiers" JSONB NOT NULL DEFAULT '[]',
    "freeAboveMinor" INTEGER,
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShippingRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderShipping" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "rateId" TEXT,
    "name" TEXT NOT NULL,
    "costMinor" INTEGER NOT NULL,
    "taxMinor" INTEGER NOT NULL DEFAULT 0,
    "taxIncluded" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "OrderShipping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ShippingZone_storeId_idx" ON "ShippingZone"("storeId");

-- CreateIndex
CREATE INDEX "ShippingRate_zoneId_position_idx" ON "ShippingRate"("zoneId", "position");

-- CreateIndex
CREATE INDEX "OrderShipping_storeId_idx" ON "OrderShipping"("storeId");

-- CreateIndex
CREATE UNIQUE INDEX "OrderShipping_orderId_storeId_key" ON "OrderShipping"("orderId", "storeId");

-- AddForeignKey
ALTER TABLE "ShippingZone" ADD CONSTRAINT "ShippingZone_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShippingRate" ADD CONSTRAINT "ShippingRate_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "ShippingZone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderShipping" ADD CONSTRAINT "OrderShipping_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderShipping" ADD CONSTRAINT "OrderShipping_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderShipping" ADD CONSTRAINT "OrderShipping_rateId_fkey" FOREIGN KEY ("rateId") REFERENCES "ShippingRate"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Amounts are never negative; a weight is never negative.
ALTER TABLE "Variant" ADD CONSTRAINT "Variant_weightGrams_check" CHECK ("weightGrams" >= 0);
ALTER TABLE "ShippingRate" ADD CONSTRAINT "ShippingRate_amounts_check"
  CHECK ("amountMinor" >= 0 AND "perKgMinor" >= 0 AND ("freeAboveMinor" IS NULL OR "freeAboveMinor" >= 0));
ALTER TABLE "OrderShipping" ADD CONSTRAINT "OrderShipping_costMinor_check" CHECK ("costMinor" >= 0);

-- Stores that exist when this runs keep shipping everywhere at the checkout's former prices
-- (decision 194): an "Everywhere" (rest of world) zone with the former standard and express
-- options. The seller edits or replaces them on /seller/shipping.
INSERT INTO "ShippingZone" (id, "storeId", name, countries, regions, "restOfWorld", "createdAt", "updatedAt")
SELECT 'shz_' || s.id, s.id, 'Everywhere', ARRAY[]::text[], ARRAY[]::text[], true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM "Store" s;
INSERT INTO "ShippingRate" (id, "zoneId", name, kind, "amountMinor", currency, position, "createdAt", "updatedAt")
SELECT 'shr_std_' || s.id, 'shz_' || s.id, 'Standard delivery (3–5 working days)', 'FLAT', 499, 'USD', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM "Store" s;
INSERT INTO "ShippingRate" (id, "zoneId", name, kind, "amountMinor", currency, position, "createdAt", "updatedAt")
SELECT 'shr_exp_' || s.id, 'shz_' || s.id, 'Express delivery (1–2 working days)', 'FLAT', 1499, 'USD', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM "Store" s;
