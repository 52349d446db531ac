// What a shopper sees change while they look: the product page, the cart and the checkout follow
// stock that another buyer takes, and what the page says always matches what it counts.
import type { APIRequestContext, Page, WebSocketRoute } from "@playwright/test";
import { formatMoney } from "../shared/money";
import { buy, PROCEDURES, setPrice, trpcOk } from "./api";
import { expect, test } from "./fixtures";
import { live } from "./helpers";

const addToCart = (request: APIRequestContext, variantId: string, quantity: number) =>
  trpcOk<{ itemCount: number }>(request, PROCEDURES.cartAdd, { variantId, quantity });
const subtotal = (page: Page) => page.getByTestId("cart-subtotal");

test("a product page opened without a choice keeps showing its variant when it sells out", async ({ page, shop, seller, customer }) => {
  const product = await shop.product(seller, {
    variants: [
      { title: "S", options: { size: "S" }, priceMinor: 2100, stock: 1 },
      { title: "M", options: { size: "M" }, priceMinor: 2900, stock: 5 },
    ],
  });
  const [small] = product.variants;
  await page.goto(`/products/${product.slug}`);
  await live(page);
  await expect(page.getByTestId("product-price")).toHaveText(formatMoney(2100, "USD"));
  await expect(page.getByRole("group", { name: /size/i })).toContainText("Size: S");

  // Another buyer takes the last S.
  await buy(customer.api, small!.id, 1);
  await expect(page.getByTestId("product-stock")).toHaveText("Out of stock");
  await expect(page.getByTestId("sold-out")).toBeVisible();
  // Still S: its price, its label, its radio; and it cannot be added.
  await expect(page.getByTestId("product-price")).toHaveText(formatMoney(2100, "USD"));
  await expect(page.getByRole("group", { name: /size/i })).toContainText("Size: S");
  await expect(page.getByRole("radio", { name: /^S/ })).toBeChecked();
  await expect(page.getByRole("button", { name: "Sold out" })).toBeDisabled();
  await expect(page.getByRole("radio", { name: /^S/ })).toHaveAccessibleName(/out of stock/);
});

test("a sold-out cart line says so, is left out of the subtotal, and Accept changes says what it did", async ({ page, shop, seller, customer }) => {
  const product = await shop.product(seller, {
    variants: [
      { title: "Red", options: { colour: "Red" }, priceMinor: 1000, stock: 1 },
      { title: "Blue", options: { colour: "Blue" }, priceMinor: 3000, stock: 5 },
    ],
  });
  const [red, blue] = product.variants;
  await addToCart(page.request, red!.id, 1);
  await addToCart(page.request, blue!.id, 2);
  await page.goto("/cart");
  await live(page);
  await expect(subtotal(page)).toHaveText(formatMoney(7000, "USD"));

  await buy(customer.api, red!.id, 1);
  const redLine = page.getByTestId("cart-line").filter({ hasText: "Red" });
  await expect(redLine.getByTestId("sold-out")).toContainText("Sold out");
  await expect(redLine).not.toContainText("Only 0 left");
  await expect(redLine.getByRole("button", { name: /remove/i })).toBeEnabled();
  await expect(subtotal(page)).toHaveText(formatMoney(6000, "USD"));
  await expect(page.getByText("Subtotal (2 items)")).toBeVisible();

  // The Blue price changes too; accepting says which line went and which changed.
  await setPrice(seller.api, product.id, blue!.id, 3500);
  await expect(page.getByTestId("cart-line").filter({ hasText: "Blue" }).getByTestId("price-changed")).toBeVisible();
  await page.getByRole("button", { name: "Accept changes" }).click();
  const report = page.getByTestId("accepted-changes");
  await expect(report).toContainText(`Removed ${product.title} (Red): sold out.`);
  await expect(report).toContainText(`${product.title} (Blue): price now ${formatMoney(3500, "USD")} (was ${formatMoney(3000, "USD")})`);
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(subtotal(page)).toHaveText(formatMoney(7000, "USD"));
});

test("the checkout warns the moment stock drops", async ({ shop, seller, customer }) => {
  const product = await shop.product(seller, { variants: [{ title: "Only", priceMinor: 2000, stock: 3 }] });
  const v = product.variants[0]!;
  const { page } = await shop.browserAs(await shop.customer());
  await addToCart(page.request, v.id, 2);
  await page.goto("/checkout");
  await live(page);
  await expect(page.getByTestId("checkout-stock-warning")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /place order/i })).toBeEnabled();

  // Another buyer takes two of the three: the warning comes at once, and the order cannot be placed.
  await buy(customer.api, v.id, 2);
  await expect(page.getByTestId("checkout-stock-warning")).toContainText("only 1 left");
  await expect(page.getByTestId("summary-line-problem")).toHaveText("Only 1 left");
  await expect(page.getByRole("button", { name: /place order/i })).toBeDisabled();

  // The last one goes: sold out, and the total no longer counts it.
  await buy(customer.api, v.id, 1);
  await expect(page.getByTestId("summary-line-problem")).toHaveText("Sold out");
  await expect(page.getByTestId("checkout-total")).toHaveText(formatMoney(499, "USD"));
});

test("after a refusal the checkout summary agrees with the message", async ({ shop, seller, customer }) => {
  const product = await shop.product(seller, { variants: [{ title: "Only", priceMinor: 2000, stock: 3 }] });
  const v = product.variants[0]!;
  const { page } = await shop.browserAs(await shop.customer());
  // This page cannot hear live changes (its socket goes nowhere): it learns of them from the refusal.
  // (Socket.IO falls back to HTTP long-polling when its WebSocket is refused: both are cut.)
  await page.routeWebSocket(/socket\.io/, () => {});
  await page.route(/socket\.io/, (route) => route.abort());
  await addToCart(page.request, v.id, 2);
  // The page reads the cart again once it has hydrated: that read must be answered before the
  // other buyer comes, or it already shows the shortfall (waiting for the network to be idle was
  // not enough on a loaded machine: hydration can outlast its half second of quiet).
  const cartRead = page.waitForResponse((r) => r.url().includes("/api/trpc/") && r.url().includes("cart.get") && r.request().method() === "GET");
  await page.goto("/checkout");
  await cartRead;
  await expect(page.getByRole("button", { name: /place order/i })).toBeEnabled();
  await buy(customer.api, v.id, 2);

  await page.getByLabel("Phone").fill("+1 555 0100");
  await page.getByLabel("Street address").fill("1 Main St");
  await page.getByLabel("City").fill("New York");
  await page.getByLabel("Postcode").fill("10001");
  await page.getByLabel("Pay on delivery").check();
  await page.getByRole("button", { name: /place order/i }).click();
  await expect(page.getByRole("alert").filter({ hasText: "only 1 left, you asked for 2" })).toBeVisible();
  await expect(page.getByTestId("summary-line-problem")).toHaveText("Only 1 left");
  await expect(page.getByTestId("checkout-stock-warning")).toContainText("only 1 left");
  await expect(page.getByRole("button", { name: /place order/i })).toBeDisabled();
});

test("the cart opened at once after Add to cart shows what the header counts", async ({ page, shop, seller }) => {
  const product = await shop.product(seller);
  // A shopper who looked at the empty cart before: its answer is in the page's cache.
  await page.goto("/cart");
  await expect(page.getByText(/your cart is empty/i)).toBeVisible();
  await page.goto(`/products/${product.slug}`);
  await page.getByRole("button", { name: /add to cart/i }).click();
  // Straight to the cart, without waiting for the confirmation.
  await page.getByRole("link", { name: /^Cart/ }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByText(/your cart is empty/i)).toHaveCount(0);
});

test("a product page whose connection drops gets the sale it missed when it reconnects, without refetching", async ({ page, shop, seller, customer }) => {
  const product = await shop.product(seller, { variants: [{ title: "Only", priceMinor: 1500, stock: 1 }] });
  const v = product.variants[0]!;
  // The page's sockets go through the test, which can cut one as a network failure would and
  // hold the reconnection back.
  let sockets = 0;
  let first: WebSocketRoute | undefined;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.routeWebSocket(/socket\.io/, async (ws) => {
    sockets += 1;
    if (sockets === 1) first = ws;
    else await released;
    ws.connectToServer();
  });
  await page.goto(`/products/${product.slug}`);
  await live(page);
  await expect(page.getByTestId("product-stock")).not.toHaveText("Out of stock");

  // From now on the page cannot refetch the catalogue: the sale can only reach it as an event.
  await page.route(/\/api\/trpc\/[^?]*catalog\./, (route) => route.abort());
  await first!.close();
  await expect(page.getByTestId("live-status")).not.toHaveAttribute("data-state", "live");
  await buy(customer.api, v.id, 1);
  release();

  await live(page, "reconnected");
  await expect(page.getByTestId("product-stock")).toHaveText("Out of stock");
  await expect(page.getByTestId("sold-out")).toBeVisible();
  expect(sockets).toBe(2);
});
