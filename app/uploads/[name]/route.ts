// GET /uploads/<name>: an uploaded product image. Names are random and never reused, so the
// response may be cached for a year. Uploads are re-encoded images (server/services/
// product-editor/uploads.ts); as a second line, nosniff keeps browsers to the image type, the
// CSP sandbox stops anything from running should a file ever be opened as a document, and
// Content-Disposition names it as a file of its own (inline: <img> and direct views still work).
import { routeHandler } from "@/server/api/route";
import { readUpload } from "@/server/services/product-editor/uploads";

export const dynamic = "force-dynamic";

export const GET = routeHandler<"public", { name: string }>("public", async ({ params }) => {
  const file = await readUpload(params.name);
  if (!file) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": `inline; filename="${params.name}"`,
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
});
