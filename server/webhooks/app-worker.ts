// The app process's webhook worker: started once per app process (instrumentation.ts), woken
// after every mutation commits (after the relay, server/realtime/kick.ts) and polling for the
// rest (retries coming due, events of other processes).
import "server-only";
import { getDb } from "@/server/db";
import { env, webhooksAllowPrivate } from "@/server/env";
import { setAppWebhooks } from "@/server/realtime/kick";
import { WebhookWorker } from "./worker";

let started: Promise<WebhookWorker> | undefined;

/** Idempotent: one worker per process; none while Next.js builds. */
export async function startAppWebhooks(): Promise<WebhookWorker | null> {
  if (env.NEXT_PHASE === "phase-production-build") return null;
  started ??= getDb().then((db) => new WebhookWorker(db, { allowPrivate: webhooksAllowPrivate() }).start());
  return setAppWebhooks(started) as Promise<WebhookWorker>;
}
