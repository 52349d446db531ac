// The daily low-stock digest (decision 168): for a day, one email to each store owner who has
// not unsubscribed and whose store has active variants at or below their low-stock threshold
// (the seller dashboard's rule: stock <= lowStockThreshold on an active, not deleted product).
// Each message's key is `seller.low_stock_digest:<day>:<user>`, unique in MailMessage, so a second
// run for the same day (another process, a restart, the scheduler and a test) writes nothing new:
// a seller gets at most one digest a day. The mail worker sends them like every other message.
import "server-only";
import type { Db } from "@/server/db/client";
import { newId } from "@/server/db/ids";
import { lowStockDigestMail } from "./templates";
import { unsubscribePostUrl, unsubscribeUrl } from "./unsubscribe";

/** Variants a digest lists (the rest are counted). */
export const DIGEST_LIST_LIMIT = 50;

export const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

interface Row {
  storeId: string;
  storeName: string;
  userId: string;
  email: string;
  name: string;
  productTitle: string;
  variantTitle: string;
  sku: string;
  stock: number;
  lowStockThreshold: number;
}

/** Writes the day's digests (not sent yet: the worker sends them, from `now` on its own clock);
 * answers how many were new. */
export async function queueLowStockDigests(db: Db, day: string, appUrl: string, now: Date = new Date()): Promise<number> {
  if (!DAY_RE.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw new Error(`not a day: ${day}`);
  const rows = await db.$queryRaw<Row[]>`
    SELECT s.id AS "storeId", s.name AS "storeName", u.id AS "userId", u.email, u.name,
           p.title AS "productTitle", v.title AS "variantTitle", v.sku, v.stock, v."lowStockThreshold"
    FROM "Store" s
    JOIN "User" u ON u.id = s."ownerId"
    JOIN "Product" p ON p."storeId" = s.id
    JOIN "Variant" v ON v."productId" = p.id
    WHERE u."lowStockDigest" AND u."disabledAt" IS NULL
      AND p.status = 'ACTIVE' AND p."deletedAt" IS NULL AND v.stock <= v."lowStockThreshold"
      AND NOT EXISTS (SELECT 1 FROM "MailMessage" m WHERE m.key = 'seller.low_stock_digest:' || ${day} || ':' || u.id)
    ORDER BY s.id, v.stock, p.title, v.sku`;
  const byStore = new Map<string, Row[]>();
  for (const r of rows) byStore.set(r.storeId, [...(byStore.get(r.storeId) ?? []), r]);
  let created = 0;
  for (const list of byStore.values()) {
    const first = list[0]!;
    const m = await lowStockDigestMail({
      storeName: first.storeName,
      sellerName: first.name,
      day,
      variants: list.slice(0, DIGEST_LIST_LIMIT).map((r) => ({ productTitle: r.productTitle, variantTitle: r.variantTitle, sku: r.sku, stock: r.stock, lowStockThreshold: r.lowStockThreshold })),
      total: list.length,
      productsUrl: new URL("/seller/products", appUrl).toString(),
      unsubscribeUrl: unsubscribeUrl(first.userId, appUrl),
      settingsUrl: new URL("/seller/settings/email", appUrl).toString(),
    });
    const res = await db.mailMessage.createMany({
      data: [
        {
          id: newId(),
          key: `seller.low_stock_digest:${day}:${first.userId}`,
          kind: "seller.low_stock_digest",
          nextAttemptAt: now,
          to: first.email,
          subject: m.subject,
          text: m.text,
          html: m.html,
          // RFC 2369 and RFC 8058: mail clients show their own unsubscribe button, which POSTs.
          headers: { "List-Unsubscribe": `<${unsubscribePostUrl(first.userId, appUrl)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
        },
      ],
      skipDuplicates: true,
    });
    created += res.count;
  }
  return created;
}

/** The UTC day of an instant, YYYY-MM-DD. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
