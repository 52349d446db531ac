// Seller product editor writes: create, update (optimistic locking on Product.version) and
// status changes. Each is one transaction with its audit entry and outbox events; a stale
// expectedVersion is refused with VERSION_CONFLICT carrying the saved product, never applied.
import "server-only";
import { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient, Tx } from "@/server/db/transaction";
import { AppError, type FieldErrors } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { changeVariants, type VariantChange } from "@/server/services/inventory/variant-change";
import { outboxEvent, recordEvents } from "@/server/services/outbox/record-event";
import { getEditorProduct, pairsToOptions, type EditorProduct, type EditorVariant } from "./get-product";
import {
  ZCreateProductInput,
  ZSetStatusInput,
  ZUpdateProductInput,
  type TCreateProductInput,
  type TSetStatusInput,
  type TUpdateProductInput,
} from "./schemas";
import type { z } from "zod";

export interface Actor {
  userId: string;
  storeId: string;
}

type VariantIn = z.output<typeof ZCreateProductInput>["variants"][number];


export const CONFLICT_MESSAGE = "This product was changed by someone else since you loaded it. Compare the changes, then reload theirs or apply yours again.";

/** Records the `product.updated` event of a saved product (webhooks receive it). */
function recordProductUpdated(tx: Tx, p: EditorProduct, storeId: string, change: "created" | "updated" | "status") {
  return recordEvents(tx, [
    outboxEvent("product.updated", p.id, { productId: p.id, storeId, slug: p.slug, title: p.title, status: p.status, version: p.version, change, at: new Date().toISOString() }),
  ]);
}

/** Field errors for a slug or SKUs that other products already use, and an unknown category. */
async function checkTaken(
  tx: DbClient,
  input: { slug: string; categoryId: string; variants: { sku: string }[] },
  productId: string | null,
): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const skus = input.variants.map((v) => v.sku);
  const [slugOwner, skuOwners, category] = await Promise.all([
    tx.product.findFirst({ where: { slug: input.slug, ...(productId ? { id: { not: productId } } : {}) }, select: { id: true } }),
    tx.variant.findMany({ where: { sku: { in: skus }, ...(productId ? { productId: { not: productId } } : {}) }, select: { sku: true } }),
    tx.category.findUnique({ where: { id: input.categoryId }, select: { id: true } }),
  ]);
  if (slugOwner) errors.slug = ["Another product already uses this URL name"];
  const taken = new Set(skuOwners.map((s) => s.sku));
  input.variants.forEach((v, i) => {
    if (taken.has(v.sku)) errors[`variants.${i}.sku`] = ["Another product already uses this SKU"];
  });
  if (!category) errors.categoryId = ["Choose a category"];
  return errors;
}

function throwIfAny(errors: FieldErrors) {
  if (Object.keys(errors).length) throw new AppError("VALIDATION", "Some fields need attention", { fieldErrors: errors });
}

/** A unique violation that slipped past the checks (a concurrent save) becomes a field error. */
function uniqueToFieldError(err: unknown): never {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
    const target = JSON.stringify(err.meta?.target ?? "");
    const field = target.includes("slug") ? "slug" : "variants";
    throw new AppError("VALIDATION", "Some fields need attention", {
      cause: err,
      fieldErrors: { [field]: [field === "slug" ? "Another product already uses this URL name" : "Another product already uses one of these SKUs"] },
    });
  }
  throw err;
}

/** A new variant, with no stock: its opening stock goes in through the ledger (`opening`). */
async function createVariant(tx: Tx, productId: string, v: VariantIn, position: number): Promise<{ id: string; opening: VariantChange | null }> {
  const created = await tx.variant.create({ data: { productId, ...variantFields(v), position }, select: { id: true } });
  return { id: created.id, opening: v.initialStock ? { variantId: created.id, stockDelta: v.initialStock } : null };
}

/** Opening stock of new variants (RESTOCK "Initial stock") and price changes of existing ones. */
async function applyVariantChanges(tx: Tx, actor: Actor, changes: VariantChange[]): Promise<void> {
  await changeVariants(tx, changes, { reason: "RESTOCK", note: "Initial stock", actorId: actor.userId, storeId: actor.storeId });
}

const PRODUCT_FIELDS = ["title", "slug", "description", "brand", "categoryId", "images", "status"] as const;
type ProductFields = Pick<EditorProduct, (typeof PRODUCT_FIELDS)[number]>;

/** A variant's editable fields as stored (options as a name -> value object). */
function variantFields(v: Pick<EditorVariant, "sku" | "title" | "options" | "priceMinor" | "compareAtMinor" | "currency" | "lowStockThreshold">) {
  const { sku, title, priceMinor, compareAtMinor, currency, lowStockThreshold } = v;
  return { sku, title, options: pairsToOptions(v.options), priceMinor, compareAtMinor, currency, lowStockThreshold };
}

/** What the audit log compares: the product's fields and each variant's (stock changes have their own ledger). */
function summary(p: EditorProduct) {
  const fields = Object.fromEntries(PRODUCT_FIELDS.map((f) => [f, p[f]])) as ProductFields;
  return { ...fields, variants: p.variants.map((v) => ({ id: v.id, ...variantFields(v), position: v.position })) };
}

export async function createProduct(tx: Tx, actor: Actor, raw: TCreateProductInput): Promise<EditorProduct> {
  const input = ZCreateProductInput.parse(raw);
  try {
    throwIfAny(await checkTaken(tx, input, null));
    const product = await tx.product.create({
      data: {
        storeId: actor.storeId,
        categoryId: input.categoryId,
        slug: input.slug,
        title: input.title,
        description: input.description,
        brand: input.brand,
        images: input.images,
        status: input.status ?? "DRAFT",
      },
      select: { id: true },
    });
    const changes: VariantChange[] = [];
    for (const [i, v] of input.variants.entries()) {
      const { opening } = await createVariant(tx, product.id, v, v.position ?? i);
      if (opening) changes.push(opening);
    }
    await applyVariantChanges(tx, actor, changes);
    const saved = await getEditorProduct(tx, actor.storeId, product.id);
    await recordAudit(tx, { actorId: actor.userId, action: "product.create", entityType: "Product", entityId: product.id, before: null, after: { ...summary(saved), initialStock: saved.variants.map((v) => ({ sku: v.sku, stock: v.stock })) } });
    await recordProductUpdated(tx, saved, actor.storeId, "created");
    return saved;
  } catch (err) {
    uniqueToFieldError(err);
  }
}

/** Locks the product row of the caller's store and checks the version the form loaded. */
async function lockProduct(tx: Tx, storeId: string, id: string, expectedVersion: number): Promise<EditorProduct> {
  const [row] = await tx.$queryRaw<{ id: string; version: number }[]>`
    SELECT id, version FROM "Product" WHERE id = ${id} AND "storeId" = ${storeId} AND "deletedAt" IS NULL FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", "Product not found");
  const current = await getEditorProduct(tx, storeId, id);
  if (row.version !== expectedVersion) {
    throw new AppError("VERSION_CONFLICT", CONFLICT_MESSAGE, {
      details: { currentVersion: row.version, expectedVersion, current: JSON.parse(JSON.stringify(current)) as Record<string, unknown> },
    });
  }
  return current;
}

export async function updateProduct(tx: Tx, actor: Actor, raw: TUpdateProductInput): Promise<EditorProduct> {
  const input = ZUpdateProductInput.parse(raw);
  try {
    const before = await lockProduct(tx, actor.storeId, input.id, input.expectedVersion);
    const existing = new Map(before.variants.map((v) => [v.id, v]));

    const errors = await checkTaken(tx, input, before.id);
    input.variants.forEach((v, i) => {
      if (v.id && !existing.has(v.id)) errors[`variants.${i}.id`] = ["This variant is not part of the product"];
    });
    throwIfAny(errors);

    // Removing a variant that orders or carts point at would break them: refuse, and say why.
    const keptIds = new Set(input.variants.flatMap((v) => (v.id ? [v.id] : [])));
    const removed = before.variants.filter((v) => !keptIds.has(v.id));
    if (removed.length) {
      const ids = removed.map((v) => v.id);
      const [ordered, carted] = await Promise.all([
        tx.orderItem.findMany({ where: { variantId: { in: ids } }, distinct: ["variantId"], select: { variantId: true } }),
        tx.cartItem.findMany({ where: { variantId: { in: ids } }, distinct: ["variantId"], select: { variantId: true } }),
      ]);
      const orderedIds = new Set(ordered.map((o) => o.variantId));
      const cartedIds = new Set(carted.map((c) => c.variantId));
      const blocked = removed.filter((v) => orderedIds.has(v.id) || cartedIds.has(v.id));
      if (blocked.length) {
        const why = blocked.map((v) => `${v.sku} (${orderedIds.has(v.id) ? "has been ordered" : "is in shoppers' carts"})`).join(", ");
        throw new AppError("VALIDATION", `Cannot remove ${why}. Keep the variant and set its stock to 0, or archive the product.`, {
          fieldErrors: { variants: [`Cannot remove ${why}. Keep it and set its stock to 0, or archive the product.`] },
          details: { blockedVariantIds: blocked.map((v) => v.id) },
        });
      }
      await tx.inventoryMovement.deleteMany({ where: { variantId: { in: ids } } });
      await tx.variant.deleteMany({ where: { id: { in: ids }, productId: before.id } });
    }

    // SKUs may swap between variants of this product: park the changed ones first.
    for (const v of input.variants) {
      if (v.id && existing.get(v.id)!.sku !== v.sku) await tx.variant.update({ where: { id: v.id }, data: { sku: `~${v.id}` } });
    }

    const changes: VariantChange[] = [];
    for (const [i, v] of input.variants.entries()) {
      const position = v.position ?? i;
      if (!v.id) {
        const { opening } = await createVariant(tx, before.id, v, position);
        if (opening) changes.push(opening);
        continue;
      }
      const old = existing.get(v.id)!;
      const options = pairsToOptions(v.options);
      if (v.sku !== old.sku || v.title !== old.title || JSON.stringify(options) !== JSON.stringify(pairsToOptions(old.options)) || position !== old.position) {
        await tx.variant.update({ where: { id: v.id }, data: { sku: v.sku, title: v.title, options, position } });
      }
      // The was price travels with the price: one change, one price.changed event (decision 175).
      if (v.priceMinor !== old.priceMinor || v.compareAtMinor !== old.compareAtMinor || v.currency !== old.currency || v.lowStockThreshold !== old.lowStockThreshold) {
        changes.push({ variantId: v.id, priceMinor: v.priceMinor, compareAtMinor: v.compareAtMinor, currency: v.currency, lowStockThreshold: v.lowStockThreshold });
      }
    }
    await applyVariantChanges(tx, actor, changes);

    const data: Prisma.ProductUpdateInput = {};
    for (const f of PRODUCT_FIELDS) {
      const next = f === "status" ? (input.status ?? before.status) : input[f];
      if (JSON.stringify(next) !== JSON.stringify(before[f])) Object.assign(data, f === "categoryId" ? { category: { connect: { id: next as string } } } : { [f]: next });
    }
    await tx.product.update({ where: { id: before.id }, data: { ...data, version: { increment: 1 } } });

    const after = await getEditorProduct(tx, actor.storeId, before.id);
    const diff = diffProducts(before, after);
    await recordAudit(tx, { actorId: actor.userId, action: "product.update", entityType: "Product", entityId: before.id, before: diff.before, after: diff.after });
    await recordProductUpdated(tx, after, actor.storeId, "updated");
    return after;
  } catch (err) {
    uniqueToFieldError(err);
  }
}

/** Before/after of the fields that changed, for the audit log. */
export function diffProducts(a: EditorProduct, b: EditorProduct): { before: Prisma.InputJsonObject; after: Prisma.InputJsonObject } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const sa = summary(a);
  const sb = summary(b);
  for (const f of PRODUCT_FIELDS) {
    if (JSON.stringify(sa[f]) !== JSON.stringify(sb[f])) {
      before[f] = sa[f];
      after[f] = sb[f];
    }
  }
  const oldById = new Map(sa.variants.map((v) => [v.id, v]));
  const newById = new Map(sb.variants.map((v) => [v.id, v]));
  const vb: unknown[] = [];
  const va: unknown[] = [];
  for (const v of sa.variants) {
    const n = newById.get(v.id);
    if (!n) {
      vb.push(v);
      va.push({ id: v.id, removed: true });
      continue;
    }
    const changedKeys = (Object.keys(v) as (keyof typeof v)[]).filter((k) => JSON.stringify(v[k]) !== JSON.stringify(n[k]));
    if (changedKeys.length) {
      vb.push(Object.fromEntries([["id", v.id], ...changedKeys.map((k) => [k, v[k]])]));
      va.push(Object.fromEntries([["id", v.id], ...changedKeys.map((k) => [k, n[k]])]));
    }
  }
  for (const v of sb.variants) {
    if (!oldById.has(v.id)) {
      vb.push({ id: v.id, added: true });
      va.push({ ...v, stock: b.variants.find((x) => x.id === v.id)?.stock ?? 0 });
    }
  }
  if (va.length) {
    before.variants = vb;
    after.variants = va;
  }
  return { before: before as Prisma.InputJsonObject, after: after as Prisma.InputJsonObject };
}

export async function setProductStatus(tx: Tx, actor: Actor, raw: TSetStatusInput): Promise<EditorProduct> {
  const input = ZSetStatusInput.parse(raw);
  const before = await lockProduct(tx, actor.storeId, input.id, input.expectedVersion);
  if (before.status === input.status) return before;
  await tx.product.update({ where: { id: before.id }, data: { status: input.status, version: { increment: 1 } } });
  await recordAudit(tx, { actorId: actor.userId, action: "product.status", entityType: "Product", entityId: before.id, before: { status: before.status }, after: { status: input.status } });
  const saved = await getEditorProduct(tx, actor.storeId, before.id);
  await recordProductUpdated(tx, saved, actor.storeId, "status");
  return saved;
}
