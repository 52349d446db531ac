// The seller's and admin's pages as people use them (issue 14): dates in the viewer's zone with no
// hydration error in any zone, a customer made seller who is let in without signing in again, the
// seeded shop's living dashboard, the editor's action bar, all errors at once, conflicts brought
// into view, variants generated from options, inline edits saved on leaving the field, and an
// audit log that names what changed.
import type { Browser, ConsoleMessage } from "@playwright/test";
import { buy, setRole } from "./api";
import { DEMO_ADMIN, expect, signIn, test, uniqueTag, type Account, type Seller } from "./fixtures";

/** A signed-in page in a browser whose clock is in `timezoneId`, recording console errors. */
async function pageIn(browser: Browser, baseURL: string, timezoneId: string, who: Account | Seller | typeof DEMO_ADMIN) {
  const context = await browser.newContext({ baseURL, timezoneId });
  await signIn(context, who);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error") errors.push(`${new URL(page.url()).pathname}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`${new URL(page.url()).pathname}: ${e.message}`));
  return { context, page, errors };
}

const hydrationErrors = (errors: string[]) => errors.filter((e) => /hydrat|#418|#423|#425|did not match/i.test(e));

for (const [timezoneId, zoneLabel] of [
  ["America/Los_Angeles", /\b(PST|PDT)\b/],
  ["Asia/Tokyo", /GMT\+9/],
] as const) {
  test(`seller, order and stock-history pages hydrate without errors in ${timezoneId}, dates labelled with its zone`, async ({ browser, baseURL, shop, seller, customer }) => {
    test.slow();
    const product = await shop.product(seller, { variants: [{ stock: 5 }] });
    const variant = product.variants[0]!;
    const order = await buy(customer.api, variant.id, 1);

    const s = await pageIn(browser, baseURL!, timezoneId, seller);
    try {
      await s.page.goto("/seller");
      await expect(s.page.getByRole("heading", { name: seller.store.name })).toBeVisible();
      const placed = s.page.getByTestId("latest-order").first().locator("time");
      await expect(placed).toHaveText(zoneLabel);

      await s.page.goto(`/seller/orders/${order.id}`);
      await expect(s.page.getByText(/placed .*(PST|PDT|GMT\+9)/)).toBeVisible();

      await s.page.goto(`/seller/products/${product.id}/variants/${variant.id}`);
      await expect(s.page.getByTestId("movement-row").first().locator("time")).toHaveText(zoneLabel);
      expect(hydrationErrors(s.errors)).toEqual([]);
    } finally {
      await s.context.close();
    }

    const c = await pageIn(browser, baseURL!, timezoneId, customer);
    try {
      await c.page.goto(`/orders/${order.id}`);
      await expect(c.page.getByTestId("order-status")).toBeVisible();
      await expect(c.page.locator("time").first()).toHaveText(zoneLabel);
      await c.page.goto("/orders");
      await expect(c.page.getByTestId("order-row").first()).toBeVisible();
      expect(hydrationErrors(c.errors)).toEqual([]);
    } finally {
      await c.context.close();
    }
  });
}

test("the demo seller's dashboard shows orders over the last 30 days on a fresh database", async ({ page }) => {
  await signIn(page, { email: "seller1@livemarket.test", password: "livemarket-demo" });
  await page.goto("/seller");
  await expect(page.getByTestId("revenue-30d")).not.toHaveText("$0.00");
  // Orders on many days, not one flat line.
  const busyDays = page.getByTestId("chart-day").filter({ hasText: /: [1-9]\d* orders?,/ });
  expect(await busyDays.count()).toBeGreaterThan(5);
});

test("a customer made seller is let into /seller at the next page, without signing in again", async ({ page, adminApi, customer }) => {
  await signIn(page, customer);
  expect((await page.goto("/seller"))?.status()).toBe(404);
  await setRole(adminApi, customer.id, "SELLER");
  await page.goto("/seller");
  // Sellers need two-factor: they are sent to set it up, and come back to /seller afterwards.
  await expect(page).toHaveURL(/\/account\/security\?next=%2Fseller/);
  await expect(page.getByRole("heading", { name: "Page not found" })).toHaveCount(0);
});

test("the editor shows every error on the first submit, next to the Save button, and focuses the first", async ({ page, seller }) => {
  await signIn(page, seller);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/seller/products/new");
  await page.getByRole("group", { name: "Variant 1" }).getByLabel("Price", { exact: true }).fill("abc");
  await page.getByRole("button", { name: "Create product" }).click();
  const result = page.getByTestId("save-result");
  await expect(result).toContainText(/Not saved: \d+ fields need attention/);
  await expect(result).toBeInViewport();
  await expect(page.getByText("Enter a title")).toBeVisible();
  await expect(page.getByText("Enter a URL name")).toBeVisible();
  await expect(page.getByText("Enter a SKU")).toBeVisible();
  await expect(page.getByText("Enter a price like 12.99")).toBeVisible();
  await expect(page.getByLabel("Title", { exact: true })).toBeFocused();
});

test("variants are generated from option values (size × colour), then edited and saved", async ({ page, seller }) => {
  await signIn(page, seller);
  await page.goto("/seller/products/new");
  const t = uniqueTag();
  await page.getByLabel("Title", { exact: true }).fill(`Trail Tee ${t}`);
  await page.getByLabel("Category").selectOption({ index: 2 });
  await page.getByRole("group", { name: "Variant 1" }).getByLabel("Price", { exact: true }).fill("18.00");
  const gen = page.getByTestId("variant-generator");
  await gen.getByText("Generate variants from options").click();
  await gen.getByLabel("Size values").fill("S, M, L");
  await gen.getByLabel("Colour values").fill("Red, Navy");
  await gen.getByRole("button", { name: "Generate variants" }).click();
  await expect(page.getByTestId("generate-result")).toHaveText(/Added 6 variants/);
  // The empty first variant became the first combination; all six are editable rows.
  await expect(page.getByTestId("variant-row")).toHaveCount(6);
  const last = page.getByRole("group", { name: "Variant 6" });
  await expect(last.getByLabel("Variant title")).toHaveValue("L / Navy");
  await expect(last.getByLabel("SKU")).toHaveValue(`TRAIL-TEE-${t.toUpperCase()}-L-NAVY`);
  await last.getByLabel("Price", { exact: true }).fill("21.00");
  // Generating again adds nothing that exists.
  await gen.getByRole("button", { name: "Generate variants" }).click();
  await expect(page.getByTestId("generate-result")).toHaveText(/No new combinations/);
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Product created as a draft")).toBeVisible();
  await expect(page.getByTestId("variant-row")).toHaveCount(6);
  await expect(page.getByRole("group", { name: "Variant 6" }).getByLabel("Price", { exact: true })).toHaveValue("21.00");
});

test("a save conflict is announced beside the Save button and the conflict panel takes the focus", async ({ page, shop, seller }) => {
  const product = await shop.product(seller, { status: "DRAFT" });
  await signIn(page, seller);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/seller/products/${product.id}`);
  const { page: other } = await shop.browserAs(seller);
  await other.setViewportSize({ width: 1280, height: 800 });
  await other.goto(`/seller/products/${product.id}`);

  await page.getByLabel("Brand").fill("First");
  await page.getByRole("button", { name: "Save changes" }).click();
  const saved = page.getByTestId("save-result");
  await expect(saved).toHaveText("Saved.");
  await expect(saved).toBeInViewport();

  await other.getByLabel("Description").fill("Second");
  await other.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByTestId("save-result")).toContainText("Not saved: someone else saved this product first.");
  const panel = other.getByTestId("conflict-panel");
  await expect(panel).toBeFocused();
  await expect(panel).toBeInViewport();
});

test("the products table shows thumbnails and saves an inline price when the field is left", async ({ page, shop, seller }) => {
  const product = await shop.product(seller, { variants: [{ priceMinor: 2500, stock: 4 }] });
  const sku = product.variants[0]!.sku;
  await signIn(page, seller);
  await page.goto(`/seller/products?q=${encodeURIComponent(product.title)}`);
  await expect(page.getByTestId("product-thumb").first()).toBeVisible();
  const price = page.getByLabel(`Price for ${sku}`);
  await price.fill("27.50");
  await price.press("Tab");
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();
  const stock = page.getByLabel(`Stock for ${sku}`);
  await stock.fill("9");
  await page.getByRole("heading", { level: 1 }).click();
  await expect(stock).toHaveValue("9");
  await page.reload();
  await expect(page.getByLabel(`Price for ${sku}`)).toHaveValue("27.50");
  await expect(page.getByLabel(`Stock for ${sku}`)).toHaveValue("9");
});

test("bulk changes: stock set for the selected variants, one changed meanwhile is reported and left as it was", async ({ page, shop, seller }) => {
  const tag = uniqueTag();
  const a = await shop.product(seller, { title: `Bulk Mug ${tag}`, variants: [{ stock: 3 }, { stock: 4, options: { size: "L" } }] });
  await signIn(page, seller);
  await page.goto(`/seller/products?q=${encodeURIComponent(tag)}`);
  await expect(page.getByTestId("variant-row")).toHaveCount(2);
  await page.getByLabel("Select all on this page").check();
  await expect(page.getByTestId("bulk-count")).toHaveText("2 selected");
  // Someone else changes the second variant's stock after the table loaded.
  const { page: other } = await shop.browserAs(seller);
  await other.goto(`/seller/products?q=${encodeURIComponent(tag)}`);
  const theirs = other.getByLabel(`Stock for ${a.variants[1]!.sku}`);
  await theirs.fill("6");
  await theirs.press("Enter");
  await expect(other.getByText("Saved", { exact: true })).toBeVisible();

  await page.getByRole("combobox", { name: "Bulk change" }).selectOption("stock-set");
  await page.getByLabel("Bulk value").fill("10");
  // The live page may already show the other change; the server decides either way.
  await page.getByRole("button", { name: /Apply to 2 selected/ }).click();
  const result = page.getByTestId("bulk-result");
  await expect(result).toContainText(/Updated (1|2) of 2/);
  await expect(page.getByLabel(`Stock for ${a.variants[0]!.sku}`)).toHaveValue("10");
});

test("bulk sale: the selected variants go on sale with their price struck through, a range card says so, and the sale ends", async ({ page, shop, seller }) => {
  test.slow(); // two browsers, a bulk edit each way and a live update
  const tag = uniqueTag();
  const a = await shop.product(seller, { title: `Sale Lamp ${tag}`, variants: [{ stock: 3, priceMinor: 2000 }, { stock: 4, priceMinor: 4000, options: { size: "L" } }] });
  await signIn(page, seller);
  await page.goto(`/seller/products?q=${encodeURIComponent(tag)}`);
  await expect(page.getByTestId("variant-row")).toHaveCount(2);
  await page.getByLabel("Select all on this page").check();
  await page.getByRole("combobox", { name: "Bulk change" }).selectOption("sale-start");
  await page.getByLabel("Bulk value").fill("25");
  await page.getByRole("button", { name: /Apply to 2 selected/ }).click();
  await expect(page.getByTestId("bulk-result")).toContainText("Updated 2 of 2");
  await expect(page.getByLabel(`Price for ${a.variants[0]!.sku}`)).toHaveValue("15.00");

  const { page: shopper } = await shop.browserAs();
  await shopper.goto(`/search?q=${encodeURIComponent(tag)}`);
  const card = shopper.getByTestId("product-card").filter({ hasText: `Sale Lamp ${tag}` });
  await expect(card.getByTestId("card-price")).toContainText("$15.00");
  await expect(card.getByTestId("range-sale")).toHaveText("Sale · up to 25% off");
  await shopper.goto(`/products/${a.slug}?variant=${a.variants[1]!.id}`);
  await expect(shopper.getByTestId("product-price").locator("s")).toHaveText("was $40.00");

  await page.getByLabel("Select all on this page").check();
  await page.getByRole("combobox", { name: "Bulk change" }).selectOption("sale-end");
  await page.getByRole("button", { name: /Apply to 2 selected/ }).click();
  await expect(page.getByTestId("bulk-result")).toContainText("Updated 2 of 2");
  await expect(page.getByLabel(`Price for ${a.variants[0]!.sku}`)).toHaveValue("20.00");
  // The open product page learns the sale ended, live.
  await expect(shopper.getByTestId("product-price")).toContainText("$40.00");
  await expect(shopper.getByTestId("product-price").locator("s")).toHaveCount(0);
});
