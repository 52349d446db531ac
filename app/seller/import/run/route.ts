// Runs a CSV import's dry run or apply and streams progress as NDJSON lines:
//   {"type":"progress","phase","done","total"} ... then {"type":"result",...} or {"type":"error","message","appCode","details"}
// POST body: the file's bytes. ?mode=dry-run | apply (&token=<dry run token>).
// Progress stays in this response (in memory): on the embedded database the apply transaction
// holds the only connection, so nothing outside it could read a progress row.
import { getDb } from "@/server/db";
import { getSession } from "@/server/auth/session";
import { AppError, fromPrismaError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { MAX_FILE_BYTES } from "@/server/services/seller-catalog/format";
import { applyImport, dryRunImport, type ImportProgress } from "@/server/services/seller-catalog/import-products";
import { kickAppRelay } from "@/server/realtime/kick";

export const dynamic = "force-dynamic";

function json(status: number, body: Record<string, unknown>): Response {
  return Response.json({ type: "error", ...body }, { status });
}

export async function POST(req: Request): Promise<Response> {
  const session = await getSession();
  if (!session) return json(401, { message: "Sign in to continue", appCode: "UNAUTHENTICATED" });
  if (session.user.role !== "SELLER") return json(403, { message: "Seller access only", appCode: "FORBIDDEN" });
  const db = await getDb();
  const store = await db.store.findUnique({ where: { ownerId: session.user.id }, select: { id: true } });
  if (!store) return json(403, { message: "This seller has no store yet", appCode: "FORBIDDEN" });

  const url = new URL(req.url);
  const mode = url.searchParams.get("mode");
  const token = url.searchParams.get("token") ?? "";
  if (mode !== "dry-run" && mode !== "apply") return json(400, { message: "mode must be dry-run or apply", appCode: "VALIDATION" });
  if (mode === "apply" && !/^[0-9a-f]{64}$/.test(token)) return json(400, { message: "Run a dry run first", appCode: "VALIDATION" });
  if (Number(req.headers.get("content-length") ?? 0) > MAX_FILE_BYTES) {
    return json(413, { message: `The file is too large (at most ${MAX_FILE_BYTES / 1024 / 1024} MB).`, appCode: "VALIDATION" });
  }
  const bytes = new Uint8Array(await req.arrayBuffer());
  const actor = { userId: session.user.id, storeId: store.id };

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
        const result = mode === "dry-run" ? await dryRunImport(db, actor.storeId, bytes, onProgress) : await applyImport(db, actor, bytes, token, onProgress);
        if (mode === "apply") kickAppRelay(); // committed: its stock and price events go out now
        send({ type: "result", mode, ...result });
      } catch (err) {
        const app = err instanceof AppError ? err : fromPrismaError(err);
        if (!app) logger.error("seller import failed", { err });
        send({
          type: "error",
          message: app?.message ?? "Something went wrong. Nothing was changed.",
          appCode: app?.code ?? "INTERNAL",
          details: app?.details ?? null,
        });
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
}
