// npm run recs:rebuild: recounts the "frequently bought together" pairs from the orders
// (server/services/recommendations/pairs.ts rebuildRecommendations), on whichever backend the
// environment names. The outbox worker keeps them up to date; this is the repair (run it nightly
// from cron, or after restoring orders by hand). Safe while the app runs on PostgreSQL: the worker
// waits for it and reconciles afterwards. PGlite is one process's database: stop the app first.
import { env, pgliteDir } from "@/server/env";
import { openDb, type DbTarget } from "@/server/db/client";
import { migrateTarget } from "@/server/db/setup";
import { inTransaction } from "@/server/db/transaction";
import { rebuildRecommendations } from "@/server/services/recommendations/pairs";

const target: DbTarget = env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: pgliteDir() };

async function main(): Promise<void> {
  const handle = await openDb(target);
  try {
    await migrateTarget(target, handle);
    const started = performance.now();
    const r = await inTransaction(handle.db, (tx) => rebuildRecommendations(tx), { timeout: 600_000 });
    console.log(`recs:rebuild: ${r.orders} orders counted, ${r.pairs} product pairs, in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
