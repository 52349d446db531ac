// The OpenAPI 3.1 document of /api/v1, generated from the operations' zod schemas.
import { openApiJson } from "@/server/api/rest";
import { corsHeaders } from "@/server/api/rest/cors";

export function GET(req: Request): Response {
  return new Response(openApiJson(), {
    headers: { "content-type": "application/json", "cache-control": "public, max-age=300", ...corsHeaders(req.headers.get("origin")) },
  });
}
