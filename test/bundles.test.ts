// The sidecar bundle that `npm start` runs (scripts/bundles.ts): what it loads at rest.
import { build, transform, type BuildResult, type Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { SIDECAR_BUILD, asciiOnly } from "@/scripts/bundles";

/** The outputs a bundle's entry loads before it runs: its static imports, transitively. */
function loadedAtStart(meta: Metafile): Set<string> {
  const entry = Object.keys(meta.outputs).find((o) => meta.outputs[o]!.entryPoint?.endsWith("sidecar-main.ts"));
  const seen = new Set<string>();
  const next = [entry!];
  while (next.length > 0) {
    const o = next.pop()!;
    if (seen.has(o)) continue;
    seen.add(o);
    for (const i of meta.outputs[o]!.imports) if (i.kind === "import-statement" && !i.external) next.push(i.path);
  }
  return seen;
}

describe("the sidecar bundle", () => {
  // Built once, in memory, for both tests.
  let out: BuildResult<{ write: false; metafile: true }>;
  beforeAll(async () => {
    out = await build({ ...SIDECAR_BUILD, write: false, metafile: true, logLevel: "silent" });
  });

  it("loads Redis support only when it is used: no ioredis, emitter or Redis adapter at start", async () => {
    const atStart = loadedAtStart(out.metafile);
    const packages = new Set<string>();
    for (const o of atStart) for (const input of Object.keys(out.metafile.outputs[o]!.inputs)) packages.add(/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? "");
    // The bundle does hold them, in chunks imported on demand (with REDIS_URL).
    const all = new Set(Object.values(out.metafile.outputs).flatMap((o) => Object.keys(o.inputs)));
    expect([...all].some((i) => i.includes("node_modules/ioredis/"))).toBe(true);
    expect(packages.has("socket.io")).toBe(true);
    for (const redisOnly of ["ioredis", "@socket.io/redis-emitter", "@socket.io/redis-adapter", "@socket.io/redis-streams-adapter"]) expect(packages.has(redisOnly), redisOnly).toBe(false);
  });

  it("is written as ASCII, the same program: non-ASCII characters left in comments are escaped", async () => {
    const raw = out.outputFiles.map((f) => f.text);
    // Socket.IO's comments have curly quotes (what made V8 keep the source at two bytes a character).
    expect(raw.some((t) => /[^\x00-\x7f]/.test(t))).toBe(true);
    for (const text of raw) {
      const ascii = asciiOnly(text);
      expect(/[^\x00-\x7f]/.test(ascii)).toBe(false);
      await expect(transform(ascii, { loader: "js", format: "esm", logLevel: "silent" })).resolves.toBeTruthy();
    }
    // Anywhere else a character is escaped, it is the same character.
    const source = 'const s = "caf\u00e9 \u201cquoted\u201d \u{1f600}"; /* \u00b5s */ export default s;';
    const escaped = asciiOnly(source);
    expect(escaped).not.toMatch(/[^\x00-\x7f]/);
    const run = (code: string) => new Function(code.replace("export default s;", "return s;"))() as string;
    expect(run(escaped)).toBe(run(source));
  });
});
