// next-auth's endpoints. A POST (sign-in, sign-out, session update) must come from the app's own
// origin, as a urlencoded form (or JSON: the session update), and fit in BODY_LIMITS.auth: it is
// read through the bounded reader and handed to next-auth as a new request. A throttled sign-in
// answers 429 with Retry-After.
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { errorResponse } from "@/server/api/route";
import { getAuthOptions, RATE_LIMIT_ERROR_PREFIX } from "@/server/auth/options";
import { assertContentType, assertSameOrigin, BODY_LIMITS, readBoundedBody } from "@/server/http/request-guards";

type Ctx = { params: Promise<{ nextauth: string[] }> };

/** A throttled sign-in leaves next-auth as an `error=RATE_LIMITED:<seconds>` in the answer's
 * URL; it is answered as 429 with Retry-After, the body unchanged (the sign-in form reads it). */
async function withRetryAfter(res: Response): Promise<Response> {
  const location = res.headers.get("location");
  const body = location ? null : ((await res.clone().json().catch(() => null)) as { url?: string } | null);
  const url = location ?? body?.url;
  const error = url ? new URL(url, "http://x").searchParams.get("error") : null;
  if (!error?.startsWith(RATE_LIMIT_ERROR_PREFIX)) return res;
  const seconds = Math.max(1, Number(error.slice(RATE_LIMIT_ERROR_PREFIX.length)) || 60);
  const headers = new Headers(res.headers);
  headers.set("retry-after", String(seconds));
  // A form posted without JavaScript is still sent on (redirected) to the sign-in page.
  return new Response(res.body, { status: location ? res.status : 429, headers });
}

function GET(req: Request, ctx: Ctx) {
  return NextAuth(getAuthOptions())(req, ctx);
}

async function POST(req: Request, ctx: Ctx) {
  let bounded: NextRequest;
  try {
    assertSameOrigin(req);
    assertContentType(req, ["application/x-www-form-urlencoded", "application/json"]);
    const body = await readBoundedBody(req, BODY_LIMITS.auth);
    const headers = new Headers(req.headers);
    headers.delete("content-length");
    headers.delete("transfer-encoding");
    bounded = new NextRequest(req.url, { method: "POST", headers, body: body.byteLength > 0 ? body : undefined });
  } catch (err) {
    return errorResponse(err);
  }
  return withRetryAfter(await NextAuth(getAuthOptions())(bounded, ctx));
}

export { GET, POST };
