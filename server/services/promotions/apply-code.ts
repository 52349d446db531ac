// A discount code against a set of priced lines (decisions 171-173): which promotion a code
// names for this cart, whether it applies now, and each line's share of the saving. Used by the
// cart (a preview, no locks) and by the order's transaction (place-order.ts), which locks the
// promotion rows first, so that the checks on usedCount and on the customer's own uses, and the
// use it records, are one decision per promotion under concurrency:
//  - lock order everywhere: Promotion rows (by id) before Variant rows; a release of a card
//    checkout's reservation gives the use back before the stock (settle-payment.ts);
//  - a platform code shadows store codes spelled the same; otherwise each store in the cart whose
//    code it is discounts its own lines (a code two stores both use applies to each store's part).
import "server-only";
import { Prisma } from "@/generated/prisma/client.ts";
import { newId } from "@/server/db/ids";
import type { DbClient, Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { formatMoney } from "@/shared/money";
import { allocate, discountFor, type DiscountKind, type DiscountRefusal } from "@/shared/promotions";

export interface PromotionRule {
  id: string;
  storeId: string | null;
  code: string;
  kind: DiscountKind;
  percentBp: number | null;
  amountMinor: number | null;
  currency: string;
  minSubtotalMinor: number;
  startsAt: Date | null;
  endsAt: Date | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  productIds: string[];
  categoryIds: string[];
  usedCount: number;
  active: boolean;
}

/** A line as a code sees it: its store, its product and categories (its own and every parent). */
export interface PricedLine {
  variantId: string;
  productId: string;
  storeId: string;
  categoryIds: readonly string[];
  currency: string;
  lineTotalMinor: number;
}

export type Evaluation =
  | { ok: true; discountMinor: number; shares: Map<string, number> }
  | { ok: false; reason: DiscountRefusal; message: string };

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (d: Date) => `${dateFmt.format(d)} UTC`;

/** The lines of `lines` a rule may discount: its store's (a store code), its products or categories. */
export function eligibleLines(rule: Pick<PromotionRule, "storeId" | "productIds" | "categoryIds" | "currency">, lines: readonly PricedLine[]): PricedLine[] {
  const all = rule.productIds.length === 0 && rule.categoryIds.length === 0;
  return lines.filter(
    (l) =>
      (rule.storeId === null || l.storeId === rule.storeId) &&
      l.currency === rule.currency &&
      (all || rule.productIds.includes(l.productId) || l.categoryIds.some((c) => rule.categoryIds.includes(c))),
  );
}

/**
 * Whether a rule applies to `lines` at `now`, and each eligible line's share. `customerUses`: the
 * customer's unreleased uses of it (null when the customer is not known yet: a guest's cart).
 * Checks in the order a shopper can act on: the code itself, then the cart.
 */
export function evaluate(rule: PromotionRule, lines: readonly PricedLine[], ctx: { now: Date; customerUses: number | null }): Evaluation {
  const code = rule.code;
  if (!rule.active) return { ok: false, reason: "INACTIVE", message: `The code ${code} is no longer available.` };
  if (rule.startsAt && ctx.now < rule.startsAt) return { ok: false, reason: "NOT_STARTED", message: `The code ${code} can be used from ${when(rule.startsAt)}.` };
  if (rule.endsAt && ctx.now >= rule.endsAt) return { ok: false, reason: "EXPIRED", message: `The code ${code} expired on ${when(rule.endsAt)}.` };
  if (rule.usageLimit !== null && rule.usedCount >= rule.usageLimit) {
    return { ok: false, reason: "USED_UP", message: `The code ${code} has been used as many times as it can be.` };
  }
  if (rule.perCustomerLimit !== null && ctx.customerUses !== null && ctx.customerUses >= rule.perCustomerLimit) {
    return {
      ok: false,
      reason: "CUSTOMER_USED_UP",
      message: rule.perCustomerLimit === 1 ? `You have already used the code ${code}.` : `You have already used the code ${code} ${rule.perCustomerLimit} times, its limit per customer.`,
    };
  }
  const eligible = eligibleLines(rule, lines);
  if (eligible.length === 0) return { ok: false, reason: "NOT_ELIGIBLE", message: `The code ${code} does not apply to any item in your cart.` };
  const subtotal = eligible.reduce((s, l) => s + l.lineTotalMinor, 0);
  if (subtotal < rule.minSubtotalMinor) {
    return {
      ok: false,
      reason: "BELOW_MINIMUM",
      message: `The code ${code} needs at least ${formatMoney(rule.minSubtotalMinor, rule.currency)} of eligible items; you have ${formatMoney(subtotal, rule.currency)}.`,
    };
  }
  const discountMinor = discountFor(rule, subtotal);
  const split = allocate(discountMinor, eligible.map((l) => l.lineTotalMinor));
  return { ok: true, discountMinor, shares: new Map(eligible.map((l, i) => [l.variantId, split[i]!])) };
}

export interface AppliedDiscount {
  /** The code as its promotion spells it. */
  code: string;
  discountMinor: number;
  /** Each line's share (variant id -> minor units); lines not discounted are absent. */
  lines: Map<string, number>;
  promotions: { id: string; storeId: string | null; discountMinor: number }[];
}

/** The code as the shopper typed it, trimmed; matched in lower case. */
export function codeKey(code: string): string {
  return code.trim().toLowerCase();
}

const ruleColumns = Prisma.sql`id, "storeId", code, kind::text AS kind, "percentBp", "amountMinor", currency, "minSubtotalMinor", "startsAt", "endsAt",
  "usageLimit", "perCustomerLimit", "productIds", "categoryIds", "usedCount", active`;

/** The promotions a code names for a cart of these stores (locked, in id order, inside an order's transaction). */
export async function findRules(db: DbClient, code: string, storeIds: readonly string[], lock: boolean): Promise<PromotionRule[]> {
  const rows = await db.$queryRaw<PromotionRule[]>`
    SELECT ${ruleColumns} FROM "Promotion"
    WHERE "codeKey" = ${codeKey(code)} AND ("storeId" IS NULL OR "storeId" = ANY(${[...storeIds]}::text[]))
    ORDER BY id ${lock ? Prisma.sql`FOR UPDATE` : Prisma.empty}`;
  const platform = rows.filter((r) => r.storeId === null);
  return platform.length > 0 ? platform : rows;
}

/** Each category with its parents (a code for "Clothing" covers "Clothing > Shirts"). */
export async function categoryPaths(db: DbClient, categoryIds: readonly string[]): Promise<Map<string, string[]>> {
  if (categoryIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; path: string[] }[]>`
    WITH RECURSIVE up AS (
      SELECT id AS start, id, "parentId" FROM "Category" WHERE id = ANY(${[...new Set(categoryIds)]}::text[])
      UNION ALL
      SELECT up.start, c.id, c."parentId" FROM "Category" c JOIN up ON c.id = up."parentId"
    )
    SELECT start AS id, array_agg(id) AS path FROM up GROUP BY start`;
  return new Map(rows.map((r) => [r.id, r.path]));
}

/** A refusal as the boundary answers it: 400 with the message on the discountCode field. */
export function refusal(reason: DiscountRefusal, message: string): AppError {
  return new AppError("VALIDATION", message, { fieldErrors: { discountCode: [message] }, details: { discountRefusal: reason } });
}

/** findRules, locking the rows until the order's transaction ends. */
export function lockRules(tx: Tx, code: string, storeIds: readonly string[]): Promise<PromotionRule[]> {
  return findRules(tx, code, storeIds, true);
}

/** "user:<id>" or "guest:<email>": whose uses the per-customer limit counts. */
export function customerKeyOf(userId: string | null, guestEmail: string | null): string | null {
  if (userId) return `user:${userId}`;
  return guestEmail ? `guest:${guestEmail.toLowerCase()}` : null;
}

/**
 * The discount of `code` on `lines`, or a refusal (AppError VALIDATION, field discountCode) that
 * says why. Inside an order's transaction the caller passes the rules it locked (lockRules).
 * When a code names several stores' promotions, those that apply do; it is refused when none does.
 */
export async function applyDiscountCode(
  db: DbClient,
  code: string,
  lines: readonly PricedLine[],
  opts: { customerKey: string | null; now?: Date; /** Already found (and locked) by the caller. */ rules?: PromotionRule[] },
): Promise<AppliedDiscount> {
  const rules = opts.rules ?? (await findRules(db, code, [...new Set(lines.map((l) => l.storeId))], false));
  if (rules.length === 0) throw refusal("UNKNOWN", `We do not recognise the code ${code.trim()}. Check its spelling.`);
  const uses = new Map<string, number>();
  if (opts.customerKey && rules.some((r) => r.perCustomerLimit !== null)) {
    const rows = await db.$queryRaw<{ promotionId: string; n: number }[]>`
      SELECT "promotionId", count(*)::int AS n FROM "PromotionRedemption"
      WHERE "promotionId" = ANY(${rules.map((r) => r.id)}::text[]) AND "customerKey" = ${opts.customerKey} AND "releasedAt" IS NULL
      GROUP BY "promotionId"`;
    for (const r of rows) uses.set(r.promotionId, r.n);
  }
  const now = opts.now ?? new Date();
  const results = rules.map((rule) => ({ rule, e: evaluate(rule, lines, { now, customerUses: opts.customerKey ? (uses.get(rule.id) ?? 0) : null }) }));
  const applied = results.filter((r): r is { rule: PromotionRule; e: Extract<Evaluation, { ok: true }> } => r.e.ok && r.e.discountMinor > 0);
  if (applied.length === 0) {
    const first = results.find((r) => !r.e.ok)?.e as Extract<Evaluation, { ok: false }> | undefined;
    throw first ? refusal(first.reason, first.message) : refusal("NOT_ELIGIBLE", `The code ${rules[0]!.code} does not apply to any item in your cart.`);
  }
  const shares = new Map<string, number>();
  for (const a of applied) for (const [v, d] of a.e.shares) shares.set(v, (shares.get(v) ?? 0) + d);
  return {
    code: applied[0]!.rule.code,
    discountMinor: applied.reduce((s, a) => s + a.e.discountMinor, 0),
    lines: shares,
    promotions: applied.map((a) => ({ id: a.rule.id, storeId: a.rule.storeId, discountMinor: a.e.discountMinor })),
  };
}

/** Records the uses of an order's promotions (its transaction, after applyDiscountCode with lock). */
export async function recordRedemptions(tx: Tx, applied: AppliedDiscount, orderId: string, customerKey: string): Promise<void> {
  const rows = applied.promotions.map((p) => ({ id: newId(), promotionId: p.id, discountMinor: p.discountMinor }));
  await tx.$executeRaw`
    WITH r AS (
      INSERT INTO "PromotionRedemption" (id, "promotionId", "orderId", "customerKey", "discountMinor", "createdAt")
      SELECT x.id, x."promotionId", ${orderId}, ${customerKey}, x."discountMinor", now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id text, "promotionId" text, "discountMinor" int)
      RETURNING "promotionId"
    )
    UPDATE "Promotion" p SET "usedCount" = p."usedCount" + 1 FROM r WHERE p.id = r."promotionId"`;
}

/** Gives back the uses of an order that was never placed (a card checkout released); decision 173. */
export async function releaseRedemptions(tx: Tx, orderId: string): Promise<void> {
  await tx.$executeRaw`
    WITH r AS (
      UPDATE "PromotionRedemption" SET "releasedAt" = now() WHERE "orderId" = ${orderId} AND "releasedAt" IS NULL RETURNING "promotionId"
    )
    UPDATE "Promotion" p SET "usedCount" = GREATEST(p."usedCount" - 1, 0) FROM r WHERE p.id = r."promotionId"`;
}
