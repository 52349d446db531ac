// A throwaway, migrated and seeded PostgreSQL database for one benchmark run, dropped at the
// end even when the run fails or is interrupted (Ctrl-C / SIGTERM).
import { adminQuery, DEFAULT_ADMIN_URL, withDatabase } from "@/server/db/admin";
import { migrate, pgExecutor } from "@/server/db/migrate";
import { openDb } from "@/server/db/client";
import { seedDatabase, type SeedSummary } from "@/prisma/seed/seed";

export { DEFAULT_ADMIN_URL, withDatabase };

export interface BenchDb {
  name: string;
  url: string;
  seed: SeedSummary;
  drop(): Promise<void>;
}

/** Creates `lm_bench_<ts>`, applies the migrations and loads the demo seed. */
export async function createBenchDb(adminUrl = DEFAULT_ADMIN_URL): Promise<BenchDb> {
  const name = `lm_bench_${Date.now().toString(36)}_${process.pid}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(adminUrl, name);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  // Drop on Ctrl-C / SIGTERM too, then exit.
  const onSignal = (sig: NodeJS.Signals) => {
    console.error(`\n${sig}: dropping ${name}`);
    void drop().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const exec = await pgExecutor(url);
    try {
      await migrate(exec);
    } finally {
      await exec.close?.();
    }
    const handle = await openDb({ url }, { poolSize: 2 });
    let seed: SeedSummary;
    try {
      seed = await seedDatabase(handle.db);
    } finally {
      await handle.close();
    }
    return { name, url, seed, drop };
  } catch (err) {
    await drop();
    throw err;
  }
}
