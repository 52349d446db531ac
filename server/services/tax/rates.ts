// Tax rates by destination (docs/decisions.md 190). Admins add, change and remove them, each
// change audited in its transaction. Orders read them inside their own transaction (place-order),
// so an order takes the rates as they are at that moment and keeps what it used (a later change
// leaves placed orders as they were).
import "server-only";
import type { DbClient, Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { formatTaxRate, parseTaxRate, regionKey, ZCreateTaxRateInput, ZRemoveTaxRateInput, ZUpdateTaxRateInput, type TaxRateLike } from "@/shared/tax";

/** At most this many rates: the admin list is one page and every checkout reads them all. */
export const MAX_TAX_RATES = 500;

export interface TaxRateRow extends TaxRateLike {
  id: string;
  /** The rate as admins type it, without the sign: "8.875" */
  rate: string;
  updatedAt: Date;
}

const select = { id: true, country: true, region: true, name: true, ratePpm: true, appliesToShipping: true, updatedAt: true } as const;

function toRow(r: { id: string; country: string; region: string; name: string; ratePpm: number; appliesToShipping: boolean; updatedAt: Date }): TaxRateRow {
  return { ...r, rate: formatTaxRate(r.ratePpm).replace(/%$/, "") };
}

function audited(r: TaxRateLike) {
  return { country: r.country, region: r.region, name: r.name, rate: formatTaxRate(r.ratePpm), appliesToShipping: r.appliesToShipping };
}

/** Every rate, by country then region (the whole country first). */
export async function listTaxRates(db: DbClient): Promise<TaxRateRow[]> {
  const rows = await db.taxRate.findMany({ select, orderBy: [{ country: "asc" }, { regionKey: "asc" }] });
  return rows.map(toRow);
}

/** The rates that could apply to a country (what an order or a quote matches against). */
export async function ratesForCountry(db: DbClient, country: string): Promise<TaxRateRow[]> {
  const c = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(c)) return [];
  return (await db.taxRate.findMany({ where: { country: c }, select })).map(toRow);
}

async function refuseDuplicate(tx: Tx, country: string, key: string, exceptId: string | null) {
  const same = await tx.taxRate.findUnique({ where: { country_regionKey: { country, regionKey: key } }, select: { id: true } });
  if (same && same.id !== exceptId) {
    const where = key ? `${country}, region ${key.toUpperCase()}` : `${country} (whole country)`;
    throw new AppError("CONFLICT", `There is already a rate for ${where}: change that one`, { fieldErrors: { region: [`There is already a rate for ${where}`] } });
  }
}

export async function createTaxRate(tx: Tx, actorId: string, input: unknown): Promise<TaxRateRow> {
  const v = ZCreateTaxRateInput.parse(input);
  const ratePpm = parseTaxRate(v.rate)!; // the schema checked it
  const key = regionKey(v.region);
  await refuseDuplicate(tx, v.country, key, null);
  if ((await tx.taxRate.count()) >= MAX_TAX_RATES) throw new AppError("VALIDATION", `At most ${MAX_TAX_RATES} tax rates: remove one first`);
  const row = await tx.taxRate.create({
    data: { country: v.country, region: v.region, regionKey: key, name: v.name, ratePpm, appliesToShipping: v.appliesToShipping, updatedById: actorId },
    select,
  });
  await recordAudit(tx, { actorId, action: "tax.rate.create", entityType: "TaxRate", entityId: row.id, before: null, after: audited(row) });
  return toRow(row);
}

export async function updateTaxRate(tx: Tx, actorId: string, input: unknown): Promise<TaxRateRow> {
  const v = ZUpdateTaxRateInput.parse(input);
  const ratePpm = parseTaxRate(v.rate)!;
  const before = await tx.taxRate.findUnique({ where: { id: v.id }, select });
  if (!before) throw new AppError("NOT_FOUND", "That tax rate no longer exists");
  const key = regionKey(v.region);
  await refuseDuplicate(tx, v.country, key, v.id);
  const row = await tx.taxRate.update({
    where: { id: v.id },
    data: { country: v.country, region: v.region, regionKey: key, name: v.name, ratePpm, appliesToShipping: v.appliesToShipping, updatedById: actorId },
    select,
  });
  await recordAudit(tx, { actorId, action: "tax.rate.update", entityType: "TaxRate", entityId: row.id, before: audited(before), after: audited(row) });
  return toRow(row);
}

export async function removeTaxRate(tx: Tx, actorId: string, input: unknown): Promise<{ removed: string }> {
  const { id } = ZRemoveTaxRateInput.parse(input);
  const before = await tx.taxRate.findUnique({ where: { id }, select });
  if (!before) throw new AppError("NOT_FOUND", "That tax rate no longer exists");
  await tx.taxRate.delete({ where: { id } });
  await recordAudit(tx, { actorId, action: "tax.rate.remove", entityType: "TaxRate", entityId: id, before: audited(before), after: null });
  return { removed: id };
}
