// Display-currency rates (docs/decisions.md 181). Admins set and remove them (audited); every
// storefront page reads them, so each process keeps the list: a change is dropped from every
// process's copy through the catalogue's invalidation feed (this process at commit, the others
// over Redis when it is set), and the copy is re-read after RATES_TTL_MS in any case.
import "server-only";
import type { DbClient, Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { getCatalogInvalidationBus, invalidateCatalogAfterCommit, joinLocalInvalidation } from "@/server/services/catalog/catalog-invalidation";
import { ALL_TAG } from "@/server/services/catalog/catalog-tags";
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

/** The tag a rate change publishes on the catalogue's invalidation feed. */
export const RATES_TAG = "currency-rates";

interface RatesState {
  entry: { at: number; db: DbClient; rates: Rates } | null;
  /** bumped by every invalidation: a read that overlapped one does not store what it read */
  generation: number;
  joined: boolean;
}
// On globalThis: Next.js bundles this module into the page and the tRPC route separately, and
// a change made through one must be seen by the other.
const g = globalThis as unknown as { __livemarketRates?: RatesState };
const state: RatesState = (g.__livemarketRates ??= { entry: null, generation: 0, joined: false });

function join(): void {
  if (state.joined) return;
  state.joined = true;
  const drop = (tags: readonly string[]) => {
    if (tags.includes(RATES_TAG) || tags.includes(ALL_TAG)) forgetRates();
  };
  joinLocalInvalidation({ invalidate: drop });
  getCatalogInvalidationBus().subscribe({ invalidate: drop, reset: forgetRates });
}

/** The rates as the storefront uses them: this process's copy, read again after a change or
 * after RATES_TTL_MS. */
export async function readRates(db: DbClient, now = Date.now()): Promise<Rates> {
  join();
  const hit = state.entry;
  if (hit && hit.db === db && now - hit.at < RATES_TTL_MS) return hit.rates;
  const generation = state.generation;
  const rows = await listRates(db);
  const rates: Rates = { base: SHOP_CURRENCY, micros: Object.fromEntries(rows.map((r) => [r.currency, r.rateMicros])) };
  if (generation === state.generation) state.entry = { at: now, db, rates };
  return rates;
}

/** Forgets this process's copy. */
export function forgetRates(): void {
  state.entry = null;
  state.generation++;
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
  invalidateCatalogAfterCommit(tx, [RATES_TAG]);
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
  invalidateCatalogAfterCommit(tx, [RATES_TAG]);
  return { removed: currency };
}
