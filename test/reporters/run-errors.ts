// A Vitest reporter for `npm test`: writes what failed a run outside any test (unhandled errors,
// test files that could not load or whose hooks failed; a failed beforeAll leaves its tests
// "skipped", not failed) to RUN_ERRORS_FILE, so the summary at the end of `npm test` can name
// them; Vitest prints them twelve minutes of output earlier.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Reporter, TestModule } from "vitest/node";

interface Described {
  name: string;
  message: string;
  stack: string;
}

function describe(e: unknown): Described {
  const err = (e ?? {}) as { name?: string; message?: string; stack?: string; type?: string };
  return {
    name: err.type ? `${err.type}: ${err.name ?? "Error"}` : (err.name ?? "Error"),
    message: String(err.message ?? e).slice(0, 500),
    stack: String(err.stack ?? "").split("\n").slice(0, 8).join("\n"),
  };
}

export const RUN_ERRORS_FILE = ".data/test-results/vitest-run-errors.json";

export default class RunErrorsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>, reason: string): void {
    const out = path.resolve(RUN_ERRORS_FILE);
    const files = testModules
      .filter((m) => m.state() === "failed" && m.errors().length > 0)
      .map((m) => ({ file: m.relativeModuleId, errors: m.errors().map(describe) }));
    if (files.length === 0 && unhandledErrors.length === 0) {
      rmSync(out, { force: true });
      return;
    }
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ reason, unhandled: unhandledErrors.map(describe), files }, null, 2));
  }
}
