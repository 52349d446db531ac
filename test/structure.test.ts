// The layout's rules that a compiler cannot see, checked over the tree as text: code under
// server/ is marked server-only (a browser bundle that reaches it fails to build), and stock and
// price are written by one module only.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const tracked = (dir: string) =>
  execFileSync("git", ["ls-files", "-co", "--exclude-standard", dir], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"));

describe("folders say where code runs", () => {
  it("every module under server/ starts with import \"server-only\"", () => {
    const files = tracked("server");
    expect(files.length).toBeGreaterThan(50);
    const unmarked = files.filter((f) => {
      const firstImport = readFileSync(path.join(root, f), "utf8")
        .split("\n")
        .find((l) => /^import\b/.test(l));
      return firstImport !== 'import "server-only";';
    });
    expect(unmarked).toEqual([]);
  });
});
