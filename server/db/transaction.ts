// Transactions belong to the outer layer. A router, a route handler or a consumer opens one with
// `inTransaction` and passes the client to the services it composes; services never open their
// own, so two services can share one transaction. Services that write take `Tx`, which only
// `inTransaction` produces (the app's client is not assignable to it, so a write service called
// outside a transaction is a compile error); read-only services take any `DbClient`.
import "server-only";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { Db } from "./client";

declare const IN_TRANSACTION: unique symbol;

/** A client inside a transaction that the caller opened. */
export type Tx = Prisma.TransactionClient & { readonly [IN_TRANSACTION]: true };

/** The app's client or a transaction: what read-only services take. */
export type DbClient = Prisma.TransactionClient;

export interface TxOptions {
  /** How long to wait for a connection (PGlite has one, held by any open transaction). */
  maxWait?: number;
  /** How long the transaction may run before it is rolled back. */
  timeout?: number;
}

const DEFAULTS: Required<TxOptions> = { maxWait: 15_000, timeout: 15_000 };

/** Work to run once a transaction committed, by transaction client. */
type AfterCommit = () => void | Promise<unknown>;
const afterCommitOf = new WeakMap<object, AfterCommit[]>();

export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>, opts: TxOptions = {}): Promise<T> {
  let after: AfterCommit[] = [];
  const result = await db.$transaction(async (tx) => {
    // A retry of the callback (or a rollback) must not keep what an earlier attempt registered.
    after = [];
    afterCommitOf.set(tx, after);
    try {
      return await fn(tx as Tx);
    } finally {
      afterCommitOf.delete(tx);
    }
  }, { ...DEFAULTS, ...opts });
  // All of it runs at once, in order; what returns a promise is waited for (settled, never
  // thrown) before the caller gets its result.
  let waits: Promise<unknown>[] | undefined;
  for (const f of after) {
    const r = f();
    if (r) (waits ??= []).push(r);
  }
  if (waits) await Promise.allSettled(waits);
  return result;
}

/**
 * Runs `fn` after the transaction `tx` commits, and never if it rolls back, before `inTransaction`
 * returns: for counting what a transaction did (metrics) and for telling the catalogue caches what
 * changed (server/services/catalog/catalog-invalidation.ts: synchronously here, then a publish to
 * other processes that `inTransaction` waits for when `fn` returns a promise; its failure is the
 * caller's to handle, it never fails the committed transaction). Not for work that must happen:
 * that goes through the outbox. A client that `inTransaction` did not open runs it at once.
 */
export function afterCommit(tx: Tx, fn: AfterCommit): void {
  const list = afterCommitOf.get(tx);
  if (list) list.push(fn);
  else fn();
}
