// Bulk edits from the products table: one price, stock or status change for many variants, in
// the caller's one transaction, each row by the same rules as the single edit it stands for
// (updateVariantPrice, adjustStock, setProductStatus): prices and status lock on the product's
// version the table showed, stock is set against the stock it showed and goes through the ledger
// with an audit entry. A row whose check fails (someone changed it since, it would go below zero,
// its product was deleted meanwhile) is left as it is and reported with the reason; the others are applied. The checks
// fail before anything of that row is written (a conditional UPDATE that matches nothing, or a
// version read under lock), so one refused row never undoes or poisons the others.
import "server-only";
import type { Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { setProductStatus } from "@/server/services/product-editor/save-product";
import type { VariantLive } from "@/shared/events";
import { adjustStock } from "./adjust-stock";
import { updateVariantPrice } from "./update-price";
import { ZBulkEditInput, type TBulkEditInput } from "./schemas";

export type BulkRowResult =
  | { variantId: string; sku: string; ok: true; live?: VariantLive; productId: string; productVersion: number }
  | { variantId: string; sku: string; ok: false; code: string; message: string };

export interface BulkEditResult {
  applied: number;
  refused: number;
  rows: BulkRowResult[];
}

/** The refusals a single edit reports to its caller; anything else is a real failure. */
const ROW_CODES = new Set(["VERSION_CONFLICT", "VALIDATION", "NOT_FOUND", "CONFLICT"]);

/** The price and was price a sale change leaves, or null when it changes nothing. Starting a sale
 * on a variant already on sale takes the percentage off its was price (not off the sale price),
 * so applying "20% off" twice gives 20% off, not 36%. */
function saleChange(v: { priceMinor: number; compareAtMinor: number | null }, c: { mode: "start"; value: number } | { mode: "end" }): { priceMinor: number; compareAtMinor: number | null } | null {
  if (c.mode === "end") return v.compareAtMinor === null ? null : { priceMinor: v.compareAtMinor, compareAtMinor: null };
  const was = v.compareAtMinor ?? v.priceMinor;
  const priceMinor = Math.round((was * (100 - c.value)) / 100);
  if (priceMinor < 1 || priceMinor >= was) throw new AppError("VALIDATION", "This price is too low for that discount");
  return { priceMinor, compareAtMinor: was };
}

export async function bulkEditVariants(tx: Tx, actor: { userId: string; storeId: string }, raw: TBulkEditInput): Promise<BulkEditResult> {
  const input = ZBulkEditInput.parse(raw);
  const found = await tx.variant.findMany({
    where: { id: { in: input.rows.map((r) => r.variantId) }, product: { storeId: actor.storeId, deletedAt: null } },
    select: { id: true, sku: true, priceMinor: true, compareAtMinor: true, productId: true },
  });
  const byId = new Map(found.map((v) => [v.id, v]));
  // The table lists only the store's own variants: a row that is not one (another store's, or
  // deleted) refuses the whole request, as a single edit of it would, and changes nothing.
  if (found.length !== input.rows.length) throw new AppError("NOT_FOUND", "Variant not found");
  // Products are locked in id order, whatever the selection's order, so two bulk edits of
  // overlapping selections queue instead of deadlocking.
  const rows = [...input.rows].sort((a, b) => (byId.get(a.variantId)?.productId ?? "").localeCompare(byId.get(b.variantId)?.productId ?? "") || a.variantId.localeCompare(b.variantId));
  // The version each product is expected at: the table's, then the one this edit itself left.
  const versions = new Map<string, number>();
  const results: BulkRowResult[] = [];
  const statusDone = new Map<string, BulkRowResult>();

  for (const row of rows) {
    const v = byId.get(row.variantId)!;
    const expectedVersion = versions.get(v.productId) ?? row.expectedVersion;
    try {
      const c = input.change;
      if (c.kind === "price") {
        const priceMinor = c.mode === "set" ? c.value : Math.max(1, Math.round((v.priceMinor * (100 + c.value)) / 100));
        const r = await updateVariantPrice(tx, actor, { variantId: v.id, priceMinor, expectedVersion });
        versions.set(v.productId, r.productVersion);
        results.push({ variantId: v.id, sku: v.sku, ok: true, live: r.live, productId: v.productId, productVersion: r.productVersion });
      } else if (c.kind === "sale") {
        const sale = saleChange(v, c);
        if (!sale) {
          // "End sale" of a variant not on sale: nothing to do, and nothing wrong.
          results.push({ variantId: v.id, sku: v.sku, ok: true, productId: v.productId, productVersion: expectedVersion });
          continue;
        }
        const r = await updateVariantPrice(tx, actor, { variantId: v.id, ...sale, expectedVersion });
        versions.set(v.productId, r.productVersion);
        results.push({ variantId: v.id, sku: v.sku, ok: true, live: r.live, productId: v.productId, productVersion: r.productVersion });
      } else if (c.kind === "stock") {
        const delta = c.mode === "set" ? c.value - row.expectedStock : c.value;
        if (delta === 0) {
          results.push({ variantId: v.id, sku: v.sku, ok: true, productId: v.productId, productVersion: expectedVersion });
          continue;
        }
        // "Set to N" holds only if the stock is still what the table showed; "add N" is relative.
        const r = await adjustStock(tx, actor, { variantId: v.id, delta, reason: "CORRECTION", note: "Bulk edit", ...(c.mode === "set" ? { expectedStock: row.expectedStock } : {}) });
        results.push({ variantId: v.id, sku: v.sku, ok: true, live: r.live, productId: v.productId, productVersion: expectedVersion });
      } else {
        // Status belongs to the product: changed once for all its selected variants.
        const done = statusDone.get(v.productId);
        if (done) {
          results.push({ ...done, variantId: v.id, sku: v.sku });
          continue;
        }
        const p = await setProductStatus(tx, actor, { id: v.productId, expectedVersion, status: c.value });
        versions.set(v.productId, p.version);
        const r: BulkRowResult = { variantId: v.id, sku: v.sku, ok: true, productId: v.productId, productVersion: p.version };
        statusDone.set(v.productId, r);
        results.push(r);
      }
    } catch (err) {
      if (!(err instanceof AppError) || !ROW_CODES.has(err.code)) throw err;
      const r: BulkRowResult = { variantId: v.id, sku: v.sku, ok: false, code: err.code, message: err.code === "VERSION_CONFLICT" && input.change.kind !== "stock" ? "Someone changed this product since you loaded it" : err.message };
      if (input.change.kind === "status") statusDone.set(v.productId, r);
      results.push(r);
    }
  }
  const order = new Map(input.rows.map((r, i) => [r.variantId, i]));
  results.sort((a, b) => order.get(a.variantId)! - order.get(b.variantId)!);
  const applied = results.filter((r) => r.ok).length;
  return { applied, refused: results.length - applied, rows: results };
}
