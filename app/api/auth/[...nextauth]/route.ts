// next-auth's endpoints. A POST (sign-in, sign-out, session update) must come from the app's own
// origin, as a urlencoded form (or JSON: the session update), and fit in BODY_LIMITS.auth: it is
// read through the bounded reader and handed to next-auth as a new request.
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { errorResponse } from "@/server/api/route";
import { getAuthOptions } from "@/server/auth/options";
import { assertContentType, assertSameOrigin, BODY_LIMITS, readBoundedBody } from "@/server/http/request-guards";

type Ctx = { params: Promise<{ nextauth: string[] }> };

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
  return NextAuth(getAuthOptions())(bounded, ctx);
}

export { GET, POST };
