// Swagger UI's script for /docs/api, served from our own origin (no CDN).
import { docsAsset } from "@/server/api/rest/docs-assets";

export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const asset = await docsAsset((await params).file);
  if (!asset) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(asset.body), {
    headers: { "content-type": asset.contentType, "cache-control": "public, max-age=3600", "x-content-type-options": "nosniff" },
  });
}
