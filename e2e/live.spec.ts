// Live stock and prices: one party acts, another must see it without reloading.
import type { Page } from "@playwright/test";
import { formatMoney } from "../shared/money";
import { buy, productBySlug, requestRealtimeToken, setPrice } from "./api";
import { expect, test } from "./fixtures";
import { live } from "./helpers";

const stockOf = (page: Page) => page.getByTestId("product-stock");

test("a shopper sees stock and price change on a product page and a search page without reloading", async ({ page, shop, seller, customer }) => {
  // Only the first variant in stock, three of it: the card's total is then this variant's stock.
  const product = await shop.product(seller, {
    variants: [
      { title: "Green", options: { colour: "Green" }, priceMinor: 3200, stock: 3, lowStockThreshold: 5 },
      { title: "Orange", options: { colour: "Orange" }, priceMinor: 3400, stock: 0, lowStockThreshold: 5 },
      { title: "Grey", options: { colour: "Grey" }, priceMinor: 3600, stock: 0, lowStockThreshold: 5 },
    ],
  });
  const id = product.variants[0]!.id;

  // The shopper: a product page, and a search page in a second tab.
  await page.goto(`/products/${product.slug}?variant=${id}`);
  await live(page);
  await expect(stockOf(page)).toHaveText("Only 3 left");
  const search = await page.context().newPage();
  await search.goto(`/search?q=${encodeURIComponent(product.title)}`);
  await live(search);
  const card = search.getByTestId("product-card").filter({ hasText: product.title });
  await expect(card.getByTestId("card-stock")).toHaveText("Only 3 left");

  // A customer buys two.
  await buy(customer.api, id, 2);
  await expect(stockOf(page)).toHaveText("Only 1 left");
  await expect(card.getByTestId("card-stock")).toHaveText("Only 1 left");
  await expect(stockOf(page)).toHaveAttribute("aria-live", "polite");

  // The seller changes the price (above every other variant's, so the card's range shows it).
  const newPrice = Math.max(...product.variants.map((v) => v.priceMinor)) + 1234;
  await setPrice(seller.api, product.id, id, newPrice);
  await expect(page.getByTestId("product-price")).toHaveText(formatMoney(newPrice, "USD"));
  await expect(card.getByTestId("card-price")).toContainText(formatMoney(newPrice, "USD"));

  // The last unit goes: the badge says so and the button says "Sold out", disabled, still without a reload.
  await buy(customer.api, id, 1);
  await expect(stockOf(page)).toHaveText("Out of stock");
  await expect(page.getByRole("button", { name: "Sold out" })).toBeDisabled();
  await expect(card.getByTestId("card-stock")).toHaveText("Out of stock");
});

test("a cart line says so the moment its price changes", async ({ page, shop, seller }) => {
  const product = await shop.product(seller);
  const { id, priceMinor } = product.variants[0]!;
  await page.goto(`/products/${product.slug}?variant=${id}`);
  await page.getByRole("button", { name: /add to cart/i }).click();
  await expect(page.getByRole("link", { name: /view cart/i })).toBeVisible();
  await page.goto("/cart");
  await live(page);
  const line = page.getByTestId("cart-line").filter({ hasText: product.title });
  await expect(line.getByTestId("price-changed")).toHaveCount(0);
  await setPrice(seller.api, product.id, id, priceMinor + 500);
  await expect(line.getByTestId("price-changed")).toContainText(formatMoney(priceMinor + 500, "USD"));
});

test("a forged stock event from a browser changes nothing anyone sees", async ({ page, shop, seller }) => {
  const product = await shop.product(seller, { variants: [{ stock: 30, lowStockThreshold: 5 }] });
  const id = product.variants[0]!.id;
  await page.goto(`/products/${product.slug}?variant=${id}`);
  await live(page);
  await expect(stockOf(page)).toHaveText("In stock");
  const current = await productBySlug(page.request, product.slug);
  const v = current.variants.find((x) => x.id === id)!;

  // Another browser opens its own socket to the sidecar and emits forged events.
  const { page: forger } = await shop.browserAs();
  await forger.goto(`/products/${product.slug}?variant=${id}`);
  await live(forger);
  const sidecarPort = Number(new URL(page.url()).port) + 1;
  await forger.evaluate(
    async ({ port, payload }) => {
      // The page bundles socket.io-client; a raw WebSocket speaks the same protocol.
      const ws = new WebSocket(`ws://${location.hostname}:${port}/socket.io/?EIO=4&transport=websocket`);
      const state = { closed: false };
      (window as unknown as { forgedSocket: typeof state }).forgedSocket = state;
      ws.addEventListener("close", () => (state.closed = true));
      // Engine.IO open ("0{…}"), then our Socket.IO connect ("40"), answered by "40{…}" once
      // the sidecar has accepted the namespace connection: only then do events count.
      const connected = new Promise<void>((resolve, reject) => {
        ws.addEventListener("message", (e) => {
          if (typeof e.data !== "string") return;
          if (e.data.startsWith("40")) resolve();
          if (e.data.startsWith("44")) reject(new Error(`connection refused: ${e.data}`));
        });
        ws.addEventListener("close", () => reject(new Error("closed before the connect acknowledgement")));
      });
      await new Promise((r) => ws.addEventListener("open", r));
      ws.send("40");
      await connected;
      for (let i = 0; i < 26; i++) ws.send(`42${JSON.stringify(["stock.changed", payload])}`);
    },
    { port: sidecarPort, payload: { productId: current.id, variantId: v.id, stock: 0, version: v.version + 1000, priceMinor: 1, currency: "USD", storeId: "x", lowStockThreshold: 5, delta: -1, reason: "ORDER" } },
  );
  await expect
    .poll(() => forger.evaluate(() => (window as unknown as { forgedSocket: { closed: boolean } }).forgedSocket.closed), {
      message: "the sidecar disconnects a socket that keeps emitting events",
    })
    .toBe(true);
  // Nothing changed for the shopper: the real state is still shown, and a reload agrees.
  await expect(stockOf(page)).toHaveText("In stock");
  await expect(page.getByTestId("product-price")).toHaveText(formatMoney(v.priceMinor, "USD"));
  await page.reload();
  await expect(stockOf(page)).toHaveText("In stock");
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

test("only a signed-in seller gets a token for the live seller room; a customer's opens only their own room", async ({ page, customer, seller }) => {
  const anonymous = await requestRealtimeToken(page.request);
  expect(anonymous.ok).toBe(false);
  const mine = await requestRealtimeToken(customer.api);
  expect(mine.ok && mine.data.rooms.every((r) => r.startsWith("user:")) && mine.data.storeId === null).toBe(true);
  const theirs = await requestRealtimeToken(seller.api);
  expect(theirs.ok && theirs.data.rooms.some((r) => r === `store:${seller.store.id}`)).toBe(true);
});
