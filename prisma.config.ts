// Prisma CLI configuration (generate / migrate). The CLI runs its WASM schema engine
// ("engine: js") because the native engines cannot be downloaded here; see
// ../shared/notes/prisma-offline.md and docs/decisions.md.
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (url && /^postgres(ql)?:\/\//.test(url)) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url });
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const { mkdirSync } = await import("node:fs");
    const dir = process.env.PGLITE_DIR ?? ".data/migrate-dev";
    mkdirSync(dir, { recursive: true });
    return new PrismaPGlite(new PGlite(dir)) as unknown as import("@prisma/adapter-pg").PrismaPg;
  },
});
