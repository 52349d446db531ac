// Test databases on both backends. PGlite: an in-memory copy of a migrated, seeded data
// directory prepared once per run. PostgreSQL: a fresh database per test file, copied from a
// migrated, seeded template created once per run on 127.0.0.1 and dropped after the run.
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pgliteAdapter } from "@/server/db/pglite-errors";
import { adminQuery, withDatabase } from "@/server/db/admin";
import { afterAll, beforeAll, inject } from "vitest";
import { PrismaClient } from "@/generated/prisma/client.ts";
import { openDb, type Db } from "@/server/db/client";

export type BackendName = "pglite" | "postgres";

export interface TestDb {
  backend: BackendName;
  db: Db;
  /** postgresql:// URL of this file's database (postgres backend only). */
  url?: string;
  /** A second, independent client on the same database (postgres only: PGlite is one connection). */
  close(): Promise<void>;
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSeedFile: string;
    postgresAdminUrl: string | null;
    postgresTemplate: string | null;
    redisUrl: string | null;
  }
}

/** The backends this run covers: always PGlite; PostgreSQL when the server is reachable. */
export function backends(): BackendName[] {
  return inject("postgresTemplate") ? ["pglite", "postgres"] : ["pglite"];
}

let counter = 0;

/** PostgreSQL refuses to copy a template while another session is connected to it (55006,
 * "source database is being accessed by other users"), and waits only 5 s for it to leave: a
 * CI run once lost half of a file's tests in its beforeAll without saying why. Try again for a
 * while before failing, and say which sessions held it. */
async function createFromTemplate(adminUrl: string, name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== "55006" || attempt >= 6) {
        const holders = await adminQuery(adminUrl, "SELECT pid, usename, application_name, backend_type, state FROM pg_stat_activity WHERE datname = $1", [template]).catch(() => []);
        throw new Error(`could not copy the test template ${template} (attempt ${attempt}): ${(err as Error).message}; connected to it: ${JSON.stringify(holders)}`, { cause: err });
      }
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}

export async function openTestDb(backend: BackendName): Promise<TestDb> {
  if (backend === "pglite") {
    const dump = readFileSync(inject("pgliteSeedFile"));
    const pglite = new PGlite({ loadDataDir: new Blob([dump]) });
    await pglite.waitReady;
    const db = new PrismaClient({ adapter: await pgliteAdapter(pglite) });
    return {
      backend,
      db,
      async close() {
        await db.$disconnect();
        await pglite.close();
      },
    };
  }
  const adminUrl = inject("postgresAdminUrl");
  const template = inject("postgresTemplate");
  if (!adminUrl || !template) throw new Error("PostgreSQL is not available in this run");
  const name = `${template.replace(/_tpl$/, "")}_${process.pid}_${++counter}`;
  await createFromTemplate(adminUrl, name, template);
  const url = withDatabase(adminUrl, name);
  const handle = await openDb({ url }, { poolSize: 20 });
  return {
    backend,
    db: handle.db,
    url,
    async close() {
      await handle.close();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** This file's database on `backend`, opened before its tests and closed after them. Its fields
 * are there once the tests run (the suite's beforeAll has filled them). */
export function useTestDb(backend: BackendName): TestDb {
  const t = { backend } as TestDb;
  beforeAll(async () => {
    Object.assign(t, await openTestDb(backend));
  });
  afterAll(async () => {
    await t.close?.();
  });
  return t;
}
