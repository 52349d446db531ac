// Small helpers the service tests share.
import type { Db } from "@/server/db/client";

/** The test database's client (a client object of its own: per-client caches see a new one), with
 * every query it runs (model calls and raw SQL) counted. */
export function countingDb(db: Db): { db: Db; queries: () => number } {
  let n = 0;
  const counted = db.$extends({
    query: {
      $allOperations({ args, query }) {
        n++;
        return query(args);
      },
    },
  });
  return { db: counted as unknown as Db, queries: () => n };
}

/** A promise the test resolves when it chooses (to hold a step open without sleeping). */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
