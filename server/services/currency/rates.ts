// Display-currency rates (docs/decisions.md 181). Admins set and remove them (audited); every
// storefront page reads them, so the list is kept in process for a short while: a rate is an
// estimate's input, and another app instance showing the old one for up to RATES_TTL_MS is fine.
import "server-only";
import { afterCommit, type DbClient, type Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { MAX_DISPLAY_CURRENCIES, SHOP_CURRENCY, ZRemoveRateInput, ZSetRateInput } from "@/shared/currency";
import { formatRate, parseRate, type Rates } from "@/shared/money";

export const RATES_TTL_MS = 60_000;

export interface RateRow {
  currency: string;
  /** the rate as admins type it: "0.92" */
  rate: string;
  rateMicros: number;
  updatedAt: Date;
}

export async function listRates(db: DbClient): Promise<RateRow[]> {
  const rows = await db.currencyRate.findMany({ orderBy: { currency: "asc" } });
  return rows.map((r) => ({ currency: r.currency, rate: formatRate(Number(r.rateMicros)), rateMicros: Number(r.rateMicros), updatedAt: r.updatedAt }));
}

let cached: { at: number; db: DbClient; rates: Rates } | null = null;

/** The rates as the storefront uses them, read at most once per RATES_TTL_MS per process. */
export async function readRates(db: DbClient, now = Date.now()): Promise<Rates> {
  if (cached && cached.db === db && now - cached.at < RATES_TTL_MS) return cached.rates;
  const rows = await listRates(db);
  const rates: Rates = { base: SHOP_CURRENCY, micros: Object.fromEntries(rows.map((r) => [r.currency, r.rateMicros])) };
  cached = { at: now, db, rates };
  return rates;
}

/** Forgets the process's copy (after a change here, so this instance shows it at once). */
export function forgetRates(): void {
  cached = null;
}

export async function setRate(tx: Tx, actorId: string, input: unknown): Promise<RateRow> {
  const { currency, rate } = ZSetRateInput.parse(input);
  const rateMicros = parseRate(rate)!; // the schema checked it
  const before = await tx.currencyRate.findUnique({ where: { currency } });
  if (!before && (await tx.currencyRate.count()) >= MAX_DISPLAY_CURRENCIES) {
    throw new AppError("VALIDATION", `At most ${MAX_DISPLAY_CURRENCIES} display currencies: remove one first`);
  }
  const row = await tx.currencyRate.upsert({
    where: { currency },
    create: { currency, rateMicros: BigInt(rateMicros), updatedById: actorId },
    update: { rateMicros: BigInt(rateMicros), updatedById: actorId },
  });
  await recordAudit(tx, {
    actorId,
    action: "currency.rate",
    entityType: "CurrencyRate",
    entityId: currency,
    before: before ? { rate: formatRate(Number(before.rateMicros)) } : null,
    after: { rate: formatRate(rateMicros) },
  });
  afterCommit(tx, forgetRates);
  return { currency, rate: formatRate(rateMicros), rateMicros, updatedAt: row.updatedAt };
}

export async function removeRate(tx: Tx, actorId: string, input: unknown): Promise<{ removed: string }> {
  const { currency } = ZRemoveRateInput.parse(input);
  const before = await tx.currencyRate.findUnique({ where: { currency } });
  if (!before) throw new AppError("NOT_FOUND", `No rate for ${currency}`);
  await tx.currencyRate.delete({ where: { currency } });
  await recordAudit(tx, {
    actorId,
    action: "currency.remove",
    entityType: "CurrencyRate",
    entityId: currency,
    before: { rate: formatRate(Number(before.rateMicros)) },
    after: null,
  });
  afterCommit(tx, forgetRates);
  return { removed: currency };
}
