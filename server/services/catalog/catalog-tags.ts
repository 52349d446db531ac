// What a catalogue answer shows, as tags, and which tags a committed change touches: the one
// vocabulary the catalogue cache (catalog-cache.ts) stores answers under and invalidation
// (catalog-invalidation.ts) forgets them by. decisions.md 125.
//
//   product:<id>  the answer shows this product (a card or the product page): any change to it
//                 (stock, price, threshold, title, images, variants, status, slug, category)
//   products      which products a list holds and in what order by creation or text: a product
//                 created, saved, published, unpublished, archived, re-categorised or imported
//   price         lists whose membership or order depends on prices (price sort, price range)
//   instock       lists filtered to products in stock: a variant's stock reached or left zero
//   stock         lists ordered by stock (the featured row): any stock change
//   sales         lists ordered by units sold (the featured row): an order placed or moved
//   rating        lists ordered by rating (the search's "rating" sort): a review written, edited,
//                 hidden or shown again
//   categories    the category tree
//   *             everything (a reset)
import "server-only";
import type { EventName, OutboxPayload } from "@/shared/events";

export const ALL_TAG = "*";
export const PRODUCTS_TAG = "products";
export const PRICE_TAG = "price";
export const IN_STOCK_TAG = "instock";
export const STOCK_TAG = "stock";
export const SALES_TAG = "sales";
export const CATEGORIES_TAG = "categories";
export const RATING_TAG = "rating";
export const productTag = (productId: string) => `product:${productId}`;

/** A variant's change as variant-change.ts returns it and its events carry it. */
export interface VariantChangeFacts {
  productId: string;
  /** Stock after the change and units moved (0: stock stayed). */
  stock: number;
  delta: number;
  priceMinor: number;
  previousPriceMinor: number;
}

/** The tags a committed variant change touches: its product always (what a card or page shows of
 * the variant changed: stock, price, currency, threshold or just its version); the price lists
 * when the price moved; the stock-ordered lists when stock moved, and the in-stock lists when it
 * reached or left zero. */
export function variantChangeTags(v: VariantChangeFacts): string[] {
  const tags = [productTag(v.productId)];
  if (v.priceMinor !== v.previousPriceMinor) tags.push(PRICE_TAG);
  if (v.delta !== 0) {
    tags.push(STOCK_TAG);
    if (v.stock === 0 !== (v.stock - v.delta === 0)) tags.push(IN_STOCK_TAG);
  }
  return tags;
}

/** The tags of every outbox event: the compiler refuses an event without an entry, so a new kind
 * of change cannot be forgotten here. */
const EVENT_TAGS: { [E in EventName]: (p: OutboxPayload<E>) => string[] } = {
  "stock.changed": (p) => variantChangeTags({ ...p, previousPriceMinor: p.priceMinor }),
  "price.changed": (p) => variantChangeTags({ ...p, delta: 0 }),
  // Created, saved (fields, variants added, renamed or removed), status changed, or imported.
  "product.updated": (p) => [productTag(p.productId), PRODUCTS_TAG],
  "order.placed": () => [SALES_TAG],
  "order.status_changed": () => [SALES_TAG],
  "session.revoked": () => [],
  // What a card or the product page shows of its reviews, and the lists ordered by rating.
  "rating.changed": (p) => [productTag(p.productId), RATING_TAG],
};

/** The tags an outbox event's change touches (its payload as recorded, already checked). */
export function eventTags<E extends EventName>(topic: E, payload: OutboxPayload<E>): string[] {
  return EVENT_TAGS[topic](payload);
}
