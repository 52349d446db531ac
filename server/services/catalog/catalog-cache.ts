// The catalogue read cache (issue 13; decisions.md 124-128). Public catalogue answers (list,
// search, featured, product page, categories) are kept in process memory, keyed by the read and
// its input after validation, and tagged with what they show (catalog-tags.ts). An answer is
// served from memory only while nothing it shows has changed since it was read:
//  - every committed change invalidates its tags before the writer's transaction call returns
//    (catalog-invalidation.ts), in this process synchronously and in others through the bus;
//  - a read that started before a change and finishes after it is not stored (each tag remembers
//    the sequence number of its last invalidation; an answer is stored only if none of its tags,
//    nor the whole cache, was invalidated after the read began);
//  - while the bus cannot vouch for its feed (Redis subscriber down or not yet subscribed), no
//    answer is served from memory or stored; when it is back the cache starts empty.
// The age limit (CATALOG_CACHE_TTL_SECONDS) is only a safety net. Answers are frozen: every
// caller shares the same objects.
import "server-only";
import { LRUCache } from "lru-cache";
import { env } from "@/server/env";
import { metrics } from "@/server/observability/metrics";
import { ALL_TAG } from "./catalog-tags";
import { getCatalogInvalidationBus, joinLocalInvalidation } from "./catalog-invalidation";
import type { CatalogInvalidationBus } from "./invalidation-bus";

export type CatalogRead = "list" | "search" | "featured" | "bySlug" | "categories";
export const CATALOG_READS: readonly CatalogRead[] = ["list", "search", "featured", "bySlug", "categories"];

export interface CatalogCacheOptions {
  /** Answers kept at most (least recently used go first); 0 turns the cache off. */
  maxEntries?: number;
  /** Age after which an answer is read again anyway; 0 = none. */
  ttlMs?: number;
  /** Estimated bytes all answers may take (see `sizeOf`). */
  maxBytes?: number;
  /** Where other processes' invalidations come from (default: the process's bus). */
  bus?: CatalogInvalidationBus;
  /** Hear this process's commits directly (default true; false only to stand for another
   * process in tests). */
  joinProcess?: boolean;
  /** How many tags remember their last invalidation; past that they are forgotten together and
   * every stored answer counts as invalidated (a flush, not a risk). */
  maxTags?: number;
  /** Tests: runs after a miss read its answer and before it is stored. */
  beforeStore?: (read: CatalogRead, key: string) => Promise<void> | void;
}

interface Entry {
  value: unknown;
  tags: readonly string[];
  /** The invalidation sequence when the read that made it began. */
  seq: number;
  /** Estimated bytes (`sizeOf`). */
  size: number;
}

/** An answer's memory, estimated: its JSON length times 3 (the objects themselves, the superjson
 * or JSON form kept beside them, and their overhead). Computed once, when it is stored. */
function sizeOf(value: unknown): number {
  return Math.max(1, (JSON.stringify(value)?.length ?? 0) * 3);
}

export class CatalogCache {
  readonly enabled: boolean;
  private readonly lru: LRUCache<string, Entry> | null;
  private readonly bus: CatalogInvalidationBus;
  private readonly maxTags: number;
  private readonly beforeStore: CatalogCacheOptions["beforeStore"];
  private readonly leave: (() => void)[] = [];
  /** Grows by one with every invalidation. */
  private seq = 0;
  /** Everything stored before this sequence is invalid (a reset, or forgotten tags). */
  private floor = 0;
  /** Each tag's last invalidation. */
  private readonly tagSeq = new Map<string, number>();

  constructor(opts: CatalogCacheOptions = {}) {
    const max = opts.maxEntries ?? env.CATALOG_CACHE_MAX_ENTRIES;
    const ttl = opts.ttlMs ?? env.CATALOG_CACHE_TTL_SECONDS * 1000;
    const maxSize = opts.maxBytes ?? env.CATALOG_CACHE_MAX_MB * 1024 * 1024;
    this.enabled = max > 0;
    this.lru = this.enabled ? new LRUCache<string, Entry>({ max, maxSize, sizeCalculation: (e) => e.size, ...(ttl > 0 ? { ttl } : {}) }) : null;
    this.bus = opts.bus ?? getCatalogInvalidationBus();
    this.maxTags = opts.maxTags ?? 100_000;
    this.beforeStore = opts.beforeStore;
    if (!this.enabled) return;
    if (this.bus.healthy()) metrics.catalogCacheFeed.set(1);
    if (opts.joinProcess !== false) this.leave.push(joinLocalInvalidation({ invalidate: (tags, origin) => this.invalidate(tags, origin) }));
    this.leave.push(this.bus.subscribe({ invalidate: (tags, origin) => this.invalidate(tags, origin), reset: () => this.reset() }));
  }

  /** Stops listening (tests, or a cache replaced by another). */
  close(): void {
    for (const f of this.leave.splice(0)) f();
    this.lru?.clear();
  }

  get size(): number {
    return this.lru?.size ?? 0;
  }

  /** Marks `tags` changed now: stored answers showing any of them are dropped on their next
   * lookup, and reads under way that show any of them are not stored. */
  invalidate(tags: readonly string[], origin: "commit" | "bus" | "relay" = "commit"): void {
    if (!this.enabled || tags.length === 0) return;
    metrics.catalogCacheInvalidations.inc({ origin });
    if (tags.includes(ALL_TAG)) return this.reset();
    const s = ++this.seq;
    for (const t of tags) this.tagSeq.set(t, s);
    if (this.tagSeq.size > this.maxTags) {
      // Forget every tag's sequence: each now counts as invalidated at `s`.
      this.tagSeq.clear();
      this.floor = s;
    }
  }

  /** Everything invalid: stored answers and reads under way. */
  reset(): void {
    if (!this.enabled) return;
    this.floor = ++this.seq;
    this.tagSeq.clear();
    this.lru!.clear();
  }

  /** Whether any of `tags` (or everything) was invalidated after sequence `since`. */
  private changedSince(tags: readonly string[], since: number): boolean {
    if (this.floor > since) return true;
    for (const t of tags) if ((this.tagSeq.get(t) ?? 0) > since) return true;
    return false;
  }

  /** The stored answer for `key` if it is still valid (counted as a hit); a stale one is dropped. */
  private validHit(read: CatalogRead, key: string): Entry | undefined {
    const hit = this.lru!.get(key);
    if (!hit) return undefined;
    if (this.changedSince(hit.tags, hit.seq)) {
      this.lru!.delete(key);
      return undefined;
    }
    metrics.catalogCacheLookups.inc({ read, result: "hit" });
    return hit;
  }

  /**
   * The stored answer for `key` when it may be served now, without reading anything (the fast
   * lane's question: server/http/catalog-lane.ts): under the same rules as `read` (the bus vouches
   * for its feed, nothing it shows changed since it was read). Undefined otherwise; nothing is
   * counted then, since the caller goes on to `read`, which counts the miss or bypass.
   */
  async peek(read: CatalogRead, key: string): Promise<{ value: unknown } | undefined> {
    if (!this.lru) return undefined;
    const synced = this.bus.sync();
    if (synced !== true && !(await synced)) return undefined;
    const hit = this.validHit(read, key);
    return hit ? { value: hit.value } : undefined;
  }

  /**
   * The answer of `read` for `key` (the read's name and its validated input): from memory when a
   * stored answer is still valid and the bus vouches for its feed, otherwise from `load`, stored
   * under `tagsOf(answer)` unless something it shows changed while it was being read. Failures
   * (a product not found) are never stored.
   */
  async read<T>(read: CatalogRead, key: string, load: () => Promise<T>, tagsOf: (value: T) => readonly string[]): Promise<T> {
    if (!this.lru) return load();
    const synced = this.bus.sync();
    if (synced !== true && !(await synced)) {
      metrics.catalogCacheLookups.inc({ read, result: "bypass" });
      return load();
    }
    const hit = this.validHit(read, key);
    if (hit) return hit.value as T;
    metrics.catalogCacheLookups.inc({ read, result: "miss" });
    const began = this.seq;
    const value = await load();
    if (this.beforeStore) await this.beforeStore(read, key);
    const tags = tagsOf(value);
    // A change committed while we read, or a feed that went down meanwhile (its reset comes when
    // it is back): the answer is served to this caller (it began before) but not kept.
    if (this.changedSince(tags, began) || !this.bus.healthy()) {
      metrics.catalogCacheDiscarded.inc({ read });
      return value;
    }
    // An answer larger than the whole budget is not stored (lru-cache refuses it).
    this.lru.set(key, { value: deepFreeze(value), tags, seq: began, size: sizeOf(value) });
    if (value !== null && typeof value === "object") stored.add(value);
    return value;
  }
}

// --- Work done once per stored answer ----------------------------------------------------
// A stored answer is the same (frozen) object for every caller until it is invalidated, so what
// is derived from it alone (its superjson form for tRPC) is computed once and remembered beside it.

// On globalThis, like the caches: Next.js may load this module more than once (decision 124).
const gd = globalThis as unknown as { __livemarketCatalogDerived?: { stored: WeakSet<object>; derived: WeakMap<object, Map<string, unknown>> } };
const { stored, derived } = (gd.__livemarketCatalogDerived ??= { stored: new WeakSet(), derived: new WeakMap() });

/** `make(value)`, computed once per stored answer under `kind`; for any other value, every time. */
export function derivedOnce<R>(value: unknown, kind: string, make: () => R): R {
  if (value === null || typeof value !== "object" || !stored.has(value)) return make();
  let forms = derived.get(value);
  if (!forms) derived.set(value, (forms = new Map()));
  if (!forms.has(kind)) forms.set(kind, make());
  return forms.get(kind) as R;
}

/** Frozen all the way down, so no caller can change what the next one is served. */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value) || value instanceof Date) return value;
  Object.freeze(value);
  for (const v of Object.values(value as object)) deepFreeze(v);
  return value;
}

// --- One cache per database client --------------------------------------------------------
// The app has one client, so one cache; tests open several databases in one process, and each
// gets its own cache (answers of one database are never served for another).

const g = globalThis as unknown as { __livemarketCatalogCaches?: WeakMap<object, CatalogCache> };
const caches = (g.__livemarketCatalogCaches ??= new WeakMap());

export function catalogCacheFor(db: object): CatalogCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new CatalogCache()));
  return c;
}

/** Installs `cache` for `db` (tests: one with a test hook or another bus); closes the previous. */
export function setCatalogCacheFor(db: object, cache: CatalogCache | null): void {
  caches.get(db)?.close();
  if (cache) caches.set(db, cache);
  else caches.delete(db);
}
