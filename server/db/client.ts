// Prisma client over a driver adapter: PGlite (embedded, in-process, data in a folder) when
// no DATABASE_URL is set, node-postgres for a PostgreSQL server otherwise.
import "server-only";
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
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
  const release = lockPglite(target.pgliteDir);
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
      release();
    },
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder (say
 * `npm run db:seed` while `npm start` runs) would corrupt it. A pid file beside the folder
 * refuses that with a clear message; a lock left by a process that died is taken over.
 */
export function lockPglite(dir: string): () => void {
  const file = `${dir.replace(/[\\/]+$/, "")}.lock`;
  const mine = String(process.pid);
  try {
    writeFileSync(file, mine, { flag: "wx" });
  } catch {
    const holder = Number(readFileSync(file, "utf8").trim());
    if (holder && holder !== process.pid && processAlive(holder)) {
      throw new Error(
        `The embedded database in ${dir} is in use by process ${holder} (is npm start running?). Stop it first, or set DATABASE_URL.`,
      );
    }
    writeFileSync(file, mine);
  }
  const release = () => {
    try {
      if (readFileSync(file, "utf8").trim() === mine) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  return release;
}
