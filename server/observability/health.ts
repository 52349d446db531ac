// What /api/health and GET /ready report: each part the shop depends on, checked now with a
// short timeout, so an operator (or a load balancer) sees which one is down. The app can serve
// while its database answers (/api/health: 200); it is *ready* (/ready: 200) when every part is
// up, including the incoming order stream's consumer keeping up. GET /health only says the
// process answers (liveness: restart it when that fails, not when a dependency is away).
import "server-only";
import type { Redis } from "ioredis";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { getRedis } from "@/server/redis";
import { metrics, type GaugeProvider } from "./metrics";

export type PartState = "up" | "down" | "not used";

export interface Health {
  /** Every part is up. */
  ok: boolean;
  /** The app can serve requests (its database answers). */
  serving: boolean;
  /** This app process (a restart shows as a new pid). */
  pid: number;
  parts: {
    database: PartState;
    sidecar: PartState;
    redis: PartState;
    /** Events recorded but not yet handed to the sidecars, and how old the oldest is. */
    outbox: { state: PartState; pending: number; oldestSeconds: number | null };
  };
}

const TIMEOUT_MS = 1500;

function within<T>(p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), TIMEOUT_MS).unref())]);
}

async function state(check: () => Promise<unknown>): Promise<PartState> {
  try {
    await within(check());
    return "up";
  } catch {
    return "down";
  }
}

/** The sidecar this app hands events to: the local one embedded, SIDECAR_INTERNAL_URL when set.
 * With Redis and no internal URL the sidecars are elsewhere and report their own health. */
function sidecarHealthUrl(): string | null {
  if (env.SIDECAR_INTERNAL_URL) return new URL("/health", env.SIDECAR_INTERNAL_URL).toString();
  if (env.REDIS_URL) return null;
  return `http://127.0.0.1:${env.SIDECAR_PORT}/health`;
}

export async function checkHealth(
  db: Db,
  use: { sidecarUrl?: string | null; redis?: Pick<Redis, "ping"> | null; maxOutboxLagSeconds?: number } = {},
): Promise<Health> {
  const maxOutboxLag = use.maxOutboxLagSeconds ?? 60;
  const sidecarUrl = use.sidecarUrl !== undefined ? use.sidecarUrl : sidecarHealthUrl();
  const redis = use.redis !== undefined ? use.redis : getRedis();
  const [database, sidecar, redisState, outboxRows] = await Promise.all([
    state(() => db.$queryRaw`SELECT 1`),
    sidecarUrl
      ? state(async () => {
          const res = await fetch(sidecarUrl, { signal: AbortSignal.timeout(TIMEOUT_MS) });
          if (!res.ok) throw new Error(`sidecar answered ${res.status}`);
        })
      : Promise.resolve<PartState>("not used"),
    redis ? state(() => redis.ping()) : Promise.resolve<PartState>("not used"),
    within(
      db.$queryRaw<{ pending: number; oldest: number | null }[]>`
        SELECT count(*)::int AS pending, extract(epoch FROM timezone('UTC', now()) - min("createdAt"))::float8 AS oldest
        FROM "OutboxEvent" WHERE "publishedAt" IS NULL AND ("lockedUntil" IS NULL OR "lockedUntil" < 'infinity')`,
    ).catch(() => null),
  ]);
  const pending = outboxRows?.[0]?.pending ?? 0;
  const oldestSeconds = outboxRows?.[0]?.oldest ?? null;
  // Events older than a minute mean the relay cannot hand them over (sidecar or Redis away).
  const outboxState: PartState = outboxRows === null ? "down" : oldestSeconds !== null && oldestSeconds > maxOutboxLag ? "down" : "up";
  const parts = { database, sidecar, redis: redisState, outbox: { state: outboxState, pending, oldestSeconds } };
  const ok = database === "up" && sidecar !== "down" && redisState !== "down" && outboxState === "up";
  return { ok, serving: database === "up", pid: process.pid, parts };
}

export interface Readiness {
  /** Every check passes: GET /ready answers 200, else 503. */
  ready: boolean;
  pid: number;
  checks: {
    database: { state: PartState };
    redis: { state: PartState };
    sidecar: { state: PartState };
    /** Incoming order events waiting for the consumer (pending plus unread), and the bound. */
    stream: { state: PartState; lag: number | null; max: number };
    outbox: { state: PartState; pending: number; oldestSeconds: number | null; maxSeconds: number };
  };
}

/**
 * GET /ready. The stream's lag comes from `use.streamLag` or, by default, from what the stream
 * consumer registered for the `livemarket_stream_lag` gauge (`metrics.provide`); none registered:
 * "not used". A lag that cannot be read counts as down.
 */
export async function checkReady(
  db: Db,
  use: {
    sidecarUrl?: string | null;
    redis?: Pick<Redis, "ping"> | null;
    streamLag?: GaugeProvider | null;
    maxStreamLag?: number;
    maxOutboxLagSeconds?: number;
  } = {},
): Promise<Readiness> {
  const maxStreamLag = use.maxStreamLag ?? env.READY_MAX_STREAM_LAG;
  const maxOutboxLagSeconds = use.maxOutboxLagSeconds ?? env.READY_MAX_OUTBOX_LAG_SECONDS;
  const streamLag = use.streamLag !== undefined ? use.streamLag : (metrics.provided("livemarket_stream_lag") ?? null);
  const [health, stream] = await Promise.all([
    checkHealth(db, { sidecarUrl: use.sidecarUrl, redis: use.redis, maxOutboxLagSeconds }),
    (async (): Promise<Readiness["checks"]["stream"]> => {
      if (!streamLag) return { state: "not used", lag: null, max: maxStreamLag };
      try {
        const lag = await within(Promise.resolve(streamLag()));
        if (lag === null) return { state: "down", lag: null, max: maxStreamLag };
        return { state: lag <= maxStreamLag ? "up" : "down", lag, max: maxStreamLag };
      } catch {
        return { state: "down", lag: null, max: maxStreamLag };
      }
    })(),
  ]);
  const p = health.parts;
  const checks: Readiness["checks"] = {
    database: { state: p.database },
    redis: { state: p.redis },
    sidecar: { state: p.sidecar },
    stream,
    outbox: { ...p.outbox, maxSeconds: maxOutboxLagSeconds },
  };
  const ready = Object.values(checks).every((c) => c.state !== "down");
  return { ready, pid: process.pid, checks };
}
