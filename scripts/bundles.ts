// The processes `npm start` runs, bundled into plain JavaScript so each starts in a fraction of
// the time and memory that loading TypeScript through tsx costs (docs/performance.md);
// scripts/build.ts makes them whenever it builds the app:
//  - dist/sidecar.mjs: the sidecar, with its packages;
//  - dist/app-server.mjs: the app's HTTP server (scripts/app-server.ts, with the cluster primary),
//    its packages (Next.js, prom-client) left to node_modules;
//  - dist/start.mjs: the supervisor (scripts/start.ts), with dist/start.inputs.json naming the
//    sources it was made from and their hashes: scripts/npm-start.mjs runs it only while they
//    are unchanged, else the sources through tsx.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build, stop, type BuildOptions } from "esbuild";
const root = path.resolve(import.meta.dirname, "..");
// Outside .next: `next build` empties that folder.
export const SIDECAR_BUNDLE = path.join(root, "dist/sidecar.mjs");
export const APP_SERVER_BUNDLE = path.join(root, "dist/app-server.mjs");
/** The sources of dist/app-server.mjs (outside the folders the build fingerprint already hashes). */
export const APP_SERVER_SOURCES = ["scripts/app-server.ts", "scripts/cluster-primary.ts", "scripts/peer-stamp.ts"];
export const START_BUNDLE = path.join(root, "dist/start.mjs");
export const START_INPUTS = path.join(root, "dist/start.inputs.json");
/** The supervisor's own sources outside server/ (which the build fingerprint hashes anyway): when
 * one changes, the build is not current, so the next `npm start` (run through tsx then) rebuilds
 * and bundles the supervisor again. */
export const START_SOURCES = ["scripts/start.ts", "scripts/build.ts", "scripts/bundles.ts"];

/** What every bundle shares: Node 20 ESM, lines kept short and names kept (so errors and stack
 * traces stay readable), `@/` resolved to the repository. server/ modules are marked
 * `import "server-only"` (it fails a browser build); these processes are server code run without
 * the react-server condition, so the marker resolves to its empty module, as in Next.js server
 * builds. */
const COMMON = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minifySyntax: true,
  keepNames: true,
  legalComments: "none",
  logLevel: "warning",
  absWorkingDir: root,
  alias: { "@": root, "server-only": path.join(root, "node_modules/server-only/empty.js") },
} satisfies BuildOptions;

/** Split bundles in dist/: the entry as `<name>.mjs`, lazily loaded parts in dist/chunks/. */
const split = (entry: string, name: string) =>
  ({
    entryPoints: [path.join(root, entry)],
    outdir: path.dirname(SIDECAR_BUNDLE),
    entryNames: name,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    splitting: true,
  }) satisfies BuildOptions;

/** The sidecar with its packages. Redis support (ioredis, the adapters) is in chunks loaded only
 * with REDIS_URL: nothing the sidecar imports statically may import ioredis (about 7 MB at rest,
 * checked by test/bundles.test.ts). */
export const SIDECAR_BUILD = {
  ...COMMON,
  ...split("server/realtime/sidecar-main.ts", "sidecar"),
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  // Optional native speed-ups that ws and engine.io try to load; plain JS is used without them.
  external: ["bufferutil", "utf-8-validate"],
} satisfies BuildOptions;

/** esbuild writes strings, regular expressions and names as ASCII but keeps comments as they are,
 * and one non-ASCII character in a comment (Socket.IO's curly quotes) makes V8 hold the whole
 * module's source as two bytes per character: 3.4 MB instead of 1.7 for the sidecar. Escaped,
 * they are still the same comments (and, anywhere else, the same characters). */
export function asciiOnly(source: string): string {
  return source.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export async function buildBundles(): Promise<void> {
  // A fresh folder: chunks of earlier builds (their names carry content hashes) do not pile up.
  rmSync(path.dirname(SIDECAR_BUNDLE), { recursive: true, force: true });
  await build(SIDECAR_BUILD);
  // The app server; the cluster primary is its own chunk, loaded only with WEB_CONCURRENCY > 1.
  // Next.js and prom-client from node_modules, as the app's build uses them.
  await build({ ...COMMON, ...split("scripts/app-server.ts", "app-server"), packages: "external" });
  // The supervisor, with the list of sources it was made from (scripts/npm-start.mjs reads it).
  const start = await build({ ...COMMON, entryPoints: [path.join(root, "scripts/start.ts")], outfile: START_BUNDLE, packages: "external", metafile: true });
  const inputs = Object.keys(start.metafile.inputs)
    .filter((f) => !f.startsWith("node_modules/"))
    .sort()
    .map((f) => [f, createHash("sha256").update(readFileSync(path.join(root, f))).digest("hex")]);
  writeFileSync(START_INPUTS, JSON.stringify({ inputs }, null, 1));
  for (const file of readdirSync(path.dirname(SIDECAR_BUNDLE), { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".mjs")) continue;
    const at = path.join(path.dirname(SIDECAR_BUNDLE), file);
    const source = readFileSync(at, "utf8");
    const ascii = asciiOnly(source);
    if (ascii !== source) writeFileSync(at, ascii);
  }
  // esbuild keeps a service process (~65 MB) for the next build; there is none in a process
  // that builds once (npm start's supervisor would hold it for as long as the shop runs).
  await stop();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildBundles();
  console.log(`bundled into ${path.relative(root, path.dirname(SIDECAR_BUNDLE))}/`);
}
