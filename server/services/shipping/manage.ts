// A seller's shipping zones and rates as the seller manages them (seller.shipping.*, decision
// 194). The store comes from the guard, never from the input. A zone is saved whole with its
// rates (rates left out of a save are removed; orders keep their own copy of the name and price,
// OrderShipping). Overlaps of one rank are refused, so which zone serves an address never
// depends on the order they were made in: a country in two country zones, a region of a country
// in two region zones, or two rest-of-world zones.
import "server-only";
import { z } from "zod";
import type { DbClient, Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { countryName, ZCountry } from "@/shared/countries";
import { MAX_ORDER_TOTAL_MINOR } from "@/shared/money";
import { zText } from "@/shared/text";
import { loadStoreShipping } from "./quote";
import { normRegion } from "./rules";

const ZId = zText().min(1).max(64);
const ZMinor = z.number({ error: "Enter an amount" }).int("Whole minor units only").min(0, "Enter 0 or more").max(MAX_ORDER_TOTAL_MINOR, "That amount is too large");

export const ZShippingRateInput = z
  .object({
    id: ZId.optional(),
    name: zText({ error: "Name the option" }).trim().min(1, "Name the option, as shoppers will see it").max(100, "Keep the name under 100 characters"),
    kind: z.enum(["FLAT", "WEIGHT", "SUBTOTAL"], { error: "Choose how the option is priced" }),
    /** FLAT: the price; WEIGHT: the base price. */
    amountMinor: ZMinor.default(0),
    /** WEIGHT: per started kilogram. */
    perKgMinor: ZMinor.default(0),
    /** SUBTOTAL: from which goods subtotal each price applies; one must start at 0. */
    tiers: z.array(z.object({ fromMinor: ZMinor, costMinor: ZMinor })).max(20, "At most 20 tiers").default([]),
    freeAboveMinor: ZMinor.nullable().default(null),
    currency: zText().regex(/^[A-Z]{3}$/, "A 3-letter currency code").default("USD"),
  })
  .superRefine((r, ctx) => {
    if (r.kind === "SUBTOTAL") {
      if (r.tiers.length === 0) ctx.addIssue({ code: "custom", path: ["tiers"], message: "Add at least one tier, starting at 0" });
      else if (!r.tiers.some((t) => t.fromMinor === 0)) ctx.addIssue({ code: "custom", path: ["tiers"], message: "One tier must start at 0, so every subtotal has a price" });
      if (new Set(r.tiers.map((t) => t.fromMinor)).size !== r.tiers.length) ctx.addIssue({ code: "custom", path: ["tiers"], message: "Two tiers start at the same amount" });
    }
  })
  .transform((r) => ({
    ...r,
    amountMinor: r.kind === "SUBTOTAL" ? 0 : r.amountMinor,
    perKgMinor: r.kind === "WEIGHT" ? r.perKgMinor : 0,
    tiers: r.kind === "SUBTOTAL" ? [...r.tiers].sort((a, b) => a.fromMinor - b.fromMinor) : [],
  }));

export const ZShippingZoneInput = z
  .object({
    /** Absent: a new zone. */
    id: ZId.optional(),
    name: zText({ error: "Name the zone" }).trim().min(1, "Name the zone").max(100, "Keep the name under 100 characters"),
    countries: z.array(ZCountry).max(250).default([]),
    regions: z.array(zText().trim().min(1).max(100, "Keep each region under 100 characters")).max(100, "At most 100 regions").default([]),
    restOfWorld: z.boolean().default(false),
    rates: z.array(ZShippingRateInput).min(1, "Add at least one shipping option").max(20, "At most 20 options per zone"),
  })
  .superRefine((zn, ctx) => {
    if (!zn.restOfWorld && zn.countries.length === 0) ctx.addIssue({ code: "custom", path: ["countries"], message: "Choose at least one country, or make this the rest-of-world zone" });
    if (zn.restOfWorld && (zn.countries.length > 0 || zn.regions.length > 0)) ctx.addIssue({ code: "custom", path: ["countries"], message: "A rest-of-world zone lists no countries or regions" });
  })
  .transform((zn) => ({
    ...zn,
    countries: [...new Set(zn.countries)].sort(),
    regions: [...new Map(zn.regions.map((r) => [normRegion(r), r.replace(/\s+/g, " ")])).values()],
  }));
export type TShippingZoneInput = z.input<typeof ZShippingZoneInput>;

export const ZShippingZoneId = z.object({ id: ZId });

/** The store's zones with their rates (oldest zone first). */
export async function listShippingZones(db: DbClient, storeId: string) {
  return (await loadStoreShipping(db, [storeId])).get(storeId)?.zones ?? [];
}

/** Why a zone would overlap another of the same rank, or null. */
function overlap(zone: { countries: string[]; regions: string[]; restOfWorld: boolean }, others: { name: string; countries: string[]; regions: string[]; restOfWorld: boolean }[]): string | null {
  for (const o of others) {
    if (zone.restOfWorld) {
      if (o.restOfWorld) return `The zone "${o.name}" already covers the rest of the world`;
      continue;
    }
    if (o.restOfWorld) continue;
    const shared = zone.countries.filter((c) => o.countries.includes(c));
    if (shared.length === 0) continue;
    if (zone.regions.length === 0 && o.regions.length === 0) return `${countryName(shared[0]!)} is already in the zone "${o.name}"`;
    if (zone.regions.length > 0 && o.regions.length > 0) {
      const region = zone.regions.find((r) => o.regions.some((x) => normRegion(x) === normRegion(r)));
      if (region) return `${region} (${countryName(shared[0]!)}) is already in the zone "${o.name}"`;
    }
  }
  return null;
}

/** Creates or replaces a zone and its rates. */
export async function saveShippingZone(tx: Tx, actor: { id: string }, storeId: string, raw: TShippingZoneInput) {
  const input = ZShippingZoneInput.parse(raw);
  // Another store's zone answers exactly like a missing one, before anything is compared with it.
  if (input.id && !(await tx.shippingZone.findFirst({ where: { id: input.id, storeId }, select: { id: true } }))) throw new AppError("NOT_FOUND", "Shipping zone not found");
  const others = await tx.shippingZone.findMany({ where: { storeId, ...(input.id ? { id: { not: input.id } } : {}) }, select: { name: true, countries: true, regions: true, restOfWorld: true } });
  const why = overlap(input, others);
  if (why) throw new AppError("VALIDATION", why, { fieldErrors: { countries: [why] } });
  const data = { name: input.name, countries: input.countries, regions: input.regions, restOfWorld: input.restOfWorld };
  let zoneId: string;
  if (input.id) {
    await tx.shippingZone.updateMany({ where: { id: input.id, storeId }, data });
    zoneId = input.id;
    const kept = input.rates.flatMap((r) => (r.id ? [r.id] : []));
    const known = await tx.shippingRate.findMany({ where: { zoneId }, select: { id: true } });
    const unknown = kept.find((id) => !known.some((k) => k.id === id));
    if (unknown) throw new AppError("NOT_FOUND", "A shipping option of this zone was not found. Reload the page.");
    await tx.shippingRate.deleteMany({ where: { zoneId, id: { notIn: kept } } });
  } else {
    zoneId = (await tx.shippingZone.create({ data: { ...data, storeId }, select: { id: true } })).id;
  }
  for (const [position, r] of input.rates.entries()) {
    const rate = { name: r.name, kind: r.kind, amountMinor: r.amountMinor, perKgMinor: r.perKgMinor, tiers: r.tiers, freeAboveMinor: r.freeAboveMinor, currency: r.currency, position };
    if (r.id) await tx.shippingRate.update({ where: { id: r.id }, data: rate });
    else await tx.shippingRate.create({ data: { ...rate, zoneId } });
  }
  await recordAudit(tx, { actorId: actor.id, action: "shipping.zone.save", entityType: "ShippingZone", entityId: zoneId, after: { storeId, ...data, rates: input.rates.map((r) => r.name) } });
  return { id: zoneId };
}

export async function deleteShippingZone(tx: Tx, actor: { id: string }, storeId: string, id: string) {
  const deleted = await tx.shippingZone.deleteMany({ where: { id, storeId } });
  if (deleted.count === 0) throw new AppError("NOT_FOUND", "Shipping zone not found");
  await recordAudit(tx, { actorId: actor.id, action: "shipping.zone.delete", entityType: "ShippingZone", entityId: id, after: { storeId } });
  return { id };
}

/** The zone a new store starts with (as the migration gave every store that existed then):
 * everywhere, the platform's former standard and express prices. The seller edits or replaces it. */
export const DEFAULT_SHIPPING = {
  name: "Everywhere",
  rates: [
    { name: "Standard delivery (3–5 working days)", amountMinor: 499 },
    { name: "Express delivery (1–2 working days)", amountMinor: 1499 },
  ],
} as const;

export async function createDefaultShipping(tx: Tx, storeId: string) {
  await tx.shippingZone.create({
    data: {
      storeId,
      name: DEFAULT_SHIPPING.name,
      countries: [],
      regions: [],
      restOfWorld: true,
      rates: { create: DEFAULT_SHIPPING.rates.map((r, position) => ({ name: r.name, kind: "FLAT" as const, amountMinor: r.amountMinor, position })) },
    },
  });
}
