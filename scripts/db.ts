// npm run db:migrate | db:seed | db:reset, on whichever backend the environment names; and
// `prepare`, which `npm start` runs in a child process before serving (so the supervisor never
// holds the Prisma client, the embedded database or the seed data: it stays small): migrate, then
// load the demo catalog when the database is empty, then (embedded) stamp the migrations it has.
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env, pgliteDir } from "@/server/env";
import { openDb, type DbTarget } from "@/server/db/client";
import { isEmpty, migrateTarget } from "@/server/db/setup";
import { MIGRATION_STAMP, migrationsFingerprint, pgExecutor } from "@/server/db/migrate";
import { seedDatabase } from "@/prisma/seed/seed";

const command = process.argv[2];
const target: DbTarget = env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: pgliteDir() };
const where = env.DATABASE_URL ? "PostgreSQL server" : `embedded PostgreSQL in ${pgliteDir()}`;

// The embedded database keeps a stamp of the migrations it has (inside its own folder, so a reset
// removes it); when it matches, `npm start` does not run `prepare` at all (a faster restart).
const stampFile = env.DATABASE_URL ? null : path.join(pgliteDir(), MIGRATION_STAMP);

const log = (msg: string) => console.log(command === "prepare" ? `[livemarket] ${msg}` : msg);

async function main(): Promise<void> {
  if (!["migrate", "seed", "reset", "prepare"].includes(command ?? "")) {
    console.error("usage: tsx scripts/db.ts migrate|seed|reset|prepare");
    process.exit(2);
  }
  if (command === "reset") {
    if (target.url) {
      const exec = await pgExecutor(target.url);
      await exec.exec("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
      await exec.close?.();
    } else {
      rmSync(target.pgliteDir!, { recursive: true, force: true });
    }
    log(`reset: dropped everything in the ${where}`);
  }
  const handle = await openDb(target, command === "prepare" ? { poolSize: 2 } : undefined);
  try {
    const result = await migrateTarget(target, handle);
    if (command !== "prepare") {
      log(`migrate: ${result.applied.length} applied${result.applied.length ? ` (${result.applied.join(", ")})` : ""}, ${result.alreadyApplied} already in place (${where})`);
    } else if (result.applied.length) {
      log(`applied ${result.applied.length} migration(s): ${result.applied.join(", ")}`);
    }
    const seed = command === "seed" || command === "reset" || (command === "prepare" && (await isEmpty(handle)));
    if (seed) {
      if (command === "prepare") log("empty database: loading the demo catalog");
      const s = await seedDatabase(handle.db);
      log(`seed: ${s.users} users, ${s.stores} stores, ${s.categories} categories, ${s.products} products, ${s.variants} variants, ${s.orders} orders`);
    }
  } finally {
    await handle.close(); // the app process opens the embedded database next
  }
  if (command === "prepare" && stampFile) writeFileSync(stampFile, migrationsFingerprint());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
