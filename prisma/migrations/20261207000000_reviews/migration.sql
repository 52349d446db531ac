-- Reviews and ratings (decisions 161-165).
--
--   "Review"            one row per (product, customer): rating 1-5, optional plain text, the
--                       delivered order it came from, the store's reply, and an admin's hiding.
--   "Product".rating*   aggregates of the product's visible reviews, rewritten from "Review" under
--                       the product's row lock in the same transaction as every review write.
--   "ProductSearch"     gains the "rating" sort's keys (average x 100 and count), maintained by the
--                       search index's own deferred apply (20261205010000_search_index): the
--                       Product update trigger now also notes rating changes.

CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "replyBody" TEXT,
    "replyAt" TIMESTAMP(3),
    "replyById" TEXT,
    "hiddenAt" TIMESTAMP(3),
    "hiddenById" TEXT,
    "hiddenReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Review_rating_check" CHECK ("rating" BETWEEN 1 AND 5)
);

CREATE INDEX "Review_productId_createdAt_idx" ON "Review"("productId", "createdAt");
CREATE INDEX "Review_userId_idx" ON "Review"("userId");
CREATE INDEX "Review_orderId_idx" ON "Review"("orderId");
CREATE UNIQUE INDEX "Review_productId_userId_key" ON "Review"("productId", "userId");

ALTER TABLE "Review" ADD CONSTRAINT "Review_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Review" ADD CONSTRAINT "Review_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Review" ADD CONSTRAINT "Review_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Product"
    ADD COLUMN "ratingCount" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "ratingSum" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "ratingCounts" INTEGER[] DEFAULT ARRAY[0, 0, 0, 0, 0]::INTEGER[],
    ADD COLUMN "ratingVersion" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "ProductSearch"
    ADD COLUMN "ratingScore" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "ratingCount" INTEGER NOT NULL DEFAULT 0;

-- The rating sort: best average first, then most reviews, then the id (as the other sorts).
CREATE INDEX "ProductSearch_rating_idx" ON "ProductSearch" ("ratingScore" DESC, "ratingCount" DESC, ("productId" COLLATE "C") DESC) WHERE "visible";

-- The index row now also carries the rating keys (columns appended: CREATE OR REPLACE VIEW).
CREATE OR REPLACE VIEW "ProductSearchSource" AS
  SELECT p."id" AS "productId",
         (p."status" = 'ACTIVE' AND p."deletedAt" IS NULL AND v."minPriceMinor" IS NOT NULL) AS "visible",
         p."categoryId", p."brand", v."minPriceMinor", coalesce(v."inStock", false) AS "inStock", p."createdAt", p."searchVector",
         CASE WHEN p."ratingCount" > 0 THEN round(p."ratingSum" * 100.0 / p."ratingCount")::int ELSE 0 END AS "ratingScore",
         p."ratingCount"
  FROM "Product" p
  CROSS JOIN LATERAL (
    SELECT min(x."priceMinor") AS "minPriceMinor", bool_or(x."stock" > 0) AS "inStock"
    FROM "Variant" x WHERE x."productId" = p."id"
  ) v;

DROP TRIGGER "ProductSearch_product_update" ON "Product";
CREATE TRIGGER "ProductSearch_product_update" AFTER UPDATE ON "Product" FOR EACH ROW
  WHEN ((OLD."status", OLD."deletedAt", OLD."categoryId", OLD."brand", OLD."title", OLD."description", OLD."createdAt", OLD."ratingCount", OLD."ratingSum")
        IS DISTINCT FROM (NEW."status", NEW."deletedAt", NEW."categoryId", NEW."brand", NEW."title", NEW."description", NEW."createdAt", NEW."ratingCount", NEW."ratingSum"))
  EXECUTE FUNCTION "product_search_note_updated_product"();

-- The same function as in 20261205010000_search_index, writing the two rating columns too
-- (facet counts do not depend on them).
CREATE OR REPLACE FUNCTION "product_search_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids TEXT[];
BEGIN
  WITH done AS (DELETE FROM "ProductSearchPending" WHERE "txid" = txid_current() RETURNING "productId")
  SELECT array_agg("productId") INTO ids FROM done;
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;

  PERFORM 1 FROM "ProductSearch" WHERE "productId" = ANY(ids) ORDER BY "productId" COLLATE "C" FOR UPDATE;

  WITH fresh AS (
    SELECT * FROM "ProductSearchSource" WHERE "productId" = ANY(ids)
  ), old AS (
    SELECT * FROM "ProductSearch" WHERE "productId" = ANY(ids)
  ), gone AS (
    DELETE FROM "ProductSearch" s WHERE s."productId" = ANY(ids) AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f."productId" = s."productId")
  ), written AS (
    INSERT INTO "ProductSearch" AS s ("productId", "visible", "categoryId", "brand", "minPriceMinor", "inStock", "createdAt", "searchVector", "ratingScore", "ratingCount")
    SELECT "productId", "visible", "categoryId", "brand", "minPriceMinor", "inStock", "createdAt", "searchVector", "ratingScore", "ratingCount" FROM fresh
    ON CONFLICT ("productId") DO UPDATE SET
      "visible" = EXCLUDED."visible", "categoryId" = EXCLUDED."categoryId", "brand" = EXCLUDED."brand",
      "minPriceMinor" = EXCLUDED."minPriceMinor", "inStock" = EXCLUDED."inStock", "createdAt" = EXCLUDED."createdAt",
      "searchVector" = EXCLUDED."searchVector", "ratingScore" = EXCLUDED."ratingScore", "ratingCount" = EXCLUDED."ratingCount"
    WHERE (s."visible", s."categoryId", s."brand", s."minPriceMinor", s."inStock", s."createdAt", s."searchVector", s."ratingScore", s."ratingCount")
          IS DISTINCT FROM (EXCLUDED."visible", EXCLUDED."categoryId", EXCLUDED."brand", EXCLUDED."minPriceMinor", EXCLUDED."inStock", EXCLUDED."createdAt", EXCLUDED."searchVector", EXCLUDED."ratingScore", EXCLUDED."ratingCount")
  ), delta AS (
    SELECT "categoryId", "brand", "inStock", sum(d)::int AS d
    FROM (
      SELECT "categoryId", "brand", "inStock", -1 AS d FROM old WHERE "visible"
      UNION ALL
      SELECT "categoryId", "brand", "inStock", 1 AS d FROM fresh WHERE "visible"
    ) x
    GROUP BY "categoryId", "brand", "inStock"
    HAVING sum(d) <> 0
  )
  INSERT INTO "ProductSearchFacet" AS f ("categoryId", "brand", "inStock", "products")
  SELECT "categoryId", "brand", "inStock", d FROM delta
  ORDER BY "categoryId" COLLATE "C", "brand" COLLATE "C", "inStock"
  ON CONFLICT ("categoryId", "brand", "inStock") DO UPDATE SET "products" = f."products" + EXCLUDED."products";
  RETURN NULL;
END $$;
