// `npm start`: runs the supervisor (scripts/start.ts) from its bundle, dist/start.mjs, when that
// was made from the sources as they are now (dist/start.inputs.json lists them with their
// hashes); otherwise (first run, or a source changed) from the sources through tsx. The
// supervisor then builds when it must, which bundles it again. Plain JavaScript, so deciding costs
// a few file reads and no TypeScript loader: the bundle spares the supervisor tsx's loader
// thread and esbuild service for as long as the shop runs (docs/performance.md).
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const bundle = path.join(root, "dist/start.mjs");
const inputsFile = path.join(root, "dist/start.inputs.json");

function bundleIsCurrent() {
  if (!existsSync(bundle) || !existsSync(inputsFile)) return false;
  try {
    const { inputs } = JSON.parse(readFileSync(inputsFile, "utf8"));
    return (
      Array.isArray(inputs) &&
      inputs.length > 0 &&
      inputs.every(([file, hash]) => {
        const abs = path.join(root, file);
        return existsSync(abs) && createHash("sha256").update(readFileSync(abs)).digest("hex") === hash;
      })
    );
  } catch {
    return false;
  }
}

if (bundleIsCurrent()) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(path.join(root, "scripts/start.ts")).href);
}
