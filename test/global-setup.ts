// Once per `vitest run`: a migrated, seeded PGlite data directory (dumped to a file that each
// test file loads into memory) and, when PostgreSQL is reachable, a migrated, seeded template
// database. REQUIRE_POSTGRES=1 / REQUIRE_REDIS=1 (set by CI) turn "not reachable" into a failure.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pgliteAdapter } from "@/server/db/pglite-errors";
import { Redis } from "ioredis";
import { adminQuery, DEFAULT_ADMIN_URL, postgresReachable, withDatabase } from "@/server/db/admin";
import type { TestProject } from "vitest/node";
import { PrismaClient } from "@/generated/prisma/client.ts";
import { openDb } from "@/server/db/client";
import { migrate, pgExecutor, pgliteExecutor } from "@/server/db/migrate";
import { seedDatabase } from "@/prisma/seed/seed";
import { env } from "@/server/env";

const DEFAULT_REDIS = "redis://127.0.0.1:6379";

async function reachableRedis(url: string): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  r.on("error", () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

export default async function setup(project: TestProject) {
  const runId = `lm_test_${Date.now().toString(36)}_${process.pid}`;
  const dir = path.resolve(".data/test");
  mkdirSync(dir, { recursive: true });

  // PGlite: migrate and seed once, dump, let every file load the dump.
  const pglite = new PGlite();
  await pglite.waitReady;
  await migrate(pgliteExecutor(pglite));
  const db = new PrismaClient({ adapter: await pgliteAdapter(pglite) });
  await seedDatabase(db);
  await db.$disconnect();
  const dump = await pglite.dumpDataDir("none");
  const seedFile = path.join(dir, `${runId}.tar`);
  writeFileSync(seedFile, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide("pgliteSeedFile", seedFile);

  // PostgreSQL: a template database for this run.
  const adminUrl = env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_URL;
  let template: string | null = null;
  if (await postgresReachable(adminUrl)) {
    template = `${runId}_tpl`;
    await adminQuery(adminUrl, `CREATE DATABASE "${template}"`);
    const url = withDatabase(adminUrl, template);
    const exec = await pgExecutor(url);
    await migrate(exec);
    await exec.close?.();
    const handle = await openDb({ url }, { poolSize: 2 });
    await seedDatabase(handle.db);
    await handle.close();
  } else if (env.REQUIRE_POSTGRES) {
    throw new Error(`REQUIRE_POSTGRES is set but PostgreSQL is not reachable at ${adminUrl}`);
  } else {
    console.warn(`\n[tests] PostgreSQL not reachable at ${adminUrl}: server-backend tests run on PGlite only.\n`);
  }
  project.provide("postgresAdminUrl", template ? adminUrl : null);
  project.provide("postgresTemplate", template);

  const redisUrl = env.REDIS_URL ?? DEFAULT_REDIS;
  const redisOk = await reachableRedis(redisUrl);
  if (!redisOk && env.REQUIRE_REDIS) throw new Error(`REQUIRE_REDIS is set but Redis is not reachable at ${redisUrl}`);
  if (!redisOk) console.warn(`[tests] Redis not reachable at ${redisUrl}: Redis-backed tests are left out.`);
  project.provide("redisUrl", redisOk ? redisUrl : null);

  return async () => {
    const { rmSync } = await import("node:fs");
    rmSync(seedFile, { force: true });
    if (template) {
      const rows = await adminQuery<{ datname: string }>(adminUrl, `SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${runId}%`]);
      for (const r of rows) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    }
  };
}
