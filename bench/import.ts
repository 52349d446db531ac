// Seller CSV import of 10,000 rows (2,500 new products x 4 variants), then the same rows with
// new prices and stock (updates through the ledger), on both backends: time of the dry run and
// of the apply, and the number of progress reports the apply made.
//
//   node --import tsx bench/import.ts [--rows 10000] [--backend pglite|postgres|both]
//
// PGlite runs on a temporary folder (as `npm start` does); PostgreSQL on a throwaway database
// (bench/lib/bench-db.ts) at 127.0.0.1:5432. Both are migrated and seeded with the demo catalogue.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type DbHandle } from "@/server/db/client";
import { migrate, pgliteExecutor } from "@/server/db/migrate";
import { seedDatabase } from "@/prisma/seed/seed";
import { serializeCsv } from "@/server/services/seller-catalog/csv";
import { COLUMN_NAMES } from "@/server/services/seller-catalog/format";
import { inTransaction } from "@/server/db/transaction";
import { APPLY_IMPORT_TX, applyImport, dryRunImport } from "@/server/services/seller-catalog/import-products";
import { exportProductsCsv } from "@/server/services/seller-catalog/export-products";
import { createBenchDb } from "./lib/bench-db";
import { intFlag, parseFlags, strFlag } from "./lib/report";

const flags = parseFlags(process.argv.slice(2));
const ROWS = intFlag(flags, "rows", 10_000);
const which = strFlag(flags, "backend", "both");

function makeFile(rows: number, round: number): Uint8Array {
  const out: string[][] = [[...COLUMN_NAMES]];
  const sizes = ["S", "M", "L", "XL"];
  for (let i = 0; i < rows; i++) {
    const p = Math.floor(i / 4);
    const size = sizes[i % 4]!;
    out.push([
      `bench-tee-${p}`,
      `Bench tee ${p}`,
      "t-shirts",
      "ACTIVE",
      `A benchmark tee, "number" ${p}, with a comma`,
      "Benchmark",
      `BENCH-${p}-${size}`,
      size,
      `size=${size}; colour=Blue`,
      `${10 + (p % 50) + round}.${String((i * 7) % 100).padStart(2, "0")}`,
      "USD",
      String((i % 40) + round * 3),
      "5",
    ]);
  }
  return new TextEncoder().encode(serializeCsv(out));
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, Math.round(performance.now() - t0)];
}

async function runOn(backend: "pglite" | "postgres") {
  let handle: DbHandle;
  let cleanup: () => Promise<void>;
  if (backend === "pglite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lm-bench-import-"));
    handle = await openDb({ pgliteDir: path.join(dir, "pglite") });
    await migrate(pgliteExecutor(handle.pglite!));
    await seedDatabase(handle.db);
    cleanup = async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const bench = await createBenchDb();
    handle = await openDb({ url: bench.url });
    cleanup = async () => {
      await handle.close();
      await bench.drop();
    };
  }
  try {
    const db = handle.db;
    const store = await db.store.findFirstOrThrow({ where: { owner: { email: "seller1@livemarket.test" } }, select: { id: true, ownerId: true } });
    const actor = { userId: store.ownerId, storeId: store.id };
    const results: Record<string, number | string> = { backend, rows: ROWS };
    for (const [label, round] of [["create", 0], ["update", 1]] as const) {
      const file = makeFile(ROWS, round);
      const [dry, dryMs] = await timed(() => dryRunImport(db, actor, file));
      if (dry.errorCount) throw new Error(`unexpected errors: ${JSON.stringify(dry.errors.slice(0, 3))}`);
      let reports = 0;
      const [, applyMs] = await timed(() => inTransaction(db, (tx) => applyImport(tx, actor, file, dry.token, () => void reports++), APPLY_IMPORT_TX));
      results[`${label}: dry run ms`] = dryMs;
      results[`${label}: apply ms`] = applyMs;
      results[`${label}: progress reports`] = reports;
      results[`${label}: counts`] = `create ${dry.counts.create}, update ${dry.counts.update}, unchanged ${dry.counts.unchanged}`;
    }
    const csv = new TextEncoder().encode(await exportProductsCsv(db, store.id, { q: "Bench tee" }));
    const [again, rtMs] = await timed(() => dryRunImport(db, actor, csv));
    results["round trip: unchanged"] = `${again.counts.unchanged} of ${again.rowCount} (${rtMs} ms)`;
    const [ledger] = await db.$queryRaw<{ bad: bigint }[]>`
      SELECT count(*) AS bad FROM "Variant" v
      WHERE v.sku LIKE 'BENCH-%' AND v.stock <> (SELECT coalesce(sum(delta), 0) FROM "InventoryMovement" m WHERE m."variantId" = v.id)`;
    results["variants whose stock != ledger sum"] = Number(ledger?.bad ?? -1);
    return results;
  } finally {
    await cleanup();
  }
}

const backends = which === "both" ? (["pglite", "postgres"] as const) : ([which] as ["pglite" | "postgres"]);
for (const b of backends) {
  const r = await runOn(b);
  console.log(`\n== ${b} ==`);
  for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(38)} ${v}`);
}
