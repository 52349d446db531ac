// Applies prisma/migrations/*/migration.sql in order, recording them in Prisma's own
// `_prisma_migrations` table (same columns, same sha256 checksums), so `prisma migrate status`
// and `prisma migrate deploy` agree with it. Why our own runner: it needs no schema engine
// (Prisma's WASM engine cannot run migrate against a server adapter here and costs seconds at
// every start), it runs in-process on PGlite, and it takes an advisory lock so several app
// instances starting together on one server apply each migration once. See docs/decisions.md.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

export interface SqlExecutor {
  /** Runs one or more statements with no parameters. */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close?(): Promise<void>;
}

export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
  };
}

export async function pgExecutor(url: string): Promise<SqlExecutor> {
  // Loaded here, not at the top: `npm start`'s supervisor reads the migrations' fingerprint from
  // this module and should not carry a database driver for it.
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    close: () => client.end(),
  };
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** prisma/migrations of the checkout this module runs from: found upwards from here, so the same
 * answer comes from server/db/ (sources) and from dist/ (npm start's supervisor bundle). */
function findMigrationsDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "prisma", "migrations");
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(from, "../../prisma/migrations");
  }
}

export const MIGRATIONS_DIR = findMigrationsDir(import.meta.dirname);

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** The file in an embedded data folder that holds the fingerprint of the migrations it has. */
export const MIGRATION_STAMP = "livemarket-migrations.sha256";

/** One hash of every migration's name and contents: what a database migrated to now holds. */
export function migrationsFingerprint(migrations = readMigrations()): string {
  return createHash("sha256").update(migrations.map((m) => `${m.name}:${m.checksum}`).join("\n")).digest("hex");
}

/**
 * Whether a PostgreSQL server's database has every migration (same names and checksums) and is
 * seeded (has a user): then `npm start` skips its prepare child, which costs a process, the
 * Prisma client and a second or two on every start. Any doubt (no table, no connection) is "no",
 * and the child runs and says what is wrong.
 */
export async function postgresIsPrepared(url: string, migrations = readMigrations()): Promise<boolean> {
  let sql: SqlExecutor | null = null;
  try {
    sql = await pgExecutor(url);
    const rows = await sql.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
    );
    const have = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    if (!migrations.every((m) => have.get(m.name) === m.checksum)) return false;
    const [seeded] = await sql.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "User") AS any`);
    return seeded?.any === true;
  } catch {
    return false;
  } finally {
    await sql?.close?.().catch(() => {});
  }
}

const LOCK_KEY = 72_616_001; // arbitrary, constant: "livemarket migrations"

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(sql: SqlExecutor, migrations = readMigrations()): Promise<MigrateResult> {
  await sql.exec(`SELECT pg_advisory_lock(${LOCK_KEY})`);
  try {
    await sql.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const rows = await sql.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const m of migrations) {
      const row = done.get(m.name);
      if (row) {
        if (!row.finished_at) {
          throw new Error(`Migration ${m.name} started earlier but never finished; inspect the database`);
        }
        if (row.checksum !== m.checksum) {
          throw new Error(`Migration ${m.name} was changed after it was applied (checksum differs)`);
        }
        continue;
      }
      // The migration and its record commit together: a crash leaves neither.
      await sql.exec("BEGIN");
      try {
        await sql.exec(m.sql);
        await sql.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await sql.exec("COMMIT");
      } catch (err) {
        await sql.exec("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: migrations.length - applied.length };
  } finally {
    await sql.exec(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
  }
}
