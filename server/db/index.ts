// The app's one database handle, created on first use and shared across hot reloads.
import "server-only";
import { env, pgliteDir } from "@/server/env";
import { openDb, type Db, type DbHandle } from "./client";

const globalForDb = globalThis as unknown as { __livemarketDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  globalForDb.__livemarketDb ??= openDb(
    env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: pgliteDir() },
  );
  return globalForDb.__livemarketDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export type { Db };
