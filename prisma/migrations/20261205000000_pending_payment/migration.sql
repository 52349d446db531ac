-- Payment outside the row lock (issue 13): a card checkout reserves its stock as a
-- PENDING_PAYMENT order (until "reservedUntil"), authorises outside any transaction, then is
-- placed (PAID) or released (PAYMENT_FAILED, the units back as RESERVATION_RELEASED).
ALTER TYPE "OrderStatus" ADD VALUE 'PENDING_PAYMENT';
ALTER TYPE "OrderStatus" ADD VALUE 'PAYMENT_FAILED';
ALTER TYPE "StockReason" ADD VALUE 'RESERVATION_RELEASED';
ALTER TABLE "Order" ADD COLUMN "reservedUntil" TIMESTAMP(3);
