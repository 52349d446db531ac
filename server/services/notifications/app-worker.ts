// The app process's mail worker (worker.ts): one per app process, started by instrumentation.ts
// beside the webhook worker, woken after each mutation commits and polling the outbox and its
// MailMessage queue every second for the rest. With
// several processes each runs one; the leases and SKIP LOCKED claims keep them off each other's
// rows, and the digest's unique keys keep a second process from sending a second digest.
import "server-only";
import { getDb } from "@/server/db";
import { env, getAppUrl } from "@/server/env";
import { setAppMailKick } from "@/server/realtime/kick";
import { MailWorker } from "./worker";

const g = globalThis as unknown as { __livemarketMail?: Promise<MailWorker> };

/** Idempotent: one worker per process; none while Next.js builds. */
export async function startAppMail(): Promise<MailWorker | null> {
  if (env.NEXT_PHASE === "phase-production-build") return null;
  g.__livemarketMail ??= getDb().then((db) => new MailWorker(db, { appUrl: getAppUrl(), digestHour: env.MAIL_DIGEST_HOUR }).start());
  // Woken after every mutation commits (server/realtime/kick.ts); the poll stays for the rest.
  return setAppMailKick(g.__livemarketMail) as Promise<MailWorker>;
}

/** The running worker, if this process started one (the dev digest trigger uses it). */
export function appMailWorker(): Promise<MailWorker> | undefined {
  return g.__livemarketMail;
}
