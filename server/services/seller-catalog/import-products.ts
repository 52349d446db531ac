// CSV import: a dry run that says what would change (and what is wrong, by line), and an apply
// that does exactly that in ONE transaction, or nothing.
//
// The dry run answers a `token`: a hash of the file and of everything the plan was based on
// (each touched product's version, each touched variant's version and stock). Apply locks those
// rows, plans again and refuses with VERSION_CONFLICT when the token differs, so a change made
// between dry run and apply (a seller edit, a purchase) is never overwritten. The token is an
// HMAC (keyed with the server's signing secret) of that basis and of the user and store, so only
// this user's own dry run yields it: nobody can compute it, or reuse another account's.
//
// Writes are set-based (jsonb_to_recordset, like place-order.ts) in batches of BATCH rows, so
// 10,000 rows take a handful of statements; progress is reported per batch through a callback
// (kept in memory: PGlite has one connection, held by the transaction).
import "server-only";
import { createHash, createHmac } from "node:crypto";
import { getAuthSecret } from "@/server/env";
import { Prisma } from "@/generated/prisma/client.ts";
import { newId } from "@/server/db/ids";
import type { DbClient, Tx, TxOptions } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { changeVariants, type VariantChange } from "@/server/services/inventory/variant-change";
import { outboxEvent, recordEvents } from "@/server/services/outbox/record-event";
import { readOptions } from "@/server/services/catalog/variant-fields";
import { sameOptions } from "./format";
import { readImportFile, type ImportRow, type RowError } from "./read-import";

type Status = "DRAFT" | "ACTIVE" | "ARCHIVED";

const BATCH = 1000;
const MAX_ERRORS_SHOWN = 500;
/** An apply of 20,000 rows takes seconds: room for it inside one transaction. */
export const APPLY_IMPORT_TX: TxOptions = { maxWait: 30_000, timeout: 120_000 };

export interface ImportProgress {
  phase: "reading" | "checking" | "writing" | "done";
  done: number;
  total: number;
}
export type OnProgress = (p: ImportProgress) => void;

export interface ImportCounts {
  /** rows (variants) */
  create: number;
  update: number;
  unchanged: number;
  productsCreate: number;
  productsUpdate: number;
  stockChanges: number;
  priceChanges: number;
}

export interface DryRunResult {
  rowCount: number;
  counts: ImportCounts;
  errors: RowError[];
  errorCount: number;
  token: string;
}

export interface ApplyResult {
  counts: ImportCounts;
}

interface ExistingProduct {
  id: string;
  storeId: string;
  slug: string;
  title: string;
  description: string;
  brand: string;
  status: Status;
  version: number;
  category: string;
  deleted: boolean;
  maxPosition: number;
}

interface ExistingVariant {
  id: string;
  sku: string;
  productId: string;
  storeId: string;
  productSlug: string;
  title: string;
  options: unknown;
  priceMinor: number;
  currency: string;
  stock: number;
  lowStockThreshold: number;
  version: number;
}

interface ProductPlan {
  slug: string;
  existing: ExistingProduct | null;
  title: string;
  categoryId: string;
  category: string;
  status: Status;
  description: string;
  brand: string;
  /** product fields differ from the stored ones */
  fieldsChanged: boolean;
  /** some variant is created or changed */
  variantsChanged: boolean;
  newId: string;
}

interface VariantPlan {
  row: ImportRow;
  product: ProductPlan;
  existing: ExistingVariant | null;
  kind: "create" | "update" | "unchanged";
  title: string;
  options: Record<string, string>;
  currency: string;
  lowStockThreshold: number;
}

interface Plan {
  rowCount: number;
  errors: RowError[];
  products: ProductPlan[];
  variants: VariantPlan[];
  counts: ImportCounts;
  token: string;
}

async function loadState(db: DbClient, rows: ImportRow[], lock: boolean) {
  const slugs = [...new Set(rows.map((r) => r.slug))];
  const skus = [...new Set(rows.map((r) => r.sku))];
  const forUpdateP = lock ? Prisma.sql`FOR UPDATE OF p` : Prisma.empty;
  const forUpdateV = lock ? Prisma.sql`FOR UPDATE OF v` : Prisma.empty;
  const products = await db.$queryRaw<ExistingProduct[]>`
    SELECT p.id, p."storeId", p.slug, p.title, p.description, p.brand, p.status::text AS status, p.version, c.slug AS category,
           (p."deletedAt" IS NOT NULL) AS deleted,
           coalesce((SELECT max(position) FROM "Variant" mv WHERE mv."productId" = p.id), -1)::int AS "maxPosition"
    FROM "Product" p JOIN "Category" c ON c.id = p."categoryId"
    WHERE p.slug = ANY(${slugs}::text[])
    ORDER BY p.id ${forUpdateP}`;
  const variants = await db.$queryRaw<ExistingVariant[]>`
    SELECT v.id, v.sku, v."productId", p."storeId", p.slug AS "productSlug", v.title, v.options, v."priceMinor", v.currency,
           v.stock, v."lowStockThreshold", v.version
    FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
    WHERE v.sku = ANY(${skus}::text[])
    ORDER BY v.id ${forUpdateV}`;
  const categories = await db.category.findMany({ select: { id: true, slug: true } });
  return {
    products: new Map(products.map((p) => [p.slug, p])),
    variants: new Map(variants.map((v) => [v.sku, v])),
    categories: new Map(categories.map((c) => [c.slug, c.id])),
  };
}

/** Who imports: the user (the token is theirs alone) in their store. */
export interface ImportActor {
  userId: string;
  storeId: string;
}

async function plan(db: DbClient, actor: ImportActor, bytes: Uint8Array, lock: boolean, onProgress?: OnProgress): Promise<Plan> {
  const { storeId } = actor;
  onProgress?.({ phase: "reading", done: 0, total: 1 });
  const read = readImportFile(bytes);
  onProgress?.({ phase: "checking", done: 0, total: read.rowCount });
  const state = await loadState(db, read.rows, lock);
  const errors: RowError[] = [...read.errors];
  const products = new Map<string, ProductPlan>();
  const firstLine = new Map<string, number>();
  const skuLine = new Map<string, number>();
  const variants: VariantPlan[] = [];

  for (const row of read.rows) {
    const rowErrors: RowError[] = [];
    const fail = (message: string, column?: string) => rowErrors.push({ line: row.line, column, message });
    const seen = skuLine.get(row.sku.toLowerCase());
    if (seen !== undefined) fail(`Duplicate sku "${row.sku}": already on line ${seen}`, "sku");
    else skuLine.set(row.sku.toLowerCase(), row.line);

    const ep = state.products.get(row.slug) ?? null;
    if (ep && ep.storeId !== storeId) fail("Product slug already in use by another store", "product_slug");
    else if (ep?.deleted) fail("A deleted product uses this slug; choose another product_slug", "product_slug");
    const ev = state.variants.get(row.sku) ?? null;
    if (ev && ev.storeId !== storeId) fail("SKU already in use", "sku");
    else if (ev && ev.productSlug !== row.slug) fail(`SKU belongs to product "${ev.productSlug}"; moving a variant to another product is not supported`, "sku");
    const categoryId = state.categories.get(row.category);
    if (!categoryId) fail(`Unknown category "${row.category}"`, "category");

    let pp = products.get(row.slug);
    if (!pp && categoryId && rowErrors.length === 0) {
      const mine = ep && ep.storeId === storeId ? ep : null;
      const next = {
        title: row.title,
        category: row.category,
        status: row.status ?? mine?.status ?? "DRAFT",
        description: row.description ?? mine?.description ?? "",
        brand: row.brand ?? mine?.brand ?? "",
      };
      pp = {
        slug: row.slug,
        existing: mine,
        categoryId,
        ...next,
        fieldsChanged:
          !!mine &&
          (mine.title !== next.title || mine.category !== next.category || mine.status !== next.status || mine.description !== next.description || mine.brand !== next.brand),
        variantsChanged: false,
        newId: newId(),
      };
      products.set(row.slug, pp);
      firstLine.set(row.slug, row.line);
    } else if (pp) {
      const same =
        pp.title === row.title &&
        pp.category === row.category &&
        (row.status === undefined || row.status === pp.status) &&
        (row.description === undefined || row.description === pp.description) &&
        (row.brand === undefined || row.brand === pp.brand);
      if (!same) fail(`Product details (title, category, status, description, brand) differ from line ${firstLine.get(row.slug)} of the same product_slug`, "product_slug");
    }
    if (rowErrors.length > 0 || !pp) {
      errors.push(...rowErrors);
      continue;
    }
    const mineV = ev && ev.storeId === storeId ? ev : null;
    const vp: VariantPlan = {
      row,
      product: pp,
      existing: mineV,
      kind: "create",
      title: row.variantTitle ?? mineV?.title ?? "",
      options: row.options ?? (mineV ? readOptions(mineV.options) : {}),
      currency: row.currency ?? mineV?.currency ?? "USD",
      lowStockThreshold: row.lowStockThreshold ?? mineV?.lowStockThreshold ?? 5,
    };
    if (mineV) vp.kind = sameVariant(mineV, vp) ? "unchanged" : "update";
    if (vp.kind !== "unchanged") pp.variantsChanged = true;
    variants.push(vp);
  }
  // A row is an update when its product's own fields change, too.
  for (const v of variants) if (v.kind === "unchanged" && v.product.fieldsChanged) v.kind = "update";

  const productList = [...products.values()];
  const counts: ImportCounts = {
    create: variants.filter((v) => v.kind === "create").length,
    update: variants.filter((v) => v.kind === "update").length,
    unchanged: variants.filter((v) => v.kind === "unchanged").length,
    productsCreate: productList.filter((p) => !p.existing).length,
    productsUpdate: productList.filter((p) => p.existing && (p.fieldsChanged || p.variantsChanged)).length,
    stockChanges: variants.filter((v) => (v.existing ? v.existing.stock !== v.row.stock : v.row.stock > 0)).length,
    priceChanges: variants.filter((v) => v.existing && v.existing.priceMinor !== v.row.priceMinor).length,
  };
  errors.sort((a, b) => a.line - b.line);
  const basis = {
    file: read.fileHash,
    errors: errors.length,
    products: productList.map((p) => [p.slug, p.existing?.id ?? null, p.existing?.version ?? null]),
    variants: variants.map((v) => [v.row.sku, v.existing?.id ?? null, v.existing?.version ?? null, v.existing?.stock ?? null, v.existing?.priceMinor ?? null]),
  };
  const token = createHmac("sha256", getAuthSecret()).update(`import-token\0${actor.userId}\0${actor.storeId}\0${JSON.stringify(basis)}`).digest("hex");
  onProgress?.({ phase: "checking", done: read.rowCount, total: read.rowCount });
  return { rowCount: read.rowCount, errors, products: productList, variants, counts, token };
}

/** What an import of this file would do, changing nothing. */
export async function dryRunImport(db: DbClient, actor: ImportActor, bytes: Uint8Array, onProgress?: OnProgress): Promise<DryRunResult> {
  const p = await plan(db, actor, bytes, false, onProgress);
  onProgress?.({ phase: "done", done: 1, total: 1 });
  return { rowCount: p.rowCount, counts: p.counts, errors: p.errors.slice(0, MAX_ERRORS_SHOWN), errorCount: p.errors.length, token: p.token };
}

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += BATCH) out.push(list.slice(i, i + BATCH));
  return out;
}

/** Applies the file as the dry run with this token described it, in the caller's transaction
 * (APPLY_IMPORT_TX), or refuses. Stock and prices change through variant-change.ts (reason
 * IMPORT, conditional on the version and stock the plan saw); the rest is set-based SQL. */
export async function applyImport(
  tx: Tx,
  actor: { userId: string; storeId: string },
  bytes: Uint8Array,
  token: string,
  onProgress?: OnProgress,
): Promise<ApplyResult> {
  const p = await plan(tx, actor, bytes, true, onProgress);
  if (p.errors.length > 0) {
    throw new AppError("VALIDATION", `The file has ${p.errors.length} error${p.errors.length === 1 ? "" : "s"}. Fix them and run a new dry run.`, {
      details: { errors: p.errors.slice(0, MAX_ERRORS_SHOWN), errorCount: p.errors.length },
    });
  }
  if (p.token !== token) {
    throw new AppError("VERSION_CONFLICT", "Your catalogue or the file changed since the dry run. Run a new dry run to see what the import would do now.");
  }

  const newProducts = p.products.filter((x) => !x.existing);
  const changedProducts = p.products.filter((x) => x.existing && (x.fieldsChanged || x.variantsChanged));
  const nextPosition = new Map(p.products.map((x) => [x.slug, (x.existing?.maxPosition ?? -1) + 1]));
  const newVariants = p.variants
    .filter((v) => v.kind === "create")
    .map((v) => {
      const position = nextPosition.get(v.product.slug)!;
      nextPosition.set(v.product.slug, position + 1);
      return {
        id: newId(),
        productId: v.product.existing?.id ?? v.product.newId,
        sku: v.row.sku,
        title: v.title,
        options: v.options,
        priceMinor: v.row.priceMinor,
        currency: v.currency,
        stock: v.row.stock,
        lowStockThreshold: v.lowStockThreshold,
        position,
      };
    });
  const changedVariants = p.variants
    .filter((v) => v.kind === "update" && v.existing)
    .map((v) => ({ plan: v, e: v.existing! }))
    .filter(({ plan: v, e }) => !sameVariant(e, v));
  // Titles and options are not live state: no version, no event.
  const renamed = changedVariants
    .filter(({ plan: v, e }) => !sameNames(e, v))
    .map(({ plan: v, e }) => ({ id: e.id, title: v.title, options: v.options }));
  // Stock (through the ledger) and prices: exactly as planned, or the import is refused.
  const liveChanges: VariantChange[] = [
    ...changedVariants
      .filter(({ plan: v, e }) => !sameLive(e, v))
      .map(({ plan: v, e }) => ({
        variantId: e.id,
        stockDelta: v.row.stock - e.stock,
        priceMinor: v.row.priceMinor,
        currency: v.currency,
        lowStockThreshold: v.lowStockThreshold,
        expectedVersion: e.version,
        expectedStock: e.stock,
      })),
    ...newVariants.filter((v) => v.stock > 0).map((v) => ({ variantId: v.id, stockDelta: v.stock, expectedStock: 0 })),
  ];

  const work = newProducts.length + changedProducts.length + newVariants.length + renamed.length + liveChanges.length;
  let done = 0;
  const step = (n: number) => {
    done += n;
    onProgress?.({ phase: "writing", done, total: Math.max(work, 1) });
  };
  step(0);

  for (const batch of chunks(newProducts)) {
    const data = batch.map((x) => ({ id: x.newId, slug: x.slug, title: x.title, description: x.description, brand: x.brand, status: x.status, categoryId: x.categoryId }));
    await tx.$executeRaw`
      INSERT INTO "Product" (id, "storeId", "categoryId", slug, title, description, brand, images, status, version, "createdAt", "updatedAt")
      SELECT x.id, ${actor.storeId}, x."categoryId", x.slug, x.title, x.description, x.brand, '{}'::text[], x.status::"ProductStatus", 1, now(), now()
      FROM jsonb_to_recordset(${JSON.stringify(data)}::jsonb) AS x(id text, slug text, title text, description text, brand text, status text, "categoryId" text)`;
    step(batch.length);
  }
  for (const batch of chunks(changedProducts)) {
    const data = batch.map((x) => ({
      id: x.existing!.id,
      version: x.existing!.version,
      title: x.title,
      description: x.description,
      brand: x.brand,
      status: x.status,
      categoryId: x.categoryId,
    }));
    const n = await tx.$executeRaw`
      UPDATE "Product" p
      SET title = x.title, description = x.description, brand = x.brand, status = x.status::"ProductStatus", "categoryId" = x."categoryId",
          version = p.version + 1, "updatedAt" = now()
      FROM jsonb_to_recordset(${JSON.stringify(data)}::jsonb) AS x(id text, version int, title text, description text, brand text, status text, "categoryId" text)
      WHERE p.id = x.id AND p.version = x.version AND p."storeId" = ${actor.storeId} AND p."deletedAt" IS NULL`;
    if (n !== batch.length) throw new AppError("VERSION_CONFLICT", "A product changed during the import. Run a new dry run.");
    step(batch.length);
  }
  for (const batch of chunks(newVariants)) {
    // With no stock yet: opening stock goes in through the ledger below, like any other change.
    await tx.$executeRaw`
      INSERT INTO "Variant" (id, "productId", sku, title, options, "priceMinor", currency, stock, "lowStockThreshold", version, position, "createdAt", "updatedAt")
      SELECT x.id, x."productId", x.sku, x.title, x.options, x."priceMinor", x.currency, 0, x."lowStockThreshold", 1, x.position, now(), now()
      FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
        AS x(id text, "productId" text, sku text, title text, options jsonb, "priceMinor" int, currency text, "lowStockThreshold" int, position int)`;
    step(batch.length);
  }
  for (const batch of chunks(renamed)) {
    await tx.$executeRaw`
      UPDATE "Variant" v SET title = x.title, options = x.options, "updatedAt" = now()
      FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS x(id text, title text, options jsonb)
      WHERE v.id = x.id`;
    step(batch.length);
  }
  for (const batch of chunks(liveChanges)) {
    const changed = await changeVariants(tx, batch, { reason: "IMPORT", note: "CSV import", actorId: actor.userId, storeId: actor.storeId });
    if (changed.length !== batch.length) throw new AppError("VERSION_CONFLICT", "A variant changed during the import. Run a new dry run.");
    step(batch.length);
  }
  // Webhooks hear of every product the file created or changed (product.updated), like the editor's saves.
  const at = new Date().toISOString();
  const productEvents = [
    ...newProducts.map((x) => outboxEvent("product.updated", x.newId, { productId: x.newId, storeId: actor.storeId, slug: x.slug, title: x.title, status: x.status, version: 1, change: "created", at })),
    ...changedProducts.map((x) =>
      outboxEvent("product.updated", x.existing!.id, { productId: x.existing!.id, storeId: actor.storeId, slug: x.slug, title: x.title, status: x.status, version: x.existing!.version + 1, change: "updated", at }),
    ),
  ];
  for (const batch of chunks(productEvents)) await recordEvents(tx, batch);
  await recordAudit(tx, {
    actorId: actor.userId,
    action: "catalog.import",
    entityType: "Store",
    entityId: actor.storeId,
    before: null,
    after: {
      fileHash: createHash("sha256").update(bytes).digest("hex"),
      rows: p.rowCount,
      ...p.counts,
      createdProducts: newProducts.map((x) => x.newId),
      updatedProducts: changedProducts.map((x) => x.existing!.id),
    },
  });
  onProgress?.({ phase: "done", done: work, total: Math.max(work, 1) });
  return { counts: p.counts };
}

/** Title and options as the plan wants them. */
function sameNames(e: ExistingVariant, v: VariantPlan): boolean {
  return e.title === v.title && sameOptions(readOptions(e.options), v.options);
}

/** Stock, price, currency and threshold as the plan wants them (the variant's live state). */
function sameLive(e: ExistingVariant, v: VariantPlan): boolean {
  return e.priceMinor === v.row.priceMinor && e.currency === v.currency && e.stock === v.row.stock && e.lowStockThreshold === v.lowStockThreshold;
}

function sameVariant(e: ExistingVariant, v: VariantPlan): boolean {
  return sameNames(e, v) && sameLive(e, v);
}
