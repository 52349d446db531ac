// Prisma client over a driver adapter: PGlite (embedded, in-process, data in a folder) when
// no DATABASE_URL is set, node-postgres for a PostgreSQL server otherwise.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client.ts";
import { pgliteAdapter } from "./pglite-errors";

export type Db = PrismaClient;

export interface DbTarget {
  /** postgresql:// URL of a server; undefined means embedded PGlite in `pgliteDir`. */
  url?: string;
  pgliteDir?: string;
}

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /** The PGlite instance when embedded (raw SQL, migrations). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export async function openDb(target: DbTarget, opts: { poolSize?: number } = {}): Promise<DbHandle> {
  if (target.url) {
    const adapter = new PrismaPg({ connectionString: target.url, max: opts.poolSize ?? 10 });
    const db = new PrismaClient({ adapter });
    return { db, kind: "postgres", close: () => db.$disconnect() };
  }
  if (!target.pgliteDir) throw new Error("openDb needs a url or a pgliteDir");
  mkdirSync(target.pgliteDir, { recursive: true });
  const pglite = new PGlite(target.pgliteDir);
  await pglite.waitReady;
  const db = new PrismaClient({ adapter: await pgliteAdapter(pglite) });
  return {
    db,
    kind: "pglite",
    pglite,
    async close() {
      await db.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}
