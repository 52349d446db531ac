// POST /api/uploads (multipart, field "file"): a signed-in seller uploads a product image.
// Answers { url } or { error, fieldErrors } with 400/401/403/413.
import { getSession } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { MAX_UPLOAD_BYTES, saveUpload } from "@/server/services/product-editor/uploads";

export const dynamic = "force-dynamic";

const fail = (status: number, error: string) => Response.json({ error, fieldErrors: { file: [error] } }, { status });

export async function POST(req: Request) {
  const session = await getSession();
  if (!session) return fail(401, "Sign in to upload images");
  if (session.user.role !== "SELLER") return fail(403, "Seller access only");
  // The same check as every seller procedure: a current, enabled seller with a store.
  const db = await getDb();
  const store = await db.store.findUnique({ where: { ownerId: session.user.id }, select: { owner: { select: { role: true, disabledAt: true } } } });
  if (!store || store.owner.role !== "SELLER" || store.owner.disabledAt) return fail(403, "Seller access only");
  // Refuse an obviously oversized body before reading it (multipart overhead allowed for).
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_UPLOAD_BYTES + 64 * 1024) return fail(413, "The image is larger than 5 MB; the limit is 5 MB.");
  let file: FormDataEntryValue | null;
  try {
    file = (await req.formData()).get("file");
  } catch {
    return fail(400, "Send the image as multipart form data in the field \"file\"");
  }
  if (!file || typeof file === "string") return fail(400, "Choose an image file");
  if (file.size > MAX_UPLOAD_BYTES) return fail(413, "The image is larger than 5 MB; the limit is 5 MB.");
  try {
    const saved = await saveUpload(new Uint8Array(await file.arrayBuffer()));
    return Response.json({ url: saved.url }, { status: 201 });
  } catch (err) {
    if (err instanceof AppError && err.code === "VALIDATION") return fail(400, err.message);
    logger.error("upload failed", { err });
    return fail(500, "The image could not be stored. Try again.");
  }
}
