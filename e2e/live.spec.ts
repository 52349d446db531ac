// Live stock and prices: one party acts, another must see it without reloading.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { formatMoney } from "../shared/money";
import { DEMO, signIn } from "./helpers";
import { buy, productBySlug, setPrice, setStock, trpcCall } from "./live-api";
import { pickVariant, variantId } from "./shop-data";

async function signedInContext(browser: Browser, email: string, baseURL?: string) {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

const stockOf = (page: Page) => page.getByTestId("product-stock");
const live = (page: Page) => expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");

/** A multi-variant northwind product; `skip` keeps specs on different products. */
function northwindProduct(skip: number) {
  return pickVariant((p, v) => p.storeSlug === "northwind" && p.variants.every((x) => x.stock >= 20) && v === p.variants[0], skip);
}

test("a shopper sees stock and price change on a product page and a search page without reloading", async ({ browser, page }) => {
  const { product, id, variant } = northwindProduct(4);
  const others = product.variants.slice(1).map((v) => variantId(v.sku));
  const seller = await signedInContext(browser, DEMO.seller);
  const buyer = await signedInContext(browser, DEMO.customer);
  try {
    // Only this variant in stock, three of it: the card's total is then this variant's stock.
    for (const o of others) await setStock(seller.page.request, product.slug, o, 0);
    await setStock(seller.page.request, product.slug, id, 3);

    // The shopper: a product page, and a search page in a second tab.
    await page.goto(`/products/${product.slug}?variant=${id}`);
    await live(page);
    await expect(stockOf(page)).toHaveText("Only 3 left");
    const search = await page.context().newPage();
    await search.goto(`/search?q=${encodeURIComponent(product.title)}`);
    await live(search);
    const card = search.getByTestId("product-card").filter({ hasText: product.title });
    await expect(card.getByTestId("card-stock")).toHaveText("Only 3 left");

    // Another customer buys two.
    await buy(buyer.page.request, id, 2);
    await expect(stockOf(page)).toHaveText("Only 1 left");
    await expect(card.getByTestId("card-stock")).toHaveText("Only 1 left");
    await expect(stockOf(page)).toHaveAttribute("aria-live", "polite");

    // The seller changes the price (above every other variant's, so the card's range shows it).
    const newPrice = Math.max(...product.variants.map((v) => v.priceMinor)) + 1234;
    await setPrice(seller.page.request, id, newPrice);
    await expect(page.getByTestId("product-price")).toHaveText(formatMoney(newPrice, "USD"));
    await expect(card.getByTestId("card-price")).toContainText(formatMoney(newPrice, "USD"));

    // The last unit goes: the badge says so and Add to cart is disabled, still without a reload.
    await buy(buyer.page.request, id, 1);
    await expect(stockOf(page)).toHaveText("Out of stock");
    await expect(page.getByRole("button", { name: /add to cart/i })).toBeDisabled();
    await expect(card.getByTestId("card-stock")).toHaveText("Out of stock");
  } finally {
    await setStock(seller.page.request, product.slug, id, variant.stock).catch(() => {});
    await setPrice(seller.page.request, id, variant.priceMinor).catch(() => {});
    for (const [i, o] of others.entries()) await setStock(seller.page.request, product.slug, o, product.variants[i + 1]!.stock).catch(() => {});
    await seller.context.close();
    await buyer.context.close();
  }
});

test("a cart line says so the moment its price changes", async ({ browser, page }) => {
  const { product, id, variant } = northwindProduct(5);
  const seller = await signedInContext(browser, DEMO.seller);
  try {
    await page.goto(`/products/${product.slug}?variant=${id}`);
    await page.getByRole("button", { name: /add to cart/i }).click();
    await expect(page.getByRole("link", { name: /view cart/i })).toBeVisible();
    await page.goto("/cart");
    await live(page);
    const line = page.getByTestId("cart-line").filter({ hasText: product.title });
    await expect(line.getByTestId("price-changed")).toHaveCount(0);
    await setPrice(seller.page.request, id, variant.priceMinor + 500);
    await expect(line.getByTestId("price-changed")).toContainText(formatMoney(variant.priceMinor + 500, "USD"));
  } finally {
    await setPrice(seller.page.request, id, variant.priceMinor).catch(() => {});
    await seller.context.close();
  }
});

test("a forged stock event from a browser changes nothing anyone sees", async ({ browser, page }) => {
  const { product, id } = pickVariant((p, v) => p.storeSlug === "sunset" && v.stock > v.lowStockThreshold + 5, 0);
  await page.goto(`/products/${product.slug}?variant=${id}`);
  await live(page);
  await expect(stockOf(page)).toHaveText("In stock");
  const current = await productBySlug(page.request, product.slug);
  const v = current.variants.find((x) => x.id === id)!;

  // Another browser opens its own socket to the sidecar and emits a forged event.
  const other = await browser.newContext();
  try {
    const forger = await other.newPage();
    await forger.goto(`/products/${product.slug}?variant=${id}`);
    await live(forger);
    const sidecarPort = Number(new URL(page.url()).port) + 1;
    const refused = await forger.evaluate(
      async ({ port, payload }) => {
        // The page bundles socket.io-client; a raw WebSocket speaks the same protocol.
        const ws = new WebSocket(`ws://${location.hostname}:${port}/socket.io/?EIO=4&transport=websocket`);
        await new Promise((r) => ws.addEventListener("open", r));
        ws.send("40");
        await new Promise((r) => setTimeout(r, 200));
        ws.send(`42${JSON.stringify(["stock:changed", payload])}`);
        const closed = new Promise<boolean>((r) => ws.addEventListener("close", () => r(true)));
        for (let i = 0; i < 25; i++) ws.send(`42${JSON.stringify(["stock:changed", payload])}`);
        return Promise.race([closed, new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
      },
      { port: sidecarPort, payload: { productId: current.id, variantId: v.id, stock: 0, version: v.version + 1000, priceMinor: 1, currency: "USD", storeId: "x", lowStockThreshold: 5, delta: -1, reason: "ORDER" } },
    );
    expect(refused, "the sidecar disconnects a socket that keeps emitting events").toBe(true);
    // Nothing changed for the shopper: the real state is still shown, and a reload agrees.
    await expect(stockOf(page)).toHaveText("In stock");
    await expect(page.getByTestId("product-price")).toHaveText(formatMoney(v.priceMinor, "USD"));
    await page.reload();
    await expect(stockOf(page)).toHaveText("In stock");
  } finally {
    await other.close();
  }
});

test("a page with nothing live opens no connection and shows no indicator", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "idle");
  await expect(page.getByTestId("live-status")).toBeHidden();
  // Opening something live connects.
  await page.goto("/");
  await live(page);
});

test("only a signed-in seller gets a store token for the live seller room", async ({ page, browser }) => {
  const anonymous = await trpcCall(page.request, "realtime.storeToken", undefined, "query");
  expect(anonymous.ok).toBe(false);
  const customer = await signedInContext(browser, DEMO.customer);
  try {
    const r = await trpcCall(customer.page.request, "realtime.storeToken", undefined, "query");
    expect(r.ok).toBe(false);
  } finally {
    await customer.context.close();
  }
});

// Production shape: several app processes and sidecars sharing PostgreSQL and Redis.
test.describe("with PostgreSQL and Redis, across instances", () => {
  test.skip(!process.env.DATABASE_URL || !process.env.REDIS_URL, "needs DATABASE_URL and REDIS_URL (the PostgreSQL + Redis run)");

  const root = path.resolve(import.meta.dirname, "..");
  const portA = Number(process.env.E2E_PORT ?? 3100);
  const portB = portA + 10;
  const sidecarB = portB + 1;
  const appB = `http://localhost:${portB}`;
  let secret = "";
  let sidecar: ChildProcess | null = null;
  let app: ChildProcess | null = null;

  const envB = (): NodeJS.ProcessEnv => ({
    ...process.env,
    PORT: String(portB),
    SIDECAR_PORT: String(sidecarB),
    NEXTAUTH_URL: appB,
    NEXTAUTH_SECRET: secret,
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  async function healthy(url: string) {
    await expect.poll(async () => (await fetch(url).catch(() => null))?.ok ?? false, { timeout: 60_000 }).toBe(true);
  }
  function startSidecarB() {
    sidecar = spawn(process.execPath, [path.join(root, "dist/sidecar.mjs")], { cwd: root, env: envB(), stdio: "inherit" });
  }
  async function stopSidecarB() {
    const p = sidecar;
    sidecar = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once("exit", () => resolve());
      p.kill("SIGTERM");
    });
  }

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    // The same signing secret as instance A: that is what several instances of one shop share.
    secret = readFileSync(path.resolve(root, process.env.E2E_DATA_DIR ?? ".data/e2e", "auth-secret"), "utf8").trim();
    startSidecarB();
    app = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "--port", String(portB)], { cwd: root, env: envB(), stdio: "inherit" });
    await Promise.all([healthy(`http://127.0.0.1:${sidecarB}/health`), healthy(`http://127.0.0.1:${portB}/api/health`)]);
  });
  test.afterAll(async () => {
    await stopSidecarB();
    if (app && app.exitCode === null) {
      const p = app;
      await new Promise<void>((resolve) => {
        p.once("exit", () => resolve());
        p.kill("SIGTERM");
      });
    }
  });

  test("a change made through app A reaches a browser on app B's sidecar", async ({ browser }) => {
    const { product, id, variant } = northwindProduct(6);
    const seller = await signedInContext(browser, DEMO.seller); // on app A
    const shopper = await browser.newContext({ baseURL: appB });
    try {
      const page = await shopper.newPage();
      await page.goto(`/products/${product.slug}?variant=${id}`);
      await live(page);
      await setStock(seller.page.request, product.slug, id, 2);
      await expect(stockOf(page)).toHaveText("Only 2 left");
      await setPrice(seller.page.request, id, variant.priceMinor + 100);
      await expect(page.getByTestId("product-price")).toHaveText(formatMoney(variant.priceMinor + 100, "USD"));
    } finally {
      await setStock(seller.page.request, product.slug, id, variant.stock).catch(() => {});
      await setPrice(seller.page.request, id, variant.priceMinor).catch(() => {});
      await seller.context.close();
      await shopper.close();
    }
  });

  test("after its sidecar restarts, a page shows the stock that changed while it was away", async ({ browser }) => {
    const { product, id, variant } = northwindProduct(7);
    const seller = await signedInContext(browser, DEMO.seller);
    const shopper = await browser.newContext({ baseURL: appB });
    try {
      const page = await shopper.newPage();
      await page.goto(`/products/${product.slug}?variant=${id}`);
      await live(page);
      await expect(stockOf(page)).toHaveText("In stock");

      await stopSidecarB();
      await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "offline");
      await setStock(seller.page.request, product.slug, id, 1); // published while nobody listens on B
      await expect(stockOf(page)).toHaveText("In stock"); // the page cannot know yet

      startSidecarB();
      await live(page);
      await expect(stockOf(page)).toHaveText("Only 1 left");
    } finally {
      if (!sidecar) startSidecarB();
      await setStock(seller.page.request, product.slug, id, variant.stock).catch(() => {});
      await seller.context.close();
      await shopper.close();
    }
  });
});
