// How the app hands realtime messages to the sidecars.
// - Production (REDIS_URL), by default: appended to the Redis stream every sidecar's Redis
//   Streams adapter reads (server/realtime/streams.ts), so a message published once reaches the
//   sockets of every sidecar, and a sidecar that lost Redis for a while reads on from where it was.
// - REALTIME_REDIS_ADAPTER=pubsub: the Socket.IO Redis emitter, for sidecars on the pub/sub Redis
//   adapter (no recovery of missed events; decision 186).
// - Embedded default: an HTTP POST to the local sidecar's /internal/publish, which accepts only
//   loopback callers holding the internal publish key (server/realtime/tokens.ts).
// publish() resolves only when the message was handed over, so the relay can keep the outbox
// row for a retry when it was not.
import "server-only";
import { Emitter } from "@socket.io/redis-emitter";
import { Redis } from "ioredis";
import { requestIdHeaders } from "@/server/observability/request-context";
import type { RealtimeMessage } from "@/shared/events";
import { STREAM_MAX_LEN, STREAM_NAME, broadcastEntry, disconnectEntry, serverSideEntry } from "./streams";
import { INTERNAL_PUBLISH_PATH, REVOKED_SESSIONS_EVENT, ROOM_TOKEN_TTL_MS, revokedSessionKey } from "./tokens";

export interface Publisher {
  readonly kind: "redis" | "redis-streams" | "http";
  publish(messages: RealtimeMessage[]): Promise<void>;
  close(): Promise<void>;
}

export function createHttpPublisher(opts: { sidecarUrl: string; key: string; timeoutMs?: number }): Publisher {
  const url = new URL(INTERNAL_PUBLISH_PATH, opts.sidecarUrl).toString();
  return {
    kind: "http",
    async publish(messages) {
      if (messages.length === 0) return;
      const res = await fetch(url, {
        method: "POST",
        // The request (or relay batch) id goes along, so the sidecar's log lines name it.
        headers: { "content-type": "application/json", authorization: `Bearer ${opts.key}`, ...requestIdHeaders() },
        body: JSON.stringify({ messages }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 3000),
      });
      if (!res.ok) throw new Error(`sidecar answered ${res.status} to a publish`);
      await res.body?.cancel();
    },
    async close() {},
  };
}

export function createRedisPublisher(opts: { redisUrl: string; adapter?: "streams" | "pubsub" }): Publisher {
  if ((opts.adapter ?? "streams") === "streams") return createStreamsPublisher(opts);
  // A connection of its own, failing fast while Redis is away (no offline queue): the outbox
  // keeps the events and the relay retries, instead of requests piling up in memory.
  const redis = new Redis(opts.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  redis.on("error", () => {
    // Reported by the relay, once per outage, when a publish fails.
  });
  let pending: Promise<unknown>[] = [];
  // The emitter fires publish() and forgets the promise; this shim collects it.
  const client = {
    publish(channel: string, message: string | Buffer) {
      const p = redis.publish(channel, message);
      pending.push(p);
      return p;
    },
  };
  const emitter = new Emitter(client);
  return {
    kind: "redis",
    async publish(messages) {
      if (messages.length === 0) return;
      if (redis.status !== "ready") throw new Error(`redis is ${redis.status}`);
      pending = [];
      const revoked: string[] = [];
      for (const m of messages) {
        if ("disconnect" in m) {
          revoked.push(...m.rooms.filter((r) => r.startsWith("session:")).map((r) => r.slice("session:".length)));
          emitter.in(m.rooms).disconnectSockets(true);
        } else emitter.to(m.rooms).emit(m.event, m.payload);
      }
      if (revoked.length) {
        // Every sidecar remembers them now, and Redis keeps them for a token's lifetime (a
        // sidecar started later asks it), so their room tokens open nothing any more.
        emitter.serverSideEmit(REVOKED_SESSIONS_EVENT, revoked);
        const multi = redis.multi();
        for (const sid of revoked) multi.set(revokedSessionKey(sid), "1", "PX", ROOM_TOKEN_TTL_MS);
        pending.push(multi.exec());
      }
      const sent = pending;
      pending = [];
      await Promise.all(sent);
    },
    async close() {
      redis.disconnect();
    },
  };
}

/** The Redis Streams transport: one MULTI appending every message to the stream (and keeping
 * revoked sessions), resolved once Redis has them, so the outbox keeps what Redis did not take. */
function createStreamsPublisher(opts: { redisUrl: string }): Publisher {
  // Fails fast while Redis is away (no offline queue), as the emitter's connection does.
  const redis = new Redis(opts.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on("error", () => {
    // Reported by the relay, once per outage, when a publish fails.
  });
  const xadd = (multi: ReturnType<Redis["multi"]>, f: Record<string, string>) =>
    multi.xadd(STREAM_NAME, "MAXLEN", "~", STREAM_MAX_LEN, "*", ...Object.entries(f).flat());
  return {
    kind: "redis-streams",
    async publish(messages) {
      if (messages.length === 0) return;
      if (redis.status !== "ready") throw new Error(`redis is ${redis.status}`);
      const multi = redis.multi();
      const revoked: string[] = [];
      for (const m of messages) {
        if ("disconnect" in m) {
          revoked.push(...m.rooms.filter((r) => r.startsWith("session:")).map((r) => r.slice("session:".length)));
          xadd(multi, disconnectEntry(m.rooms));
        } else xadd(multi, broadcastEntry(m.rooms, m.event, m.payload));
      }
      if (revoked.length) {
        xadd(multi, serverSideEntry(REVOKED_SESSIONS_EVENT, revoked));
        for (const sid of revoked) multi.set(revokedSessionKey(sid), "1", "PX", ROOM_TOKEN_TTL_MS);
      }
      const results = await multi.exec();
      const failed = results?.find(([err]) => err);
      if (!results || failed) throw failed?.[0] ?? new Error("redis discarded the publish");
    },
    async close() {
      redis.disconnect();
    },
  };
}
