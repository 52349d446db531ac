// Runs a CSV import's dry run or apply and streams progress as NDJSON lines:
//   {"type":"progress","phase","done","total"} ... then {"type":"result",...} or {"type":"error","message","appCode","details"}
// POST body: the file's bytes, as text/csv (or application/octet-stream), at most MAX_FILE_BYTES
// (read by routeHandler's bounded reader). ?mode=dry-run | apply (&token=<dry run token>).
// Progress stays in this response (in memory): on the embedded database the apply transaction
// holds the only connection, so nothing outside it could read a progress row.
import { z } from "zod";
import { zText } from "@/shared/text";
import { routeHandler } from "@/server/api/route";
import { inTransaction } from "@/server/db/transaction";
import { AppError, errorBody, toAppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { kickAppRelay } from "@/server/realtime/kick";
import { MAX_FILE_BYTES } from "@/server/services/seller-catalog/format";
import { APPLY_IMPORT_TX, applyImport, dryRunImport, type ImportProgress } from "@/server/services/seller-catalog/import-products";

export const dynamic = "force-dynamic";

const ZRunParams = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("dry-run") }),
  z.object({ mode: z.literal("apply"), token: zText().regex(/^[0-9a-f]{64}$/, "Run a dry run first") }),
]);

const TOO_LARGE = `The file is too large (at most ${MAX_FILE_BYTES / 1024 / 1024} MB).`;

export const POST = routeHandler("seller", async ({ req, db, user, store, body: bytes }) => {
  const parsed = ZRunParams.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) {
    const tokenIssue = parsed.error.issues.some((i) => i.path[0] === "token");
    throw new AppError("VALIDATION", tokenIssue ? "Run a dry run first" : "mode must be dry-run or apply");
  }
  const run = parsed.data;
  const actor = { userId: user.id, storeId: store.id };

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (o: Record<string, unknown>) => controller.enqueue(encoder.encode(`${JSON.stringify(o)}\n`));
      let last = 0;
      const onProgress = (p: ImportProgress) => {
        const now = Date.now();
        if (p.phase === "done" || p.done === 0 || p.done === p.total || now - last > 100) {
          last = now;
          send({ type: "progress", ...p });
        }
      };
      try {
        const result =
          run.mode === "dry-run"
            ? await dryRunImport(db, actor, bytes, onProgress)
            : await inTransaction(db, (tx) => applyImport(tx, actor, bytes, run.token, onProgress), APPLY_IMPORT_TX);
        if (run.mode === "apply") kickAppRelay(); // committed: its stock and price events go out now
        send({ type: "result", mode: run.mode, ...result });
      } catch (err) {
        const app = toAppError(err);
        if (app.code === "INTERNAL") logger.error("seller import failed", { err });
        send({ type: "error", ...errorBody(app) });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      // no-transform: keeps compression from buffering the progress lines
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
}, { body: { types: ["text/csv", "application/octet-stream"], limit: MAX_FILE_BYTES, tooLarge: TOO_LARGE }, limit: "imports" });
