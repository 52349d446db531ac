import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { migrate, pgliteExecutor, readMigrations } from "./migrate";

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
