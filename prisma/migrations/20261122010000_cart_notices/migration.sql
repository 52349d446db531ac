-- Messages for the shopper about their cart (e.g. "quantity capped at stock" after a guest
-- cart was merged on sign-in), shown on the cart page until dismissed.
ALTER TABLE "Cart" ADD COLUMN "notices" JSONB NOT NULL DEFAULT '[]';
