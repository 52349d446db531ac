// GET /uploads/<name>: an uploaded product image. Names are random and never reused, so the
// response may be cached for a year; nosniff keeps browsers to the checked content type.
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
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
});
