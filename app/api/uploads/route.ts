// POST /api/uploads (multipart/form-data, field "file"): a signed-in seller uploads a product image.
// Answers 201 { url }, or the error body { message, appCode, fieldErrors } with 400/401/403/413/415.
// The body is read by routeHandler, bounded by the image limit plus multipart overhead.
import { routeHandler } from "@/server/api/route";
import { AppError } from "@/server/errors";
import { MAX_UPLOAD_BYTES, saveUpload } from "@/server/services/product-editor/uploads";

export const dynamic = "force-dynamic";

const refuse = (code: "VALIDATION" | "TOO_LARGE", message: string) => new AppError(code, message, { fieldErrors: { file: [message] } });
const TOO_LARGE = "The image is larger than 5 MB; the limit is 5 MB.";

export const POST = routeHandler(
  "seller",
  async ({ formData }) => {
    let file: FormDataEntryValue | null;
    try {
      file = (await formData()).get("file");
    } catch {
      throw refuse("VALIDATION", 'Send the image as multipart form data in the field "file"');
    }
    if (!file || typeof file === "string") throw refuse("VALIDATION", "Choose an image file");
    if (file.size > MAX_UPLOAD_BYTES) throw refuse("TOO_LARGE", TOO_LARGE);
    const saved = await saveUpload(new Uint8Array(await file.arrayBuffer()));
    return Response.json({ url: saved.url }, { status: 201 });
  },
  { body: { types: ["multipart/form-data"], limit: MAX_UPLOAD_BYTES + 64 * 1024, tooLarge: TOO_LARGE }, limit: "uploads" },
);
