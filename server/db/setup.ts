// Bring a database to a usable state: apply migrations and, on an empty database, load the
// demo seed. Used by `npm start`, `npm run db:*` and the test harness.
import "server-only";
import type { DbHandle, DbTarget } from "./client";
import { migrate, pgExecutor, pgliteExecutor, type MigrateResult } from "./migrate";

export async function migrateTarget(target: DbTarget, handle?: DbHandle): Promise<MigrateResult> {
  if (target.url) {
    const exec = await pgExecutor(target.url);
    try {
      return await migrate(exec);
    } finally {
      await exec.close?.();
    }
  }
  if (!handle?.pglite) throw new Error("An open PGlite handle is needed to migrate the embedded database");
  return migrate(pgliteExecutor(handle.pglite));
}

export async function isEmpty(handle: DbHandle): Promise<boolean> {
  return (await handle.db.user.count()) === 0;
}
