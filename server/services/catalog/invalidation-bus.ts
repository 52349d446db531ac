// How catalogue invalidations travel between processes (decisions.md 126). A bus carries the tags
// one process forgot to every other process's caches, and says whether its feed can be trusted
// right now: a cache serves stored answers only while `sync()` says every invalidation published
// before the call has reached it. Two buses here: `localBus` (one process: nothing to carry) and
// the Redis pub/sub bus (`createRedisBus`, used when REDIS_URL is set). A later bus (IPC between
// worker processes of one machine) implements the same interface and is installed with
// `setCatalogInvalidationBus` (catalog-invalidation.ts).
import "server-only";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { logger as defaultLogger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";

/** What a bus delivers to a cache. */
export interface InvalidationReceiver {
  /** Another process committed changes touching these tags. */
  invalidate(tags: readonly string[], origin: "bus"): void;
  /** The feed was interrupted (invalidations may have been missed): forget everything. */
  reset(): void;
}

export interface CatalogInvalidationBus {
  readonly kind: string;
  /** Sends `tags` to every other process; resolves once the transport has taken them (for Redis:
   * PUBLISH answered, so every subscriber's connection holds the message), rejects if it could not. */
  publish(tags: readonly string[]): Promise<void>;
  /** Starts delivering other processes' invalidations (and resets) to `receiver`. */
  subscribe(receiver: InvalidationReceiver): () => void;
  /**
   * Whether a cache may serve a stored answer now: true once every invalidation published before
   * this call (by any process) has been delivered to the receivers; false when that cannot be
   * known (the feed is down or not yet subscribed). Synchronous when the answer is immediate.
   */
  sync(): boolean | Promise<boolean>;
  /** Whether the feed is up now (no barrier): a read that finishes while it is down is not stored. */
  healthy(): boolean;
  close(): Promise<void>;
}

/** One process: every cache hears every commit directly, nothing travels. */
export const localBus: CatalogInvalidationBus = {
  kind: "local",
  publish: () => Promise.resolve(),
  subscribe: () => () => undefined,
  sync: () => true,
  healthy: () => true,
  close: () => Promise.resolve(),
};

export const CATALOG_INVALIDATION_CHANNEL = "livemarket:catalog:invalidate";

interface Message {
  /** The publishing bus (a process ignores its own messages: it applied them when it committed). */
  o: string;
  t: readonly string[];
}

export interface RedisBusOptions {
  redisUrl: string;
  channel?: string;
  /** How long `sync()` waits for Redis to answer before the read goes to the database (and the
   * subscriber connection is dropped and made again, which resets the caches). */
  syncTimeoutMs?: number;
  logger?: Pick<typeof defaultLogger, "info" | "warn" | "error">;
}

/**
 * Redis pub/sub. Publishing uses a fail-fast connection (no offline queue, short timeouts: a
 * writer never waits long for Redis). Receiving uses a subscriber connection that is trusted only
 * from the moment its SUBSCRIBE is acknowledged until it closes: every (re)subscription resets the
 * caches first (what was published while it was away is unknown), and while it is not subscribed
 * `sync()` answers false so caches read through to the database.
 *
 * `sync()` is a read barrier: a PING on the subscriber connection. Redis answers it after every
 * message it had already sent on that connection, and the client handles replies in order, so when
 * the PONG arrives every invalidation whose PUBLISH completed before the PING was sent has been
 * applied. Reads waiting at the same moment share one PING. A PING that fails or times out drops
 * the connection (it reconnects and resets), so a silent connection cannot keep serving.
 */
export interface RedisBus extends CatalogInvalidationBus {
  /** The subscriber connection's CLIENT SETNAME (operators can find it in CLIENT LIST). */
  readonly connectionName: string;
  /** Resolves once the feed is up (subscribed), now or at the next (re)subscription. */
  ready(): Promise<void>;
}

export function createRedisBus(opts: RedisBusOptions): RedisBus {
  const channel = opts.channel ?? CATALOG_INVALIDATION_CHANNEL;
  const log = opts.logger ?? defaultLogger;
  const origin = randomUUID();
  const syncTimeoutMs = opts.syncTimeoutMs ?? 1000;
  const receivers = new Set<InvalidationReceiver>();

  let pub: Redis | null = null;
  let pubDown = false;
  const publisher = () =>
    (pub ??= (() => {
      const r = new Redis(opts.redisUrl, {
        enableOfflineQueue: false,
        connectTimeout: 1000,
        commandTimeout: 500,
        maxRetriesPerRequest: 0,
        retryStrategy: (times) => Math.min(times * 200, 2000),
      });
      r.on("error", (err) => {
        if (!pubDown) log.warn("catalog cache: cannot publish invalidations to Redis (the outbox relay sends them again)", { err });
        pubDown = true;
      });
      r.on("ready", () => (pubDown = false));
      return r;
    })());

  let sub: Redis | null = null;
  let subscribed = false;
  let closed = false;
  let everSubscribed = false;
  let nextSync: Promise<boolean> | null = null;
  let waiters: (() => void)[] = [];
  const connectionName = `livemarket-catalog-${origin.slice(0, 8)}`;

  function setHealthy(value: boolean) {
    subscribed = value;
    metrics.catalogCacheFeed.set(value ? 1 : 0);
    if (value) for (const w of waiters.splice(0)) w();
  }

  function startSubscriber(): Redis {
    const r = new Redis(opts.redisUrl, {
      // Subscriptions are made again by hand on every `ready` (below), so that the caches are
      // reset before the feed is trusted again; nothing is queued or re-sent while disconnected.
      autoResubscribe: false,
      autoResendUnfulfilledCommands: false,
      connectionName,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    let down = false;
    r.on("error", (err) => {
      if (!down && !closed) log.error("catalog cache: invalidation feed (Redis) unavailable; catalogue reads go to the database until it is back", { err });
      down = true;
    });
    r.on("close", () => setHealthy(false));
    r.on("ready", () => {
      r.subscribe(channel).then(
        () => {
          // Anything published while we were not subscribed is lost to us: start empty.
          for (const rec of receivers) rec.reset();
          setHealthy(true);
          if (down || everSubscribed) log.info("catalog cache: invalidation feed (Redis) back; caches were emptied");
          down = false;
          everSubscribed = true;
        },
        (err: unknown) => {
          log.warn("catalog cache: could not subscribe to invalidations; retrying", { err });
          r.disconnect(true);
        },
      );
    });
    r.on("message", (ch: string, raw: string) => {
      if (ch !== channel) return;
      let msg: Message;
      try {
        msg = JSON.parse(raw) as Message;
      } catch {
        return;
      }
      if (msg.o === origin || !Array.isArray(msg.t)) return;
      const tags = msg.t.filter((t): t is string => typeof t === "string");
      for (const rec of receivers) rec.invalidate(tags, "bus");
    });
    return r;
  }

  function ping(): Promise<boolean> {
    const r = sub;
    if (!r || !subscribed) return Promise.resolve(false);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to PING within ${syncTimeoutMs} ms`)), syncTimeoutMs);
    });
    return Promise.race([r.ping(), timeout])
      .then(() => subscribed && sub === r)
      .catch((err: unknown) => {
        if (!closed && subscribed && sub === r) {
          log.warn("catalog cache: invalidation feed did not answer; reconnecting (caches are emptied)", { err });
          setHealthy(false);
          r.disconnect(true);
        }
        return false;
      })
      .finally(() => clearTimeout(timer));
  }

  /** The publishing connection, once connected: the first publish of a process waits for the
   * connection (at most a second); while it is down, publishing fails at once. */
  async function connectedPublisher(): Promise<Redis> {
    const r = publisher();
    if (r.status === "ready" || pubDown) return r;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        r.off("ready", done);
        r.off("error", done);
        resolve();
      };
      const timer = setTimeout(done, 1000);
      r.once("ready", done);
      r.once("error", done);
    });
    return r;
  }

  return {
    kind: "redis",
    connectionName,
    healthy: () => subscribed,
    ready() {
      if (subscribed) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async publish(tags) {
      if (tags.length === 0) return;
      await (await connectedPublisher()).publish(channel, JSON.stringify({ o: origin, t: tags } satisfies Message));
    },
    subscribe(receiver) {
      receivers.add(receiver);
      if (!sub && !closed) sub = startSubscriber();
      return () => receivers.delete(receiver);
    },
    sync() {
      if (!subscribed) return false;
      // Callers arriving before the PING goes out share it; it goes out after them.
      return (nextSync ??= Promise.resolve().then(() => {
        nextSync = null;
        return ping();
      }));
    },
    async close() {
      closed = true;
      setHealthy(false);
      receivers.clear();
      waiters = [];
      await Promise.all([sub?.quit().catch(() => sub?.disconnect()), pub?.quit().catch(() => pub?.disconnect())]);
      sub = null;
      pub = null;
    },
  };
}
