// After a mutation commits, wake this process's outbox relay so its events go out now rather
// than at the next poll. Only a wake-up call: delivery does not depend on it (the relay polls).
// No imports, so the tRPC layer can call it in any environment (tests have no relay: a no-op).
import "server-only";
interface Kickable {
  kick(): Promise<void>;
}

const g = globalThis as unknown as { __livemarketRelay?: Promise<Kickable> };

export function setAppRelay(relay: Promise<Kickable>): Promise<Kickable> {
  g.__livemarketRelay ??= relay;
  return g.__livemarketRelay;
}

export function hasAppRelay(): boolean {
  return g.__livemarketRelay !== undefined;
}

export function kickAppRelay(): void {
  void g.__livemarketRelay?.then((r) => r.kick()).catch(() => {});
}
