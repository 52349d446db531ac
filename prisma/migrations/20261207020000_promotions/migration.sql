-- Promotions: discount codes (per store and platform-wide) and sale prices (decisions 171-175).
-- CreateEnum
CREATE TYPE "DiscountKind" AS ENUM ('PERCENT', 'FIXED');

-- AlterTable
ALTER TABLE "Variant" ADD COLUMN     "compareAtMinor" INTEGER;

-- AlterTable
ALTER TABLE "Cart" ADD COLUMN     "discountCode" TEXT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "discountCode" TEXT,
ADD COLUMN     "discountMinor" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "OrderItem" ADD COLUMN     "discountMinor" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Promotion" (
    "id" TEXT NOT NULL,
    "storeId" TEXT,
    "code" TEXT NOT NULL,
    "codeKey" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" "DiscountKind" NOT NULL,
    "percentBp" INTEGER,
    "amountMinor" INTEGER,
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "minSubtotalMinor" INTEGER NOT NULL DEFAULT 0,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "usageLimit" INTEGER,
    "perCustomerLimit" INTEGER,
    "productIds" TEXT[],
    "categoryIds" TEXT[],
    "usedCount" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Promotion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromotionRedemption" (
    "id" TEXT NOT NULL,
    "promotionId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "customerKey" TEXT NOT NULL,
    "discountMinor" INTEGER NOT NULL,
    "releasedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromotionRedemption_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Promotion_codeKey_idx" ON "Promotion"("codeKey");

-- CreateIndex
CREATE INDEX "Promotion_storeId_createdAt_idx" ON "Promotion"("storeId", "createdAt");

-- CreateIndex
CREATE INDEX "PromotionRedemption_promotionId_customerKey_idx" ON "PromotionRedemption"("promotionId", "customerKey");

-- CreateIndex
CREATE INDEX "PromotionRedemption_orderId_idx" ON "PromotionRedemption"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "PromotionRedemption_promotionId_orderId_key" ON "PromotionRedemption"("promotionId", "orderId");

-- AddForeignKey
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionRedemption" ADD CONSTRAINT "PromotionRedemption_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "Promotion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionRedemption" ADD CONSTRAINT "PromotionRedemption_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written (Prisma cannot express these).
-- A code is unique per scope, case-insensitively: the platform's ('' as its scope) or one store's.
CREATE UNIQUE INDEX "Promotion_scope_codeKey_key" ON "Promotion" (COALESCE("storeId", ''), "codeKey");
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_codeKey_lower" CHECK ("codeKey" = lower("code"));
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_amount_check" CHECK (
  ("kind" = 'PERCENT' AND "percentBp" BETWEEN 1 AND 10000 AND "amountMinor" IS NULL)
  OR ("kind" = 'FIXED' AND "amountMinor" > 0 AND "percentBp" IS NULL));
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_limits_check" CHECK (
  "minSubtotalMinor" >= 0 AND ("usageLimit" IS NULL OR "usageLimit" > 0)
  AND ("perCustomerLimit" IS NULL OR "perCustomerLimit" > 0) AND "usedCount" >= 0
  AND ("startsAt" IS NULL OR "endsAt" IS NULL OR "endsAt" > "startsAt"));
ALTER TABLE "PromotionRedemption" ADD CONSTRAINT "PromotionRedemption_discount_check" CHECK ("discountMinor" >= 0);
ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_discount_check" CHECK ("discountMinor" >= 0 AND "discountMinor" <= "totalPriceMinor");
ALTER TABLE "Variant" ADD CONSTRAINT "Variant_compareAt_check" CHECK ("compareAtMinor" IS NULL OR "compareAtMinor" > 0);
