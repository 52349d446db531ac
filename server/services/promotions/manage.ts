// Discount codes as their owners manage them (decision 172): a seller's codes for their store
// (seller.promotions.*), the platform's codes (admin.promotions.*). The owner comes from the
// guard, never from the input. Codes are never deleted (orders name them): deactivated instead.
import "server-only";
import { z } from "zod";
import type { DbClient, Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { zText } from "@/shared/text";
import { BASIS_POINTS, DISCOUNT_CODE_PATTERN } from "@/shared/promotions";
import { MAX_ORDER_TOTAL_MINOR } from "@/shared/money";
import { listCategoryTree } from "@/server/services/product-editor/get-product";
import { codeKey } from "./apply-code";

export interface PromotionOwner {
  actor: { id: string };
  /** null: the platform's codes. */
  storeId: string | null;
}

const ZOptionalLimit = z.number().int("Whole numbers only").min(1, "At least 1").max(1_000_000).nullable().default(null);
const ZOptionalDate = z.coerce.date({ error: "Enter a date and time" }).nullable().default(null);
const ZId = zText().min(1).max(64);

export const ZPromotionInput = z
  .object({
    code: zText().trim().regex(DISCOUNT_CODE_PATTERN, "3 to 32 letters, digits, - or _"),
    description: zText().trim().max(200).default(""),
    kind: z.enum(["PERCENT", "FIXED"], { error: "Choose a percentage or a fixed amount" }),
    /** PERCENT: basis points (1500 = 15%). */
    percentBp: z.number().int("Whole basis points only").min(1, "At least 0.01%").max(BASIS_POINTS, "At most 100%").nullable().default(null),
    /** FIXED: minor units of `currency`. */
    amountMinor: z.number().int("Whole minor units only").min(1, "Enter an amount above 0").max(MAX_ORDER_TOTAL_MINOR).nullable().default(null),
    currency: zText().regex(/^[A-Z]{3}$/, "A 3-letter currency code").default("USD"),
    minSubtotalMinor: z.number().int().min(0).max(MAX_ORDER_TOTAL_MINOR).default(0),
    startsAt: ZOptionalDate,
    endsAt: ZOptionalDate,
    usageLimit: ZOptionalLimit,
    perCustomerLimit: ZOptionalLimit,
    productIds: z.array(ZId).max(200).default([]),
    categoryIds: z.array(ZId).max(200).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "PERCENT" && v.percentBp === null) ctx.addIssue({ code: "custom", path: ["percentBp"], message: "Enter the percentage" });
    if (v.kind === "FIXED" && v.amountMinor === null) ctx.addIssue({ code: "custom", path: ["amountMinor"], message: "Enter the amount" });
    if (v.startsAt && v.endsAt && v.endsAt <= v.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end must be after the start" });
  })
  .transform((v) => ({ ...v, percentBp: v.kind === "PERCENT" ? v.percentBp : null, amountMinor: v.kind === "FIXED" ? v.amountMinor : null }));
export type TPromotionInput = z.input<typeof ZPromotionInput>;

export const ZPromotionUpdateInput = z.object({ id: ZId, version: z.int32().min(1), promotion: ZPromotionInput });
export const ZPromotionActiveInput = z.object({ id: ZId, active: z.boolean() });
export const ZPromotionIdInput = z.object({ id: ZId });

const listSelect = {
  id: true,
  storeId: true,
  code: true,
  description: true,
  kind: true,
  percentBp: true,
  amountMinor: true,
  currency: true,
  minSubtotalMinor: true,
  startsAt: true,
  endsAt: true,
  usageLimit: true,
  perCustomerLimit: true,
  productIds: true,
  categoryIds: true,
  usedCount: true,
  active: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

export async function listPromotions(db: DbClient, owner: Pick<PromotionOwner, "storeId">) {
  return db.promotion.findMany({ where: { storeId: owner.storeId }, select: listSelect, orderBy: [{ active: "desc" }, { createdAt: "desc" }], take: 500 });
}

export async function getPromotion(db: DbClient, owner: Pick<PromotionOwner, "storeId">, id: string) {
  const p = await db.promotion.findFirst({ where: { id, storeId: owner.storeId }, select: listSelect });
  if (!p) throw new AppError("NOT_FOUND", "No such discount code");
  return p;
}

type Parsed = z.output<typeof ZPromotionInput>;

/** Products must be the store's own (any store's for the platform); categories must exist. */
async function checkTargets(tx: Tx, owner: PromotionOwner, v: Parsed): Promise<void> {
  if (v.productIds.length > 0) {
    const found = await tx.product.count({ where: { id: { in: v.productIds }, deletedAt: null, ...(owner.storeId ? { storeId: owner.storeId } : {}) } });
    if (found !== new Set(v.productIds).size) {
      throw new AppError("VALIDATION", "Some of the chosen products are not yours or no longer exist", { fieldErrors: { productIds: ["Choose your own products"] } });
    }
  }
  if (v.categoryIds.length > 0) {
    const found = await tx.category.count({ where: { id: { in: v.categoryIds } } });
    if (found !== new Set(v.categoryIds).size) throw new AppError("VALIDATION", "Some of the chosen categories do not exist", { fieldErrors: { categoryIds: ["Choose existing categories"] } });
  }
}

async function checkCodeFree(tx: Tx, owner: PromotionOwner, code: string, exceptId: string | null): Promise<void> {
  const taken = await tx.promotion.findFirst({ where: { storeId: owner.storeId, codeKey: codeKey(code), ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (taken) {
    const message = `There is already a code ${code.toUpperCase()} (codes ignore upper and lower case)`;
    throw new AppError("CONFLICT", message, { fieldErrors: { code: [message] } });
  }
}

function data(v: Parsed) {
  return {
    code: v.code,
    codeKey: codeKey(v.code),
    description: v.description,
    kind: v.kind,
    percentBp: v.percentBp,
    amountMinor: v.amountMinor,
    currency: v.currency,
    minSubtotalMinor: v.minSubtotalMinor,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    usageLimit: v.usageLimit,
    perCustomerLimit: v.perCustomerLimit,
    productIds: [...new Set(v.productIds)],
    categoryIds: [...new Set(v.categoryIds)],
  };
}

export async function createPromotion(tx: Tx, owner: PromotionOwner, input: TPromotionInput) {
  const v = ZPromotionInput.parse(input);
  await checkTargets(tx, owner, v);
  await checkCodeFree(tx, owner, v.code, null);
  const created = await tx.promotion.create({ data: { ...data(v), storeId: owner.storeId, createdById: owner.actor.id }, select: listSelect });
  await recordAudit(tx, { actorId: owner.actor.id, action: "promotion.create", entityType: "Promotion", entityId: created.id, after: { code: created.code } });
  return created;
}

export async function updatePromotion(tx: Tx, owner: PromotionOwner, input: z.input<typeof ZPromotionUpdateInput>) {
  const { id, version, promotion } = ZPromotionUpdateInput.parse(input);
  const before = await getPromotion(tx, owner, id);
  await checkTargets(tx, owner, promotion);
  await checkCodeFree(tx, owner, promotion.code, id);
  const n = await tx.promotion.updateMany({ where: { id, storeId: owner.storeId, version }, data: { ...data(promotion), version: { increment: 1 } } });
  if (n.count === 0) throw new AppError("VERSION_CONFLICT", "Someone else changed this code meanwhile. Reload it and try again.");
  await recordAudit(tx, { actorId: owner.actor.id, action: "promotion.update", entityType: "Promotion", entityId: id, before: { code: before.code, version }, after: { code: promotion.code } });
  return getPromotion(tx, owner, id);
}

/** Deactivated codes are refused at once (carts that hold one are told); reactivating is allowed. */
export async function setPromotionActive(tx: Tx, owner: PromotionOwner, input: z.input<typeof ZPromotionActiveInput>) {
  const { id, active } = ZPromotionActiveInput.parse(input);
  await getPromotion(tx, owner, id);
  await tx.promotion.updateMany({ where: { id, storeId: owner.storeId }, data: { active, version: { increment: 1 } } });
  await recordAudit(tx, { actorId: owner.actor.id, action: active ? "promotion.activate" : "promotion.deactivate", entityType: "Promotion", entityId: id });
  return getPromotion(tx, owner, id);
}

/** The categories (tree) and, for a store, its products a code can be limited to. */
export async function promotionTargets(db: DbClient, owner: Pick<PromotionOwner, "storeId">) {
  const [categories, products] = await Promise.all([
    listCategoryTree(db),
    owner.storeId
      ? db.product.findMany({ where: { storeId: owner.storeId, deletedAt: null }, select: { id: true, title: true }, orderBy: { title: "asc" }, take: 500 })
      : Promise.resolve([] as { id: string; title: string }[]),
  ]);
  return { categories, products };
}
