// The app process's outbox relay: started once per app process (instrumentation.ts), kicked
// after every mutation commits (server/api/trpc.ts) and polling for the rest (events written by
// a process that died before relaying them, retries after an outage).
import "server-only";
import { getDb } from "@/server/db";
import { env, getAuthSecret } from "@/server/env";
import { createHttpPublisher, createRedisPublisher, type Publisher } from "./publisher";
import { hasAppRelay, setAppRelay } from "./kick";
import { OutboxRelay } from "./relay";
import { internalPublishKey } from "./tokens";

function createPublisher(): Publisher {
  if (env.REDIS_URL) return createRedisPublisher({ redisUrl: env.REDIS_URL, adapter: env.REALTIME_REDIS_ADAPTER });
  return createHttpPublisher({
    sidecarUrl: env.SIDECAR_INTERNAL_URL ?? `http://127.0.0.1:${env.SIDECAR_PORT}`,
    key: internalPublishKey(getAuthSecret()),
  });
}

let started: Promise<OutboxRelay> | undefined;

/** Idempotent: one relay per process; none while Next.js builds (it loads the server then too). */
export async function startAppRelay(): Promise<OutboxRelay | null> {
  if (env.NEXT_PHASE === "phase-production-build") return null;
  if (hasAppRelay() && started) return started;
  started = getDb().then((db) => new OutboxRelay(db, createPublisher()).start());
  void setAppRelay(started);
  return started;
}
