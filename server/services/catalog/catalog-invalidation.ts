// How a committed change reaches the catalogue caches (decisions.md 126):
//  - in this process, synchronously, the moment the writer's transaction commits and before the
//    writer's `inTransaction` returns (`invalidateCatalogAfterCommit`, called where changes are
//    recorded: variant-change.ts for stock and price, recordEvents for every other outbox event,
//    and the order writers that put their events into their own statement);
//  - in every other process, through the invalidation bus (Redis pub/sub when REDIS_URL is set),
//    published right after the commit; the writer's `inTransaction` waits for the publish;
//  - and again from the outbox: the relay forgets and publishes the tags of every batch it claims
//    (server/realtime/relay.ts), which covers writers that could not publish (another process
//    without the bus, such as the CLI without Redis, or a publish that failed) at least once.
import "server-only";
import { afterCommit, type Tx } from "@/server/db/transaction";
import { env } from "@/server/env";
import { logger } from "@/server/observability/logger";
import type { EventName, OutboxPayload } from "@/shared/events";
import { OUTBOX_EVENTS } from "@/shared/events";
import { eventTags } from "./catalog-tags";
import { createRedisBus, localBus, type CatalogInvalidationBus } from "./invalidation-bus";

/** A cache of this process, told of every commit of this process directly. */
export interface LocalReceiver {
  invalidate(tags: readonly string[], origin: "commit" | "relay"): void;
}

interface State {
  receivers: Set<LocalReceiver>;
  bus: CatalogInvalidationBus | null;
}
// On globalThis: Next.js bundles this module into several chunks, which must share one state.
const g = globalThis as unknown as { __livemarketCatalogInvalidation?: State };
const state: State = (g.__livemarketCatalogInvalidation ??= { receivers: new Set(), bus: null });

/** The bus this process publishes on and its caches listen to: the one installed with
 * setCatalogInvalidationBus, else Redis when REDIS_URL is set, else the local (no-op) bus. */
export function getCatalogInvalidationBus(): CatalogInvalidationBus {
  return (state.bus ??= env.REDIS_URL ? createRedisBus({ redisUrl: env.REDIS_URL }) : localBus);
}

/** Installs another bus (tests; a later IPC bus between worker processes). Caches created before
 * keep the bus they were made with. Returns the previous one, which the caller may close. */
export function setCatalogInvalidationBus(bus: CatalogInvalidationBus | null): CatalogInvalidationBus | null {
  const previous = state.bus;
  state.bus = bus;
  return previous;
}

/** Closes the bus (a process that is done: the CLI, tests); the next use makes a new one. */
export async function closeCatalogInvalidationBus(): Promise<void> {
  const bus = state.bus;
  state.bus = null;
  await bus?.close();
}

export function joinLocalInvalidation(receiver: LocalReceiver): () => void {
  state.receivers.add(receiver);
  return () => state.receivers.delete(receiver);
}

/** Forgets `tags` in every cache of this process now, and publishes them to the other processes;
 * resolves when the bus took them, rejects when it could not. */
export function invalidateCatalog(tags: readonly string[], origin: "commit" | "relay" = "commit"): Promise<void> {
  if (tags.length === 0) return Promise.resolve();
  for (const r of state.receivers) r.invalidate(tags, origin);
  return getCatalogInvalidationBus().publish(tags);
}

let publishFailing = false;
/** The same after a commit: a failed publish is logged (once per outage), not thrown; the relay
 * publishes the change's tags again when it claims its outbox rows. */
export function invalidateCommitted(tags: readonly string[]): Promise<void> {
  return invalidateCatalog(tags).then(
    () => {
      publishFailing = false;
    },
    (err: unknown) => {
      if (!publishFailing) logger.warn("catalog cache: could not publish a commit's invalidation; the outbox relay will", { err });
      publishFailing = true;
    },
  );
}

const pendingOf = new WeakMap<Tx, Set<string>>();

/** Forgets `tags` once `tx` commits (never if it rolls back): in this process before the writer's
 * `inTransaction` returns, in the others through the bus, which `inTransaction` waits for. Several
 * calls in one transaction make one invalidation. */
export function invalidateCatalogAfterCommit(tx: Tx, tags: Iterable<string>): void {
  let pending = pendingOf.get(tx);
  const fresh = !pending;
  pending ??= new Set();
  for (const t of tags) pending.add(t);
  if (!fresh || pending.size === 0) return;
  pendingOf.set(tx, pending);
  const collected = pending;
  afterCommit(tx, () => {
    pendingOf.delete(tx);
    return invalidateCommitted([...collected]);
  });
}

/** The tags of outbox events as recorded (topic and payload). Unknown or unreadable events are
 * skipped here: the relay parks them, and they describe nothing a page shows. */
export function tagsOfEvents(events: readonly { topic: string; payload: unknown }[]): string[] {
  const tags = new Set<string>();
  for (const e of events) {
    if (!Object.hasOwn(OUTBOX_EVENTS, e.topic)) continue;
    const topic = e.topic as EventName;
    const parsed = OUTBOX_EVENTS[topic].safeParse(e.payload);
    if (!parsed.success) continue;
    for (const t of eventTags(topic, parsed.data as OutboxPayload<typeof topic>)) tags.add(t);
  }
  return [...tags];
}
