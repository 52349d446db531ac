-- Short, readable order numbers (issue 14): "LM-" and five characters of Crockford's base32
-- (no I, L, O or U), e.g. LM-7K3Q9. The database makes them, so every writer of an order (the
-- checkout's statement, the order stream's multi-row inserts, the seed) gets one without asking:
-- a sequence counts orders, and livemarket_order_number spreads the count over the code space
-- (an affine bijection modulo 32^width, so consecutive orders do not look consecutive and two
-- counts never give the same code). Past 32^5 orders the codes grow a character.
CREATE SEQUENCE "order_number_seq" AS bigint START 1;

CREATE FUNCTION "livemarket_order_number"(n bigint) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  alphabet CONSTANT text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  width int := 5;
  x numeric;
  code text := '';
BEGIN
  WHILE n >= power(32::numeric, width) LOOP
    width := width + 1;
  END LOOP;
  x := mod(n::numeric * 11400714819 + 7654321, power(32::numeric, width));
  FOR i IN 1..width LOOP
    code := substr(alphabet, (mod(x, 32))::int + 1, 1) || code;
    x := div(x, 32);
  END LOOP;
  RETURN 'LM-' || code;
END;
$$;

-- Existing orders, oldest first, then the sequence continues after them.
ALTER TABLE "Order" ADD COLUMN "number" TEXT;
WITH ordered AS (SELECT id, row_number() OVER (ORDER BY "createdAt", id) AS n FROM "Order")
UPDATE "Order" o SET "number" = "livemarket_order_number"(ordered.n) FROM ordered WHERE o.id = ordered.id;
SELECT setval('order_number_seq', (SELECT count(*) FROM "Order") + 1, false);

ALTER TABLE "Order" ALTER COLUMN "number" SET NOT NULL;
ALTER TABLE "Order" ALTER COLUMN "number" SET DEFAULT "livemarket_order_number"(nextval('order_number_seq'));
ALTER SEQUENCE "order_number_seq" OWNED BY "Order"."number";
CREATE UNIQUE INDEX "Order_number_key" ON "Order"("number");
