// CSV import over REST with a store's key (catalog:write): the same dry run and apply as the
// seller's import page (app/seller/import/run), over the same service. The dry run changes
// nothing and answers what would change, the errors by line, and a token; apply with that token
// does exactly that in one transaction, or refuses (409 VERSION_CONFLICT) when the catalogue or
// the file changed since, and 400 with the errors when the file has any.
import "server-only";
import { z } from "zod";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { MAX_FILE_BYTES } from "@/server/services/seller-catalog/format";
import { APPLY_IMPORT_TX, applyImport, dryRunImport } from "@/server/services/seller-catalog/import-products";
import { zText } from "@/shared/text";
import { op } from "../operation";
import { storeActor } from "./store";

const ZCounts = z
  .object({
    create: z.int32(),
    update: z.int32(),
    unchanged: z.int32(),
    productsCreate: z.int32(),
    productsUpdate: z.int32(),
    stockChanges: z.int32(),
    priceChanges: z.int32(),
  })
  .meta({ id: "ImportCounts", description: "Rows (variants) created, updated, unchanged; products created and updated; stock and price changes" });
const ZImportResult = z
  .discriminatedUnion("mode", [
    z.object({
      mode: z.literal("dry-run"),
      rowCount: z.int32(),
      counts: ZCounts,
      errors: z.array(z.object({ line: z.int32(), column: zText().optional(), message: zText() })).meta({ description: "The first 500 errors, by line" }),
      errorCount: z.int32(),
      token: zText().meta({ description: "Pass as ?token= to apply exactly this plan" }),
    }),
    z.object({ mode: z.literal("apply"), counts: ZCounts }),
  ])
  .meta({ id: "ImportResult" });
type ImportResult = z.infer<typeof ZImportResult>;

export const importOperations = [
  op({
    operationId: "importProducts",
    method: "POST",
    path: "/store/imports",
    tag: "Store catalog",
    summary: "Import products from CSV: a dry run, then apply its plan",
    description:
      "The CSV columns are those of the seller's export (docs/api.md). `mode=dry-run` changes nothing and answers the counts, the errors by line and a token; `mode=apply&token=…` applies that plan in one transaction, or answers 409 (VERSION_CONFLICT) when the catalogue or the file changed since the dry run, 400 with details.errors when the file has errors.",
    access: { kind: "store-key", scope: "catalog:write" },
    query: z
      .object({
        mode: z.enum(["dry-run", "apply"]),
        token: zText().regex(/^[0-9a-f]{64}$/, "The token of a dry run of this file").optional().meta({ description: "The dry run's token (apply only)" }),
      })
      .strict(),
    rawBody: { types: ["text/csv", "application/octet-stream"], description: `The CSV file (at most ${MAX_FILE_BYTES / 1024 / 1024} MB)` },
    bodyLimit: MAX_FILE_BYTES,
    limit: "imports",
    errors: ["VERSION_CONFLICT"],
    response: { status: 200, description: "The dry run's plan, or the applied counts", schema: ZImportResult },
    handler: async ({ db, principal, query, body }) => {
      const actor = storeActor(principal);
      const bytes = body as unknown as Uint8Array; // rawBody: the bytes as sent
      if (query.mode === "dry-run") return { status: 200, body: { mode: "dry-run", ...(await dryRunImport(db, actor, bytes)) } satisfies ImportResult };
      const token = query.token;
      if (!token) throw new AppError("VALIDATION", "Run a dry run first and pass its token", { fieldErrors: { "query.token": ["Required for apply: the dry run's token"] } });
      const r = await inTransaction(db, (tx) => applyImport(tx, actor, bytes, token), APPLY_IMPORT_TX);
      return { status: 200, body: { mode: "apply", counts: r.counts } satisfies ImportResult };
    },
  }),
];
