// The order service's read cache: orders in the order event format (the JSON of
// test/fixtures/order-event.json), by order_uid, in a bounded LRU (lru-cache) with a TTL, so a
// step taken in another app instance (a shipment's track number) shows within `ttlMs`. Filled
// from the database at start (the newest orders) and by the consumer as it stores orders; a miss
// reads the database and fills the entry. Each entry also holds what access decisions need: the
// stores whose items the order holds.
import "server-only";
import { LRUCache } from "lru-cache";
import type { DbClient } from "@/server/db/transaction";
import { UNPLACED_STATUSES } from "@/shared/orders";
import { orderEventFromRows, orderEventSelect, type TOrderEvent } from "@/server/services/orders/order-event";

export interface CachedOrder {
  id: string;
  createdAt: Date;
  storeIds: string[];
  event: TOrderEvent;
}

const select = { ...orderEventSelect, id: true, createdAt: true, items: { ...orderEventSelect.items, select: { ...orderEventSelect.items.select, storeId: true } } };

export class OrderCache {
  private readonly lru: LRUCache<string, CachedOrder>;
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly db: DbClient,
    opts: { max?: number; ttlMs?: number } = {},
  ) {
    this.lru = new LRUCache({ max: opts.max ?? 10_000, ttl: opts.ttlMs ?? 60_000 });
  }

  get size(): number {
    return this.lru.size;
  }

  private static toCached(o: Awaited<ReturnType<typeof readOrders>>[number]): CachedOrder | null {
    if (!o.delivery || !o.payment) return null; // not an order the format can express
    return {
      id: o.id,
      createdAt: o.createdAt,
      storeIds: [...new Set(o.items.map((i) => i.storeId).filter((s): s is string => !!s))],
      event: orderEventFromRows(o),
    };
  }

  /** The newest `n` orders, read into the cache (at start). */
  async warm(n = Math.min(this.lru.max, 1000)): Promise<number> {
    const rows = await readOrders(this.db, { take: n });
    for (const r of rows.reverse()) {
      const c = OrderCache.toCached(r);
      if (c) this.lru.set(c.event.order_uid, c);
    }
    return rows.length;
  }

  /** Reads the order from the database into the cache (after the consumer stored it). */
  async refresh(orderUid: string): Promise<CachedOrder | null> {
    const [row] = await readOrders(this.db, { orderUids: [orderUid] });
    const c = row ? OrderCache.toCached(row) : null;
    if (c) this.lru.set(orderUid, c);
    else this.lru.delete(orderUid);
    return c;
  }

  forget(orderUid: string): void {
    this.lru.delete(orderUid);
  }

  peek(orderUid: string): CachedOrder | undefined {
    return this.lru.get(orderUid);
  }

  async get(orderUid: string): Promise<CachedOrder | null> {
    const hit = this.lru.get(orderUid);
    if (hit) {
      this.stats.hits++;
      return hit;
    }
    this.stats.misses++;
    return this.refresh(orderUid);
  }

  /** Several orders in the given order; misses read in one query. */
  async getMany(orderUids: readonly string[]): Promise<CachedOrder[]> {
    const missing = orderUids.filter((u) => !this.lru.has(u));
    if (missing.length) {
      for (const r of await readOrders(this.db, { orderUids: missing })) {
        const c = OrderCache.toCached(r);
        if (c) this.lru.set(c.event.order_uid, c);
      }
    }
    return orderUids.map((u) => this.lru.get(u)).filter((c): c is CachedOrder => !!c);
  }
}

function readOrders(db: DbClient, where: { take?: number; orderUids?: string[] }) {
  return db.order.findMany({
    // A card checkout is an order once it is placed (docs/api.md "Order lifecycle").
    where: { ...(where.orderUids ? { orderUid: { in: where.orderUids } } : {}), status: { notIn: [...UNPLACED_STATUSES] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: where.take,
    select,
  });
}
