// The app process's observability, started once by instrumentation.ts: the HTTP observer the
// custom server calls (request ids, request log lines, HTTP series) and what the gauges read when
// Prometheus scrapes (the outbox's backlog and age, readiness).
import "server-only";
import path from "node:path";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { checkReady } from "./health";
import { installHttpObserver } from "./http";
import { metrics } from "./metrics";

let installed = false;

/** Outbox rows not yet published, and the age of the oldest (one query, shared by both gauges
 * within a scrape). */
async function readOutbox(): Promise<{ pending: number; oldest: number }> {
  const db = await getDb();
  const rows = await db.$queryRaw<{ pending: number; oldest: number | null }[]>`
    SELECT count(*)::int AS pending, coalesce(extract(epoch FROM timezone('UTC', now()) - min("createdAt")), 0)::float8 AS oldest
    FROM "OutboxEvent" WHERE "publishedAt" IS NULL AND ("lockedUntil" IS NULL OR "lockedUntil" < 'infinity')`;
  return { pending: rows[0]?.pending ?? 0, oldest: rows[0]?.oldest ?? 0 };
}

export function startAppObservability(): void {
  if (installed || env.NEXT_PHASE === "phase-production-build") return;
  installed = true;
  installHttpObserver(path.join(process.cwd(), ".next"));
  let outbox: { at: number; value: Promise<{ pending: number; oldest: number }> } | null = null;
  const outboxNow = () => {
    if (!outbox || Date.now() - outbox.at > 1000) outbox = { at: Date.now(), value: readOutbox() };
    return outbox.value;
  };
  metrics.provide("livemarket_outbox_pending", async () => (await outboxNow()).pending);
  metrics.provide("livemarket_outbox_lag_seconds", async () => (await outboxNow()).oldest);
  metrics.provide("livemarket_ready", async () => ((await checkReady(await getDb())).ready ? 1 : 0));
}
