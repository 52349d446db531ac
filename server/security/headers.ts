// Security headers for every response the app sends (set by proxy.ts): a Content-Security-Policy
// whose scripts need this request's nonce (Next.js puts it on its own scripts, read from the
// request's CSP header), no framing, no sniffing, a strict referrer, no powerful features, and
// HSTS when the shop is served over HTTPS.
import "server-only";
import { env, getAppUrl } from "@/server/env";

/** A fresh, unguessable nonce for one response. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
}

/** Where browsers open the live-update socket: SIDECAR_PUBLIC_URL, else the page's host on
 * SIDECAR_PORT (as client/live does), in the http(s) and ws(s) forms (Socket.IO polls, then
 * upgrades). Without a public URL both the plain and the TLS forms are listed: behind a proxy that
 * terminates TLS, this server sees http while the browser's page is https. */
export function sidecarSources(
  host: string,
  config: { publicUrl?: string; port: number } = { publicUrl: env.SIDECAR_PUBLIC_URL, port: env.SIDECAR_PORT },
): string[] {
  if (config.publicUrl) {
    const base = new URL(config.publicUrl);
    const secure = base.protocol === "https:" || base.protocol === "wss:";
    return [`${secure ? "https" : "http"}://${base.host}`, `${secure ? "wss" : "ws"}://${base.host}`];
  }
  const hostPort = `${host.replace(/:\d+$/, "")}:${config.port}`;
  return ["http", "https", "ws", "wss"].map((scheme) => `${scheme}://${hostPort}`);
}

export function contentSecurityPolicy(opts: { nonce: string; sidecar: string[]; dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by the nonced ones (Next.js chunks) run, nothing else does.
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // React sets style attributes; inline styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${opts.sidecar.join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ];
  if (opts.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** The headers every response carries besides the CSP. */
export function staticSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** Is the shop served over HTTPS (NEXTAUTH_URL)? HSTS and upgrade-insecure-requests only then. */
export function servedOverHttps(): boolean {
  return new URL(getAppUrl()).protocol === "https:";
}

export const isDev = () => env.NODE_ENV === "development";
