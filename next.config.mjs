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
  ],
  images: { unoptimized: true },
};

export default nextConfig;
