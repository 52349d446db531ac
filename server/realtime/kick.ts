// After a mutation commits, wake this process's outbox relay so its events go out now rather
// than at the next poll. Only a wake-up call: delivery does not depend on it (the relay polls).
// No imports, so the tRPC layer can call it in any environment (tests have no relay: a no-op).
import "server-only";
interface Kickable {
  kick(): Promise<void>;
}

const g = globalThis as unknown as { __livemarketRelay?: Promise<Kickable>; __livemarketWebhooks?: Promise<Kickable>; __livemarketRecs?: Promise<Kickable>; __livemarketMailKick?: Promise<Kickable> };

export function setAppRelay(relay: Promise<Kickable>): Promise<Kickable> {
  g.__livemarketRelay ??= relay;
  return g.__livemarketRelay;
}

export function hasAppRelay(): boolean {
  return g.__livemarketRelay !== undefined;
}

/** The webhook worker (server/webhooks/app-worker.ts), woken after the relay. */
export function setAppWebhooks(worker: Promise<Kickable>): Promise<Kickable> {
  g.__livemarketWebhooks ??= worker;
  return g.__livemarketWebhooks;
}

/** The recommendation worker (server/services/recommendations/app-worker.ts), woken after the relay. */
export function setAppRecs(worker: Promise<Kickable>): Promise<Kickable> {
  g.__livemarketRecs ??= worker;
  return g.__livemarketRecs;
}

/** The mail worker (server/services/notifications/app-worker.ts), woken after the relay: an
 * order's confirmation goes out right after the order commits, not at the next poll. */
export function setAppMailKick(worker: Promise<Kickable>): Promise<Kickable> {
  g.__livemarketMailKick ??= worker;
  return g.__livemarketMailKick;
}

export function kickAppRelay(): void {
  const relayed = g.__livemarketRelay?.then((r) => r.kick()).catch(() => {}) ?? Promise.resolve();
  // After the relay's pass, so the two rarely claim the same fresh outbox rows at once.
  if (g.__livemarketWebhooks) void relayed.then(() => g.__livemarketWebhooks?.then((w) => w.kick())).catch(() => {});
  if (g.__livemarketRecs) void relayed.then(() => g.__livemarketRecs?.then((w) => w.kick())).catch(() => {});
  if (g.__livemarketMailKick) void relayed.then(() => g.__livemarketMailKick?.then((w) => w.kick())).catch(() => {});
}
