-- The storefront search reads a maintained index instead of aggregating every product's variants
-- on each request (decisions 129-133, docs/architecture.md, "How search stays current").
--
--   "ProductSearch"        one row per product: what search filters and sorts on, precomputed
--                          (visible = ACTIVE, not deleted and with at least one variant; the
--                          cheapest variant's price; whether any variant is in stock; the search
--                          vector). Category slugs are resolved at query time, so moving or
--                          renaming categories needs no maintenance.
--   "ProductSearchFacet"   visible products counted per (category, brand, in stock): the brand
--                          facets of a search without text or price bounds, read without touching
--                          a product row.
--   "ProductSearchPending" the products a transaction changed, until it commits.
--
-- Kept in the writing transaction itself. Narrow triggers on Product and Variant note which
-- products changed (a variant's UPDATE only when its in-stock flag flips or its price or product
-- changes: an order that leaves stock above zero does nothing more than evaluate that condition).
-- At commit, one deferred trigger recomputes those products from the base tables: it first locks
-- their index rows in id order, then recomputes them in a new statement (whose snapshot includes
-- everything committed by the transactions that held those locks before), then applies the
-- difference to the facet counts in key order. Every lock on these tables is taken there, in that order, after all
-- of the transaction's other work: two transactions cannot deadlock on them, and no lock on them
-- is held while the transaction still runs its own statements.

CREATE TABLE "ProductSearch" (
    "productId" TEXT NOT NULL,
    "visible" BOOLEAN NOT NULL,
    "categoryId" TEXT NOT NULL,
    "brand" TEXT NOT NULL,
    "minPriceMinor" INTEGER,
    "inStock" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "searchVector" tsvector NOT NULL,

    CONSTRAINT "ProductSearch_pkey" PRIMARY KEY ("productId")
);

-- One partial index per sort (the id in byte order breaks ties, as the keyset cursors compare it),
-- the text index, and one per filter the planner can combine.
CREATE INDEX "ProductSearch_newest_idx" ON "ProductSearch" ("createdAt" DESC, ("productId" COLLATE "C") DESC) WHERE "visible";
CREATE INDEX "ProductSearch_price_idx" ON "ProductSearch" ("minPriceMinor", ("productId" COLLATE "C")) WHERE "visible";
CREATE INDEX "ProductSearch_searchVector_idx" ON "ProductSearch" USING GIN ("searchVector") WHERE "visible";
CREATE INDEX "ProductSearch_categoryId_idx" ON "ProductSearch" ("categoryId") WHERE "visible";
CREATE INDEX "ProductSearch_brand_idx" ON "ProductSearch" ("brand") WHERE "visible";

CREATE TABLE "ProductSearchFacet" (
    "categoryId" TEXT NOT NULL,
    "brand" TEXT NOT NULL,
    "inStock" BOOLEAN NOT NULL,
    "products" INTEGER NOT NULL,

    CONSTRAINT "ProductSearchFacet_pkey" PRIMARY KEY ("categoryId", "brand", "inStock")
);

-- Rows live only inside the transaction that wrote them (deleted before it commits): never
-- logged, keyed by transaction so two transactions marking one product never wait on each other.
CREATE UNLOGGED TABLE "ProductSearchPending" (
    "txid" BIGINT NOT NULL DEFAULT txid_current(),
    "productId" TEXT NOT NULL,

    CONSTRAINT "ProductSearchPending_pkey" PRIMARY KEY ("txid", "productId")
);

-- ---------------------------------------------------------------------------------------
-- Noting changed products
-- ---------------------------------------------------------------------------------------

-- Inserts and deletes: statement triggers with transition tables (one call for a bulk insert).
CREATE FUNCTION "product_search_note_inserted_products"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ProductSearchPending" ("productId") SELECT DISTINCT "id" FROM new_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION "product_search_note_deleted_products"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ProductSearchPending" ("productId") SELECT DISTINCT "id" FROM old_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION "product_search_note_inserted_variants"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ProductSearchPending" ("productId") SELECT DISTINCT "productId" FROM new_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION "product_search_note_deleted_variants"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ProductSearchPending" ("productId") SELECT DISTINCT "productId" FROM old_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- Updates: row triggers behind WHEN conditions naming the columns the index derives from.
CREATE FUNCTION "product_search_note_updated_product"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ProductSearchPending" ("productId") VALUES (NEW."id") ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION "product_search_note_updated_variant"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ProductSearchPending" ("productId") VALUES (NEW."productId") ON CONFLICT DO NOTHING;
  IF OLD."productId" <> NEW."productId" THEN
    INSERT INTO "ProductSearchPending" ("productId") VALUES (OLD."productId") ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ProductSearch_product_insert" AFTER INSERT ON "Product"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "product_search_note_inserted_products"();
CREATE TRIGGER "ProductSearch_product_delete" AFTER DELETE ON "Product"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "product_search_note_deleted_products"();
CREATE TRIGGER "ProductSearch_product_update" AFTER UPDATE ON "Product" FOR EACH ROW
  WHEN ((OLD."status", OLD."deletedAt", OLD."categoryId", OLD."brand", OLD."title", OLD."description", OLD."createdAt")
        IS DISTINCT FROM (NEW."status", NEW."deletedAt", NEW."categoryId", NEW."brand", NEW."title", NEW."description", NEW."createdAt"))
  EXECUTE FUNCTION "product_search_note_updated_product"();

CREATE TRIGGER "ProductSearch_variant_insert" AFTER INSERT ON "Variant"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "product_search_note_inserted_variants"();
CREATE TRIGGER "ProductSearch_variant_delete" AFTER DELETE ON "Variant"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "product_search_note_deleted_variants"();
CREATE TRIGGER "ProductSearch_variant_update" AFTER UPDATE ON "Variant" FOR EACH ROW
  WHEN ((OLD."stock" > 0) <> (NEW."stock" > 0) OR OLD."priceMinor" <> NEW."priceMinor" OR OLD."productId" <> NEW."productId")
  EXECUTE FUNCTION "product_search_note_updated_variant"();

-- ---------------------------------------------------------------------------------------
-- Applying them at commit
-- ---------------------------------------------------------------------------------------

-- What a product's index row is, from the base tables.
CREATE VIEW "ProductSearchSource" AS
  SELECT p."id" AS "productId",
         (p."status" = 'ACTIVE' AND p."deletedAt" IS NULL AND v."minPriceMinor" IS NOT NULL) AS "visible",
         p."categoryId", p."brand", v."minPriceMinor", coalesce(v."inStock", false) AS "inStock", p."createdAt", p."searchVector"
  FROM "Product" p
  CROSS JOIN LATERAL (
    SELECT min(x."priceMinor") AS "minPriceMinor", bool_or(x."stock" > 0) AS "inStock"
    FROM "Variant" x WHERE x."productId" = p."id"
  ) v;

CREATE FUNCTION "product_search_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids TEXT[];
BEGIN
  -- The first of the transaction's deferred calls does the work for all its pending products;
  -- the others find nothing left.
  WITH done AS (DELETE FROM "ProductSearchPending" WHERE "txid" = txid_current() RETURNING "productId")
  SELECT array_agg("productId") INTO ids FROM done;
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;

  -- Lock the existing index rows in one order (a new product has none yet: no other transaction
  -- can see it). Each statement of this function takes a new snapshot, so the next one sees
  -- every change committed by a transaction that held one of these locks before.
  PERFORM 1 FROM "ProductSearch" WHERE "productId" = ANY(ids) ORDER BY "productId" COLLATE "C" FOR UPDATE;

  WITH fresh AS (
    SELECT * FROM "ProductSearchSource" WHERE "productId" = ANY(ids)
  ), old AS (
    SELECT * FROM "ProductSearch" WHERE "productId" = ANY(ids)
  ), gone AS (
    DELETE FROM "ProductSearch" s WHERE s."productId" = ANY(ids) AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f."productId" = s."productId")
  ), written AS (
    INSERT INTO "ProductSearch" AS s ("productId", "visible", "categoryId", "brand", "minPriceMinor", "inStock", "createdAt", "searchVector")
    SELECT "productId", "visible", "categoryId", "brand", "minPriceMinor", "inStock", "createdAt", "searchVector" FROM fresh
    ON CONFLICT ("productId") DO UPDATE SET
      "visible" = EXCLUDED."visible", "categoryId" = EXCLUDED."categoryId", "brand" = EXCLUDED."brand",
      "minPriceMinor" = EXCLUDED."minPriceMinor", "inStock" = EXCLUDED."inStock", "createdAt" = EXCLUDED."createdAt",
      "searchVector" = EXCLUDED."searchVector"
    WHERE (s."visible", s."categoryId", s."brand", s."minPriceMinor", s."inStock", s."createdAt", s."searchVector")
          IS DISTINCT FROM (EXCLUDED."visible", EXCLUDED."categoryId", EXCLUDED."brand", EXCLUDED."minPriceMinor", EXCLUDED."inStock", EXCLUDED."createdAt", EXCLUDED."searchVector")
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
  -- The counts' rows are locked in key order too (after all index rows).
  INSERT INTO "ProductSearchFacet" AS f ("categoryId", "brand", "inStock", "products")
  SELECT "categoryId", "brand", "inStock", d FROM delta
  ORDER BY "categoryId" COLLATE "C", "brand" COLLATE "C", "inStock"
  ON CONFLICT ("categoryId", "brand", "inStock") DO UPDATE SET "products" = f."products" + EXCLUDED."products";
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "ProductSearchPending_apply" AFTER INSERT ON "ProductSearchPending"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "product_search_apply"();

-- ---------------------------------------------------------------------------------------
-- Backfill (the triggers above already hold writers to Product and Variant off until commit)
-- ---------------------------------------------------------------------------------------

INSERT INTO "ProductSearch" ("productId", "visible", "categoryId", "brand", "minPriceMinor", "inStock", "createdAt", "searchVector")
SELECT "productId", "visible", "categoryId", "brand", "minPriceMinor", "inStock", "createdAt", "searchVector" FROM "ProductSearchSource";

INSERT INTO "ProductSearchFacet" ("categoryId", "brand", "inStock", "products")
SELECT "categoryId", "brand", "inStock", count(*) FROM "ProductSearch" WHERE "visible" GROUP BY "categoryId", "brand", "inStock";
