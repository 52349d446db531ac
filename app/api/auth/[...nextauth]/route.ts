import NextAuth from "next-auth";
import { getAuthOptions, RATE_LIMIT_ERROR_PREFIX } from "@/server/auth/options";

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

async function handler(req: Request, ctx: Ctx) {
  const res: Response = await NextAuth(getAuthOptions())(req, ctx);
  return req.method === "POST" ? withRetryAfter(res) : res;
}

export { handler as GET, handler as POST };
