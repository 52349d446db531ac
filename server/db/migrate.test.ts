import { PGlite } from "@electric-sql/pglite";
import { describe, expect, inject, it } from "vitest";
import { adminQuery, withDatabase } from "./admin";
import { migrate, pgExecutor, pgliteExecutor, postgresIsPrepared, readMigrations } from "./migrate";

/** A fresh in-memory PGlite for one test, closed after it. */
async function withPglite(fn: (db: PGlite, exec: ReturnType<typeof pgliteExecutor>) => Promise<void>): Promise<void> {
  const db = new PGlite();
  try {
    await fn(db, pgliteExecutor(db));
  } finally {
    await db.close();
  }
}

describe("migration runner", () => {
  it("applies every migration once, and a second run applies nothing", () =>
    withPglite(async (_db, exec) => {
      const first = await migrate(exec);
      expect(first.applied).toEqual(readMigrations().map((m) => m.name));
      const second = await migrate(exec);
      expect(second).toEqual({ applied: [], alreadyApplied: first.applied.length });
    }));

  it("refuses to run when an applied migration's file was edited afterwards", () =>
    withPglite(async (_db, exec) => {
      await migrate(exec);
      const edited = readMigrations().map((m) => ({ ...m, checksum: "0".repeat(64) }));
      await expect(migrate(exec, edited)).rejects.toThrow(/changed after it was applied/);
    }));

  it("leaves no trace of a migration that fails halfway", () =>
    withPglite(async (db, exec) => {
      const broken = [{ name: "20990101000000_broken", checksum: "x".repeat(64), sql: `CREATE TABLE "Half" (id int); SELECT * FROM "Missing";` }];
      await expect(migrate(exec, broken)).rejects.toThrow(/20990101000000_broken failed/);
      const tables = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'Half'`);
      expect(tables.rows[0]!.n).toBe(0);
      const recorded = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
      expect(recorded.rows[0]!.n).toBe(0);
    }));
});

describe("embedded database lock", () => {
  it("refuses a second live process on the same folder and takes over a dead one's lock", async () => {
    const { mkdtempSync, writeFileSync, existsSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { lockPglite } = await import("./client");
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "lm-lock-")), "pglite");
    // A live process (our parent) holds it: refused with a message that says what to do.
    writeFileSync(`${dir}.lock`, String(process.ppid));
    expect(() => lockPglite(dir)).toThrow(/in use by process .*npm start/);
    // A dead process's lock is taken over, and released again.
    writeFileSync(`${dir}.lock`, "999999");
    const release = lockPglite(dir);
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});

describe.skipIf(!inject("postgresAdminUrl"))("npm start's check of a PostgreSQL server", () => {
  it("says prepared only when every migration is in with its checksum and the database is seeded", async () => {
    const adminUrl = inject("postgresAdminUrl")!;
    const name = `lm_prepared_${process.pid}_${Date.now().toString(36)}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
    const url = withDatabase(adminUrl, name);
    const sql = await pgExecutor(url);
    try {
      expect(await postgresIsPrepared(url)).toBe(false); // empty: no migrations table
      await migrate(sql);
      expect(await postgresIsPrepared(url)).toBe(false); // migrated, not seeded
      await sql.exec(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ('u1', 'a@example.com', 'A', 'x', now())`);
      expect(await postgresIsPrepared(url)).toBe(true);
      // A migration this checkout has and the database lacks (or has with other contents): not prepared.
      const newer = [...readMigrations(), { name: "20990101000000_newer", sql: "SELECT 1", checksum: "f".repeat(64) }];
      expect(await postgresIsPrepared(url, newer)).toBe(false);
      const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
      expect(await postgresIsPrepared(url, edited)).toBe(false);
      expect(await postgresIsPrepared(withDatabase(adminUrl, `${name}_missing`))).toBe(false); // no such database
    } finally {
      await sql.close?.();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});
