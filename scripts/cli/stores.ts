// `store export` and `store import`: a store's products as CSV, in the format of the seller's
// products export and import pages, through the same services (server/services/seller-catalog).
// An import is a dry run unless --apply: it prints what would change (and the errors by line),
// and --apply applies exactly that, all or nothing. The CLI imports as the store's owner (the
// import's audit entry and ledger rows name them, as if they had used the import page).
import { readFileSync, statSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { inTransaction } from "@/server/db/transaction";
import { exportProductsCsv } from "@/server/services/seller-catalog/export-products";
import { MAX_FILE_BYTES } from "@/server/services/seller-catalog/format";
import { APPLY_IMPORT_TX, applyImport, dryRunImport, type DryRunResult } from "@/server/services/seller-catalog/import-products";
import { CliError, storeBySlug, type CliDeps } from "./deps";

function describeCounts(r: DryRunResult): string {
  const c = r.counts;
  return [
    `${r.rowCount} rows: ${c.create} new variants, ${c.update} changed, ${c.unchanged} unchanged`,
    `products: ${c.productsCreate} new, ${c.productsUpdate} changed; stock changes: ${c.stockChanges}; price changes: ${c.priceChanges}`,
  ].join("\n");
}

export function register(program: Command, deps: CliDeps): void {
  const store = program.command("store").description("a store's products as CSV");

  store
    .command("export")
    .description("write the store's products as CSV (the import format) to stdout or --out")
    .requiredOption("--store <slug>", "the store's slug")
    .option("--out <file>", "write to this file instead of stdout")
    .action(async (opts: { store: string; out?: string }) => {
      const db = await deps.db();
      const s = await storeBySlug(db, opts.store);
      const csv = await exportProductsCsv(db, s.id, {});
      const rows = csv.split("\n").filter(Boolean).length - 1;
      if (opts.out) {
        writeFileSync(opts.out, csv);
        deps.stderr(`Wrote ${rows} rows of ${s.slug} to ${opts.out}\n`);
      } else {
        deps.stdout(csv);
        deps.stderr(`${rows} rows of ${s.slug}\n`);
      }
    });

  store
    .command("import")
    .description("import a products CSV into the store: a dry run unless --apply")
    .requiredOption("--store <slug>", "the store's slug")
    .requiredOption("--file <file>", "the CSV file (UTF-8, the export's columns)")
    .option("--apply", "apply the file (all or nothing) instead of only reporting what it would do")
    .action(async (opts: { store: string; file: string; apply?: boolean }) => {
      let size: number;
      try {
        size = statSync(opts.file).size;
      } catch {
        throw new CliError(`--file: cannot read ${opts.file}`, 2);
      }
      if (size > MAX_FILE_BYTES) throw new CliError(`--file: ${opts.file} is over ${MAX_FILE_BYTES / 1024 / 1024} MB`, 2);
      const bytes = new Uint8Array(readFileSync(opts.file));
      const db = await deps.db();
      const s = await storeBySlug(db, opts.store);
      const actor = { userId: s.ownerId, storeId: s.id };
      const dry = await dryRunImport(db, actor, bytes);
      deps.stdout(`${describeCounts(dry)}\n`);
      if (dry.errorCount > 0) {
        const lines = dry.errors.map((e) => `  line ${e.line}${e.column ? ` (${e.column})` : ""}: ${e.message}`);
        deps.stdout(`${dry.errorCount} error${dry.errorCount === 1 ? "" : "s"}:\n${lines.join("\n")}\n`);
        if (dry.errorCount > dry.errors.length) deps.stdout(`  … and ${dry.errorCount - dry.errors.length} more\n`);
        throw new CliError(`The file has errors; nothing was ${opts.apply ? "applied" : "changed"}.`);
      }
      if (!opts.apply) {
        deps.stderr("Dry run: nothing changed. Run again with --apply to apply it.\n");
        return;
      }
      await inTransaction(db, (tx) => applyImport(tx, actor, bytes, dry.token), APPLY_IMPORT_TX);
      deps.stderr(`Applied to ${s.slug}.\n`);
    });
}
