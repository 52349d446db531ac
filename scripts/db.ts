// npm run db:migrate | db:seed | db:reset, on whichever backend the environment names.
import { env, pgliteDir } from "@/server/env";
import { openDb, type DbTarget } from "@/server/db/client";
import { migrateTarget } from "@/server/db/setup";
import { pgExecutor } from "@/server/db/migrate";
import { seedDatabase } from "@/prisma/seed/seed";
import { rmSync } from "node:fs";

const command = process.argv[2];
const target: DbTarget = env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: pgliteDir() };
const where = env.DATABASE_URL ? "PostgreSQL server" : `embedded PostgreSQL in ${pgliteDir()}`;

async function main(): Promise<void> {
  if (!["migrate", "seed", "reset"].includes(command ?? "")) {
    console.error("usage: tsx scripts/db.ts migrate|seed|reset");
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
    console.log(`reset: dropped everything in the ${where}`);
  }
  const handle = await openDb(target);
  try {
    const result = await migrateTarget(target, handle);
    console.log(
      `migrate: ${result.applied.length} applied${result.applied.length ? ` (${result.applied.join(", ")})` : ""}, ${result.alreadyApplied} already in place (${where})`,
    );
    if (command === "seed" || command === "reset") {
      const s = await seedDatabase(handle.db);
      console.log(
        `seed: ${s.users} users, ${s.stores} stores, ${s.categories} categories, ${s.products} products, ${s.variants} variants, ${s.orders} orders`,
      );
    }
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
