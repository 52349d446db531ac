import createNextIntlPlugin from "next-intl/plugin";

// next-intl finds the request configuration (locale and messages) at i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native, WASM or driver packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "@node-rs/argon2",
    "ioredis",
    "sharp",
    // One copy per process: the metrics registry lives on globalThis (server/observability/metrics.ts).
    "prom-client",
    // The order emails' MJML compiler (server/services/notifications/templates.ts): CommonJS with
    // many dependencies, loaded from node_modules as it is.
    "mjml",
  ],
  images: { unoptimized: true },
  // Next.js's own static files skip proxy.ts (which sets the security headers and the CSP on
  // everything else): they get the headers that apply to scripts and styles here.
  async headers() {
    return [
      {
        source: "/_next/static/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
