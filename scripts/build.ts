// `npm run build`: the production build, made once where the build tools are installed (a full
// `npm ci`): the sidecar bundle (dist/sidecar.mjs), the Next.js build (.next/) and a fingerprint
// of the sources it was made from. `npm start` serves a build whose fingerprint matches the
// sources; it builds one itself only outside production (the newcomer's one command), and with
// NODE_ENV=production it refuses to start without one (docs/decisions.md, "a prepared build").
// The fingerprint hashes file contents, not times, so a build copied with its sources (a Docker
// stage, a CI artifact, a fresh `npm ci --omit=dev` over the same folder) is still current.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { childProcessEnv } from "@/server/env";
import { APP_SERVER_BUNDLE, APP_SERVER_SOURCES, buildBundles, SIDECAR_BUNDLE, START_SOURCES } from "./bundles";

export { APP_SERVER_BUNDLE, SIDECAR_BUNDLE };

const root = path.resolve(import.meta.dirname, "..");
const FINGERPRINT_FILE = path.join(root, ".next/livemarket-build-fingerprint");
export const BUILD_INPUTS = ["app", "components", "client", "shared", "server", "types", "i18n", "messages", "public", "instrumentation.ts", "proxy.ts", "prisma/schema.prisma", "next.config.mjs", "postcss.config.mjs", "package-lock.json", "tsconfig.json", ...APP_SERVER_SOURCES, ...START_SOURCES];
// Build tools that are dev dependencies only: without them (npm ci --omit=dev) nothing can be
// built. (TypeScript and PostCSS stay installed there: Prisma, tRPC and Next.js bring them.)
const BUILD_TOOLS = ["tailwindcss", "@tailwindcss/postcss"];

/** A hash of every source file the build reads (names and contents). */
export function sourceFingerprint(): string {
  const h = createHash("sha256");
  const visit = (p: string) => {
    const abs = path.join(root, p);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) visit(path.join(p, name));
    } else {
      h.update(`${p}\0`).update(readFileSync(abs)).update("\0");
    }
  };
  BUILD_INPUTS.forEach(visit);
  return h.digest("hex");
}

/** Whether .next and the sidecar and app server bundles were built from the sources as they are now. */
export function buildIsCurrent(fingerprint = sourceFingerprint()): boolean {
  return existsSync(path.join(root, ".next/BUILD_ID")) && existsSync(SIDECAR_BUNDLE) && existsSync(APP_SERVER_BUNDLE) && existsSync(FINGERPRINT_FILE) && readFileSync(FINGERPRINT_FILE, "utf8") === fingerprint;
}

/** The build tools this install lacks (none after a full `npm ci`). */
export function missingBuildTools(): string[] {
  return BUILD_TOOLS.filter((t) => !existsSync(path.join(root, "node_modules", t, "package.json")));
}

/** Builds the sidecar bundle, then Next.js; `onSidecarBuilt` lets `npm start` start the sidecar
 * while Next.js builds. */
export async function buildAll(onSidecarBuilt?: () => void): Promise<void> {
  const missing = missingBuildTools();
  if (missing.length) {
    throw new Error(`Cannot build: ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} not installed (an install without dev dependencies). Build with a full \`npm ci\` and \`npm run build\`, then install with --omit=dev over it.`);
  }
  const fingerprint = sourceFingerprint();
  rmSync(FINGERPRINT_FILE, { force: true });
  await buildBundles();
  onSidecarBuilt?.();
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: childProcessEnv({ NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }),
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status ?? r.signal})`);
  writeFileSync(FINGERPRINT_FILE, fingerprint);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  try {
    await buildAll();
    console.log(`[livemarket] built in ${((Date.now() - t0) / 1000).toFixed(1)} s: .next/, ${path.relative(root, SIDECAR_BUNDLE)} and ${path.relative(root, APP_SERVER_BUNDLE)}; \`npm start\` serves it`);
  } catch (err) {
    console.error(`[livemarket] ${(err as Error).message}`);
    process.exit(1);
  }
}
