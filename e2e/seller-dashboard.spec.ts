// The seller dashboard follows the store live: a customer's order shows up in today's figures
// and the latest orders without a reload, and a purchase that takes a variant down to its
// low-stock threshold (then to zero) alerts the seller on whichever seller page is open.
import { buy } from "./api";
import { expect, signIn, test } from "./fixtures";
import { live } from "./helpers";

test("the dashboard counts a new order and raises low and out-of-stock alerts without reloading", async ({ page, shop, seller, customer }) => {
  // Three units above its low-stock threshold.
  const product = await shop.product(seller, { variants: [{ stock: 8, lowStockThreshold: 5 }] });
  const variant = product.variants[0]!;
  const id = variant.id;
  const productId = product.id;
  const threshold = variant.lowStockThreshold;
  await signIn(page, seller);
  await page.goto("/seller");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("img", { name: /Revenue and orders, last 30 days \(UTC\)/ })).toBeVisible();
  await live(page);
  const todayOrders = page.getByTestId("today-orders");
  const before = Number(await todayOrders.textContent());
  await expect(page.locator(`[data-testid="stock-row"][data-sku="${variant.sku}"]`)).toHaveCount(0);

  // A customer buys one: today's orders and the latest orders follow, no reload.
  const first = await buy(customer.api, id, 1);
  await expect(todayOrders).toHaveText(String(before + 1));
  const row = page.locator(`[data-testid="latest-order"][data-order-id="${first.id}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByRole("link")).toHaveAttribute("href", `/seller/orders/${first.id}`);
  await expect(row).toContainText("Live Tester");

  // Two more take it down to its threshold: a polite toast names the sku, and the list has it.
  await buy(customer.api, id, 2);
  const low = page.getByTestId("stock-toast").filter({ hasText: `Low stock: ${variant.sku} has ${threshold} left` });
  await expect(low).toBeVisible();
  await expect(page.getByTestId("stock-toasts")).toHaveAttribute("aria-live", "polite");
  await expect(low.getByRole("link", { name: "Open product" })).toHaveAttribute("href", `/seller/products/${productId}`);
  const listed = page.getByTestId("low-stock-list").locator(`[data-sku="${variant.sku}"]`);
  await expect(listed).toContainText(`${threshold} left`);
  await expect(listed.getByRole("link")).toHaveAttribute("href", `/seller/products/${productId}`);
  await expect(todayOrders).toHaveText(String(before + 2));
  await low.getByRole("button", { name: /dismiss/i }).click();
  await expect(low).toHaveCount(0);

  // On another seller page, selling the rest alerts "out of stock" too.
  await page.getByRole("navigation", { name: "Seller" }).getByRole("link", { name: "Products" }).click();
  await expect(page).toHaveURL(/\/seller\/products/);
  await buy(customer.api, id, threshold);
  await expect(page.getByTestId("stock-toast").filter({ hasText: `Out of stock: ${variant.sku}` })).toBeVisible();

  // The bell lists this session's alerts.
  const bell = page.getByRole("button", { name: /Stock alerts, 2 new/ });
  await bell.click();
  const panel = page.getByTestId("alerts-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("listitem")).toHaveText([new RegExp(`Out of stock: ${variant.sku}`), new RegExp(`Low stock: ${variant.sku} has ${threshold} left`)]);
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(page.getByRole("button", { name: "Stock alerts" })).toBeFocused();

  // Back on the dashboard: the variant is listed as out of stock.
  await page.getByRole("navigation", { name: "Seller" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByTestId("out-of-stock-list").locator(`[data-sku="${variant.sku}"]`)).toBeVisible();
});
