// Seller CSV import: dry run, then apply (one transaction). The import page uses the streamed
// route handler app/seller/import/run/route.ts for progress; these procedures are the same
// services without progress, for API clients and tests.
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { inTransaction } from "@/server/db/transaction";
import { APPLY_IMPORT_TX, applyImport, dryRunImport } from "@/server/services/seller-catalog/import-products";
import { MAX_FILE_BYTES } from "@/server/services/seller-catalog/format";
import { limited, router, sellerActor, sellerProcedure } from "../trpc";

const importProcedure = sellerProcedure.use(limited("imports"));

// A tRPC request is at most BODY_LIMITS.trpc (1 MB) with its JSON escaping: files up to 512 KB
// go through here; bigger ones (up to MAX_FILE_BYTES) through POST /seller/import/run.
const TRPC_CSV_MAX = 512 * 1024;
const Csv = zText().max(TRPC_CSV_MAX, `Files over 512 KB go through POST /seller/import/run (up to ${MAX_FILE_BYTES / 1024 / 1024} MB)`);
const encode = (s: string) => new TextEncoder().encode(s);

export const sellerImportRouter = router({
  /** What importing this CSV would do: counts and errors by line; changes nothing. */
  dryRun: importProcedure
    .input(z.object({ csv: Csv }).strict())
    .mutation(({ ctx, input }) => dryRunImport(ctx.db, sellerActor(ctx), encode(input.csv))),
  /** Applies the CSV as its dry run (token) described, all or nothing. */
  commit: importProcedure
    .input(z.object({ csv: Csv, token: zText().regex(/^[0-9a-f]{64}$/, "Run a dry run first") }).strict())
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => applyImport(tx, sellerActor(ctx), encode(input.csv), input.token), APPLY_IMPORT_TX)),
});
