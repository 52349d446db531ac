// What `npm start` compares to decide whether the production build in .next/ (and the sidecar
// bundle in dist/) was made from the sources as they are now: a hash of the build inputs' paths,
// sizes and modification times, stored in .next/livemarket-build-fingerprint after a build.
//
// `node --import tsx scripts/build-fingerprint.ts --write` stamps the current sources as built.
// The Dockerfile runs it in the image's last stage, after copying a build made in an earlier one
// (copying may change modification times), so `npm start` in the container reuses that build.
// Only run it where .next/ and dist/ were built from exactly these sources.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export const BUILD_INPUTS = ["app", "components", "client", "shared", "server", "types", "prisma/schema.prisma", "next.config.mjs", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];
export const FINGERPRINT_FILE = path.join(root, ".next/livemarket-build-fingerprint");

export function buildFingerprint(): string {
  const h = createHash("sha256");
  const visit = (p: string) => {
    const abs = path.join(root, p);
    if (!existsSync(abs)) return;
    const st = statSync(abs);
    if (st.isDirectory()) {
      for (const name of readdirSync(abs).sort()) visit(path.join(p, name));
    } else {
      h.update(`${p}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  BUILD_INPUTS.forEach(visit);
  return h.digest("hex");
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes("--write")) {
  if (!existsSync(path.join(root, ".next/BUILD_ID")) || !existsSync(path.join(root, "dist/sidecar.mjs"))) {
    console.error("no build to stamp: .next/BUILD_ID or dist/sidecar.mjs is missing");
    process.exit(1);
  }
  writeFileSync(FINGERPRINT_FILE, buildFingerprint());
  console.log(`stamped the build of the current sources (${path.relative(root, FINGERPRINT_FILE)})`);
}
