// `npm test`: the whole suite. Unit and integration tests (Vitest) on embedded PGlite and on a
// throwaway PostgreSQL database; then the browser tests (Playwright) against the real app
// started with `npm start`, once on the embedded default and, when a PostgreSQL server is
// reachable, once more in production shape: PostgreSQL server plus Redis.
// REQUIRE_POSTGRES=1 / REQUIRE_REDIS=1 (CI sets both) make a missing server a failure, and
// REQUIRE_PROMETHEUS=1 (CI too) a missing Prometheus (e2e/observability.spec.ts would skip).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { adminQuery, DEFAULT_ADMIN_URL, postgresReachable, withDatabase } from "@/server/db/admin";
import { childProcessEnv, env } from "@/server/env";
import { RUN_ERRORS_FILE } from "@/test/reporters/run-errors";

const root = path.resolve(import.meta.dirname, "..");
const results = path.join(root, ".data/test-results");
const adminUrl = env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_URL;
const redisUrl = env.REDIS_URL ?? "redis://127.0.0.1:6379";
const only = process.argv[2]; // "unit" | "e2e" | undefined (all)

let passed = 0;
let failed = 0;
const failures: string[] = [];
/** Said again in the summary, where a reader of the end of the output sees it. */
const notes: string[] = [];

function run(label: string, cmd: string, args: string[], extraEnv: Record<string, string | undefined> = {}): boolean {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: childProcessEnv(extraEnv) });
  if (r.status !== 0) failures.push(label);
  return r.status === 0;
}

function count(label: string, file: string, read: (json: Record<string, unknown>) => [number, number]) {
  if (!existsSync(file)) {
    failures.push(`${label}: no results`);
    return;
  }
  const [p, f] = read(JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>);
  passed += p;
  failed += f;
  console.log(`${label}: ${p} passed, ${f} failed`);
}

// The Prisma client was generated (when missing or stale) by scripts/prisma-client.mjs, which
// package.json loads before this file.
rmSync(results, { recursive: true, force: true });

if (only !== "e2e") {
  const out = path.join(results, "vitest.json");
  const runErrors = path.join(root, RUN_ERRORS_FILE);
  const ok = run(
    "unit and integration (Vitest: PGlite and PostgreSQL)",
    process.execPath,
    [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, "--reporter=./test/reporters/run-errors.ts"],
  );
  count("vitest", out, (j) => {
    const failedTests = Number(j.numFailedTests ?? 0);
    // Vitest also fails a run whose tests all passed: an unhandled rejection or error, or a file
    // that could not load. Say so, or the summary reads "0 failed" beside a failed step.
    if (!ok && failedTests === 0) {
      console.log(
        `vitest failed outside any test: ${Number(j.numFailedTestSuites ?? 0)} file(s) failed to run; ` +
          `otherwise look for "Unhandled Errors" above`,
      );
    }
    if (!ok && existsSync(runErrors)) {
      const e = JSON.parse(readFileSync(runErrors, "utf8")) as { unhandled: { name: string; message: string; stack: string }[]; files: { file: string; errors: { name: string; message: string; stack: string }[] }[] };
      for (const f of e.files) for (const x of f.errors) notes.push(`vitest: ${f.file} did not run: ${x.name}: ${x.message}\n${x.stack}`);
      for (const x of e.unhandled) notes.push(`vitest: unhandled ${x.name}: ${x.message}\n${x.stack}`);
    }
    return [Number(j.numPassedTests ?? 0), failedTests];
  });
}

if (only !== "unit") {
  // e2e/observability.spec.ts runs a real Prometheus; without it that test skips, unless required.
  if (env.REQUIRE_PROMETHEUS && !(existsSync("/usr/bin/promtool") && existsSync("/usr/bin/prometheus"))) {
    failures.push("Prometheus required (REQUIRE_PROMETHEUS) but /usr/bin/promtool or /usr/bin/prometheus is missing: apt-get install prometheus");
  }
  const playwright = path.join(root, "node_modules/@playwright/test/cli.js");
  const e2e = (label: string, file: string, extraEnv: Record<string, string | undefined>) => {
    run(label, process.execPath, [playwright, "test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file, ...extraEnv });
    count(label, file, (j) => {
      const s = (j.stats ?? {}) as Record<string, number>;
      return [(s.expected ?? 0) + (s.flaky ?? 0), s.unexpected ?? 0];
    });
  };

  rmSync(path.join(root, ".data/e2e"), { recursive: true, force: true });
  e2e("browser (Playwright: embedded PGlite)", path.join(results, "e2e-embedded.json"), {
    E2E_DATA_DIR: ".data/e2e",
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
  });

  if (await postgresReachable(adminUrl)) {
    const db = `lm_e2e_${Date.now().toString(36)}_${process.pid}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${db}"`);
    rmSync(path.join(root, ".data/e2e-pg"), { recursive: true, force: true });
    try {
      e2e("browser (Playwright: PostgreSQL server + Redis)", path.join(results, "e2e-postgres.json"), {
        E2E_DATA_DIR: ".data/e2e-pg",
        E2E_PORT: "3200",
        DATABASE_URL: withDatabase(adminUrl, db),
        REDIS_URL: redisUrl,
        // Production shape includes several app processes behind the one port (node:cluster):
        // every browser test of this run meets two workers taking turns.
        WEB_CONCURRENCY: "2",
      });
    } finally {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    }
    // The shop killed under order load, and its sidecar in a crash loop (test/crash-recovery.ts):
    // reuses the build the browser tests made.
    const ok = run("crash recovery (PostgreSQL server + Redis)", process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "test/crash-recovery.ts")], {
      REDIS_URL: redisUrl,
    });
    if (ok) passed += 1;
    else failed += 1;
  } else if (env.REQUIRE_POSTGRES) {
    failures.push(`PostgreSQL required but not reachable at ${adminUrl}`);
  } else {
    console.warn(`\n[tests] PostgreSQL not reachable at ${adminUrl}: browser tests ran on the embedded database only.`);
  }
}

console.log("\n=== summary ===");
for (const n of notes) console.log(n);
if (failures.length) console.log(`failed steps: ${failures.join("; ")}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failures.length || failed ? 1 : 0);
