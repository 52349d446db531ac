-- Addresses name their country (ISO 3166-1 alpha-2): shipping zones and tax rates are chosen by it.
-- Saved addresses written before this were all in the shop's home market.
ALTER TABLE "Address" ADD COLUMN "country" TEXT NOT NULL DEFAULT 'US';
-- Orders placed before this were delivered in the home market; orders received as events name no
-- country (the event format has none) and keep "".
ALTER TABLE "Delivery" ADD COLUMN "country" TEXT NOT NULL DEFAULT '';
UPDATE "Delivery" d SET "country" = 'US' FROM "Order" o WHERE o.id = d."orderId" AND o.source <> 'EVENT';
