// End-to-end tests drive Debian's Chromium (Playwright cannot download browsers here) against
// the real app started with `npm start`, on a fresh data folder (or a fresh PostgreSQL
// database when scripts/test.ts sets DATABASE_URL).
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const sidecarPort = Number(process.env.E2E_SIDECAR_PORT ?? port + 1);
const baseURL = `http://localhost:${port}`;
// The two-instance tests start a second app and sidecar that must share PostgreSQL and Redis
// with the first: only the production-shape run (DATABASE_URL and REDIS_URL set) has them.
/** The METRICS_TOKEN the app under test runs with (not a secret: a test value). */
export const E2E_METRICS_TOKEN = process.env.E2E_METRICS_TOKEN ?? "e2e-metrics-token-not-a-secret";
const productionShape = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const ignored = productionShape ? [] : ["live-instances.spec.ts"];
// Specs for phone-sized screens (e2e/phone*.spec.ts) run in the "phone" project only, and only
// they do: the desktop suite does not run twice.
const PHONE_SPECS = /(^|[/\\])phone[^/\\]*\.spec\.ts$/;

export default defineConfig({
  testDir: "e2e",
  testIgnore: ignored,
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  outputDir: ".data/e2e-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: [...ignored, PHONE_SPECS] },
    // A phone held upright (Pixel 7's touch, user agent and pixel ratio at 390 x 844 CSS pixels),
    // still Debian's Chromium with the launch options above.
    { name: "phone", use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, channel: undefined }, testMatch: PHONE_SPECS },
  ],
  webServer: {
    command: "npm start",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      SIDECAR_PORT: String(sidecarPort),
      DATA_DIR: process.env.E2E_DATA_DIR ?? ".data/e2e",
      NEXTAUTH_URL: baseURL,
      LOG_LEVEL: "warn",
      // Every test registers and signs in users from this one address: the suite would meet the
      // production limits (10 registrations an hour per address). The limits' own tests are in
      // server/limits, server/auth and server/api (Vitest).
      RATE_LIMIT_MULTIPLIER: "100",
      // Webhook tests deliver to a receiver on loopback (refused in production otherwise).
      WEBHOOK_ALLOW_PRIVATE: "1",
      // GET /metrics (app and sidecar) only with this bearer token: e2e/observability.spec.ts
      // checks the refusal and scrapes with it (as Prometheus does there).
      METRICS_TOKEN: E2E_METRICS_TOKEN,
    },
  },
});
