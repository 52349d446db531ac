// What /api/health reports: each part the shop depends on, checked now with a short timeout,
// so an operator (or a load balancer) sees which one is down. The app can serve while its
// database answers; the rest degrade features (live updates, shared limits) without stopping it.
import "server-only";
import type { Redis } from "ioredis";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { getRedis } from "@/server/redis";

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
  use: { sidecarUrl?: string | null; redis?: Pick<Redis, "ping"> | null } = {},
): Promise<Health> {
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
  const outboxState: PartState = outboxRows === null ? "down" : oldestSeconds !== null && oldestSeconds > 60 ? "down" : "up";
  const parts = { database, sidecar, redis: redisState, outbox: { state: outboxState, pending, oldestSeconds } };
  const ok = database === "up" && sidecar !== "down" && redisState !== "down" && outboxState === "up";
  return { ok, serving: database === "up", pid: process.pid, parts };
}
