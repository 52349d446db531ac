-- Tax rates by destination region (docs/decisions.md 190-193): admins keep the rates; a store's
-- prices are tax-exclusive (default) or tax-inclusive; every order and line keeps the tax, the
-- rate and its name used at order time. Orders placed before this have no tax (all 0).

-- CreateTable
CREATE TABLE "TaxRate" (
    "id" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "region" TEXT NOT NULL DEFAULT '',
    "regionKey" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "ratePpm" INTEGER NOT NULL,
    "appliesToShipping" BOOLEAN NOT NULL DEFAULT false,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TaxRate_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "TaxRate_country_code" CHECK ("country" ~ '^[A-Z]{2}$'),
    CONSTRAINT "TaxRate_region_key" CHECK ("regionKey" = lower(btrim("region"))),
    CONSTRAINT "TaxRate_rate_range" CHECK ("ratePpm" >= 0 AND "ratePpm" <= 1000000)
);

-- CreateIndex
CREATE UNIQUE INDEX "TaxRate_country_regionKey_key" ON "TaxRate"("country", "regionKey");

-- AlterTable
ALTER TABLE "Store" ADD COLUMN "pricesIncludeTax" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN "taxMinor" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "shippingTaxMinor" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "taxName" TEXT NOT NULL DEFAULT '',
ADD COLUMN "taxRatePpm" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "OrderItem" ADD COLUMN "taxMinor" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "taxRatePpm" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "taxIncluded" BOOLEAN NOT NULL DEFAULT false;
