// Next.js proxy (formerly middleware): security headers on every page and API response, with a
// fresh CSP nonce per request (server/security/headers.ts). Next.js reads the nonce from the
// request's Content-Security-Policy header and puts it on the scripts it renders.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isDev, newNonce, servedOverHttps, sidecarSources, staticSecurityHeaders } from "@/server/security/headers";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const https = servedOverHttps();
  const csp = contentSecurityPolicy({ nonce, sidecar: sidecarSources(request.headers.get("host") ?? request.nextUrl.host), dev: isDev(), https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [k, v] of Object.entries(staticSecurityHeaders(https))) response.headers.set(k, v);
  return response;
}

export const config = {
  // Everything but Next.js's own static files (next.config.mjs gives those the same headers
  // without a CSP: they are scripts and styles, not documents).
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
