// Production shape: several app processes and sidecars sharing PostgreSQL and Redis. A second
// app (E2E_PORT+10) and sidecar (E2E_PORT+11) are started here beside the one the config starts.
// Only the PostgreSQL + Redis run includes this file (playwright.config.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { formatMoney } from "../shared/money";
import { setPrice, setStock } from "./api";
import { expect, test as base } from "./fixtures";
import { live } from "./helpers";

const stockOf = (page: Page) => page.getByTestId("product-stock");

const root = path.resolve(import.meta.dirname, "..");

/** The second instance: an app process and a sidecar of their own, sharing instance A's
 * database, Redis and signing secret, as several instances of one shop do. */
interface InstanceB {
  url: string;
  stopSidecar(): Promise<void>;
  startSidecar(): void;
}

async function healthy(url: string) {
  await expect.poll(async () => (await fetch(url).catch(() => null))?.ok ?? false, { timeout: 60_000 }).toBe(true);
}

async function stop(p: ChildProcess | null) {
  if (!p || p.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    p.once("exit", () => resolve());
    p.kill("SIGTERM");
  });
}

const test = base.extend<object, { instanceB: InstanceB }>({
  instanceB: [
    async ({}, provide) => {
      const portB = Number(process.env.E2E_PORT ?? 3100) + 10;
      const sidecarPort = portB + 1;
      const url = `http://localhost:${portB}`;
      // The same signing secret as instance A: that is what several instances of one shop share.
      const secret = readFileSync(path.resolve(root, process.env.E2E_DATA_DIR ?? ".data/e2e", "auth-secret"), "utf8").trim();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: String(portB),
        SIDECAR_PORT: String(sidecarPort),
        NEXTAUTH_URL: url,
        NEXTAUTH_SECRET: secret,
        NODE_ENV: "production",
        LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
        RATE_LIMIT_MULTIPLIER: "100", // as for instance A (playwright.config.ts)
      };
      let sidecar: ChildProcess | null = null;
      const startSidecar = () => {
        sidecar = spawn(process.execPath, [path.join(root, "dist/sidecar.mjs")], { cwd: root, env, stdio: "inherit" });
      };
      const stopSidecar = async () => {
        const p = sidecar;
        sidecar = null;
        await stop(p);
      };
      startSidecar();
      // The app as `npm start` serves it (dist/app-server.mjs, the bundle of scripts/app-server.ts:
      // Next.js, told each socket's address), from the build the first instance made.
      const app = spawn(process.execPath, [path.join(root, "dist/app-server.mjs"), "--port", String(portB)], { cwd: root, env, stdio: "inherit" });
      try {
        await Promise.all([healthy(`http://127.0.0.1:${sidecarPort}/health`), healthy(`http://127.0.0.1:${portB}/api/health`)]);
        await provide({ url, stopSidecar, startSidecar });
      } finally {
        await stopSidecar();
        await stop(app);
      }
    },
    { scope: "worker", timeout: 120_000 },
  ],
});

test("a change made through app A reaches a browser on app B's sidecar", async ({ shop, seller, instanceB }) => {
  // The seller acts through app A (the fixtures' API contexts); the shopper browses app B.
  const product = await shop.product(seller);
  const { id, priceMinor } = product.variants[0]!;
  const { page } = await shop.browserAs(undefined, { baseURL: instanceB.url });
  await page.goto(`/products/${product.slug}?variant=${id}`);
  await live(page);
  await setStock(seller.api, product.id, id, 2);
  await expect(stockOf(page)).toHaveText("Only 2 left");
  await setPrice(seller.api, product.id, id, priceMinor + 100);
  await expect(page.getByTestId("product-price")).toHaveText(formatMoney(priceMinor + 100, "USD"));
});

test("after its sidecar restarts, a page shows the stock that changed while it was away", async ({ shop, seller, instanceB }) => {
  const product = await shop.product(seller, { variants: [{ stock: 20, lowStockThreshold: 5 }] });
  const id = product.variants[0]!.id;
  const { page } = await shop.browserAs(undefined, { baseURL: instanceB.url });
  await page.goto(`/products/${product.slug}?variant=${id}`);
  await live(page);
  await expect(stockOf(page)).toHaveText("In stock");

  // (Should this test fail with sidecar B stopped, the worker's instanceB goes with it.)
  await instanceB.stopSidecar();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "offline");
  await setStock(seller.api, product.id, id, 1); // published while nobody listens on B
  await expect(stockOf(page)).toHaveText("In stock"); // the page cannot know yet

  instanceB.startSidecar();
  await live(page);
  await expect(stockOf(page)).toHaveText("Only 1 left");
});
