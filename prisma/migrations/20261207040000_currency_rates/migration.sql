-- Display-currency rates kept by admins (docs/decisions.md 181): estimates only; orders are
-- charged in the shop's currency.
-- CreateTable
CREATE TABLE "CurrencyRate" (
    "currency" CHAR(3) NOT NULL,
    "rateMicros" BIGINT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CurrencyRate_pkey" PRIMARY KEY ("currency"),
    CONSTRAINT "CurrencyRate_rate_positive" CHECK ("rateMicros" > 0)
);
