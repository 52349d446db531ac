// The app process's recommendation worker (worker.ts): started once per app process
// (instrumentation.ts), woken after every mutation commits (server/realtime/kick.ts).
import "server-only";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { setAppRecs } from "@/server/realtime/kick";
import { RecsWorker } from "./worker";

// On globalThis: Next.js bundles this module once per route, and one worker per process is meant.
const g = globalThis as unknown as { __livemarketRecsWorker?: Promise<RecsWorker> };

/** Idempotent: one worker per process; none while Next.js builds. */
export async function startAppRecs(): Promise<RecsWorker | null> {
  if (env.NEXT_PHASE === "phase-production-build") return null;
  g.__livemarketRecsWorker ??= getDb().then((db) => new RecsWorker(db).start());
  return setAppRecs(g.__livemarketRecsWorker) as Promise<RecsWorker>;
}
