// What tests of the whole router share (the access matrix, the input fuzz test): which
// procedures there are and what guards them, calling one by its path as a given user, how a call
// was refused, and a digest of the rows procedures can write ("nothing changed").
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/unstable-core-do-not-import";
import type { Session } from "next-auth";
import { appRouter, type createCaller } from "@/server/api/root";
import { adminProcedure, platformOwnerProcedure, protectedProcedure, sellerProcedure, storeOwnerProcedure } from "@/server/api/trpc";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";

export type Role = "CUSTOMER" | "SELLER" | "ADMIN";
export type Caller = ReturnType<typeof createCaller>;
export type Kind = "seller" | "admin" | "signed-in" | "public";

// ---------------------------------------------------------------------------------------------
// Which procedures are seller-only or admin-only: read from the middlewares each one runs.

function middlewaresOf(p: unknown): unknown[] {
  return (p as { _def: { middlewares: unknown[] } })._def.middlewares;
}
// The Owner procedures (keys, webhooks) run the same guards in their own middleware.
const SELLER_GUARDS = [middlewaresOf(sellerProcedure).at(-1), middlewaresOf(storeOwnerProcedure).at(-1)];
const ADMIN_GUARDS = [middlewaresOf(adminProcedure).at(-1), middlewaresOf(platformOwnerProcedure).at(-1)];
const SIGNED_IN_GUARD = middlewaresOf(protectedProcedure).at(-1);

export function procedureKinds(): Record<string, Kind> {
  const procedures = (appRouter._def as unknown as { procedures: Record<string, unknown> }).procedures;
  const out: Record<string, Kind> = {};
  for (const [path, p] of Object.entries(procedures)) {
    const mws = middlewaresOf(p);
    out[path] = SELLER_GUARDS.some((g) => mws.includes(g)) ? "seller" : ADMIN_GUARDS.some((g) => mws.includes(g)) ? "admin" : mws.includes(SIGNED_IN_GUARD) ? "signed-in" : "public";
  }
  return out;
}


export function sessionFor(u: { id: string; name: string; email: string }, role: Role, mfa: Session["user"]["mfa"] = "not-enrolled"): Session {
  return { user: { id: u.id, name: u.name, email: u.email, role, mfa }, expires: new Date(Date.now() + 3_600_000).toISOString() };
}

/** Calls `path` ("seller.orders.byId") on a caller, as the app would. */
export function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (i?: unknown) => Promise<unknown>;
  return fn(input);
}

/** How a call was refused; code "ALLOWED" when it was not refused at all. */
export async function refusal(p: Promise<unknown>): Promise<{ code: TRPC_ERROR_CODE_KEY | "ALLOWED"; appCode?: string; fieldErrors?: Record<string, string[]> }> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    const cause = err.cause instanceof AppError ? err.cause : undefined;
    return { code: err.code, appCode: cause?.code, fieldErrors: cause?.fieldErrors };
  }
  return { code: "ALLOWED" };
}

// ---------------------------------------------------------------------------------------------
// What "nothing changed" means: a digest of every row a seller or admin procedure can write,
// per table, for the whole database or for one store's rows only.

export const DIGESTS: Record<string, string> = {
  Product: `SELECT md5(coalesce(string_agg(concat_ws('|', id, "storeId", slug, title, description, brand, status, version, "deletedAt", "updatedAt", "categoryId", images::text), ',' ORDER BY id), '')) AS h
            FROM "Product" WHERE ($1::text IS NULL OR "storeId" = $1)`,
  Variant: `SELECT md5(coalesce(string_agg(concat_ws('|', v.id, v.sku, v.title, v.options::text, v.stock, v."priceMinor", v.currency, v."lowStockThreshold", v.version, v.position, v."updatedAt"), ',' ORDER BY v.id), '')) AS h
            FROM "Variant" v JOIN "Product" p ON p.id = v."productId" WHERE ($1::text IS NULL OR p."storeId" = $1)`,
  InventoryMovement: `SELECT md5(coalesce(string_agg(m.id, ',' ORDER BY m.id), '')) AS h
            FROM "InventoryMovement" m JOIN "Variant" v ON v.id = m."variantId" JOIN "Product" p ON p.id = v."productId" WHERE ($1::text IS NULL OR p."storeId" = $1)`,
  Order: `SELECT md5(coalesce(string_agg(concat_ws('|', o.id, o.status, o.version, o."updatedAt"), ',' ORDER BY o.id), '')) AS h
            FROM "Order" o WHERE ($1::text IS NULL OR EXISTS (SELECT 1 FROM "OrderItem" i WHERE i."orderId" = o.id AND i."storeId" = $1))`,
  OrderItem: `SELECT md5(coalesce(string_agg(concat_ws('|', id, "trackNumber", status, quantity), ',' ORDER BY id), '')) AS h
            FROM "OrderItem" WHERE ($1::text IS NULL OR "storeId" = $1)`,
  Shipment: `SELECT md5(coalesce(string_agg(concat_ws('|', id, status, version, carrier, "trackingNumber", "shippedAt", "deliveredAt"), ',' ORDER BY id), '')) AS h
            FROM "Shipment" WHERE ($1::text IS NULL OR "storeId" = $1)`,
  OrderStatusHistory: `SELECT md5(coalesce(string_agg(id, ',' ORDER BY id), '')) AS h FROM "OrderStatusHistory" WHERE ($1::text IS NULL OR "storeId" = $1)`,
  Payment: `SELECT md5(coalesce(string_agg(concat_ws('|', y.id, y.status, y."refundedMinor", y."updatedAt"), ',' ORDER BY y.id), '')) AS h
            FROM "Payment" y WHERE $1::text IS NULL`,
  User: `SELECT md5(coalesce(string_agg(concat_ws('|', id, role, "disabledAt", name, email), ',' ORDER BY id), '')) AS h FROM "User" WHERE $1::text IS NULL`,
  Store: `SELECT md5(coalesce(string_agg(concat_ws('|', id, "ownerId", slug, name, "pricesIncludeTax"), ',' ORDER BY id), '')) AS h FROM "Store" WHERE ($1::text IS NULL OR id = $1)`,
  TaxRate: `SELECT md5(coalesce(string_agg(concat_ws('|', id, country, "regionKey", name, "ratePpm", "appliesToShipping", "updatedAt"), ',' ORDER BY id), '')) AS h FROM "TaxRate" WHERE $1::text IS NULL`,
  ApiKey: `SELECT md5(coalesce(string_agg(concat_ws('|', id, "storeId", name, prefix, "secretHash", scopes::text, "expiresAt", "revokedAt"), ',' ORDER BY id), '')) AS h
            FROM "ApiKey" WHERE ($1::text IS NULL OR "storeId" = $1)`,
  Review: `SELECT md5(coalesce(string_agg(concat_ws('|', r.id, r.rating, r.body, r."replyBody", r."hiddenAt", r."updatedAt"), ',' ORDER BY r.id), '')) AS h
            FROM "Review" r JOIN "Product" p ON p.id = r."productId" WHERE ($1::text IS NULL OR p."storeId" = $1)`,
  ShippingZone: `SELECT md5(coalesce(string_agg(concat_ws('|', id, "storeId", name, countries::text, regions::text, "restOfWorld", "updatedAt"), ',' ORDER BY id), '')) AS h
            FROM "ShippingZone" WHERE ($1::text IS NULL OR "storeId" = $1)`,
  ShippingRate: `SELECT md5(coalesce(string_agg(concat_ws('|', r.id, r.name, r.kind, r."amountMinor", r."perKgMinor", r.tiers::text, r."freeAboveMinor", r.position, r."updatedAt"), ',' ORDER BY r.id), '')) AS h
            FROM "ShippingRate" r JOIN "ShippingZone" z ON z.id = r."zoneId" WHERE ($1::text IS NULL OR z."storeId" = $1)`,
  AuditLog: `SELECT md5(coalesce(string_agg(id, ',' ORDER BY id), '')) AS h FROM "AuditLog" WHERE $1::text IS NULL`,
  OutboxEvent: `SELECT md5(coalesce(string_agg(id::text, ',' ORDER BY id), '')) AS h FROM "OutboxEvent" WHERE $1::text IS NULL`,
  WebhookEndpoint: `SELECT md5(coalesce(string_agg(concat_ws('|', id, url, topics::text, "disabledAt", "failingSince", "updatedAt"), ',' ORDER BY id), '')) AS h
            FROM "WebhookEndpoint" WHERE ($1::text IS NULL OR "storeId" = $1)`,
  WebhookDelivery: `SELECT md5(coalesce(string_agg(concat_ws('|', d.id, d.status, d."nextAttemptAt", d."giveUpAt"), ',' ORDER BY d.id), '')) AS h
            FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e.id = d."endpointId" WHERE ($1::text IS NULL OR e."storeId" = $1)`,
};

export async function digest(db: Db, storeId: string | null = null): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, sql] of Object.entries(DIGESTS)) {
    const [row] = await db.$queryRawUnsafe<{ h: string }[]>(sql, storeId);
    out[table] = row!.h;
  }
  return out;
}

