import { expect, signIn, test } from "./fixtures";

test("the seller searches and filters the table; the view is in the URL and Back restores it", async ({ page, shop, seller }) => {
  // A draft product of the seller's, and another store's product.
  const product = await shop.product(seller, { status: "DRAFT", variants: [{ priceMinor: 1800 }, { priceMinor: 2200 }] });
  const variant = product.variants[0]!;
  const theirs = await shop.product(await shop.seller());
  await signIn(page, seller);

  await page.goto("/seller/products");
  await expect(page.getByRole("heading", { name: "Products", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "New product" })).toHaveAttribute("href", "/seller/products/new");

  await page.getByLabel("Search your products").fill(variant.sku);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(variant.sku)}`));
  await expect(page.getByTestId("product-row")).toHaveCount(1);
  await expect(page.getByRole("link", { name: product.title })).toHaveAttribute("href", /\/seller\/products\/.+/);

  // Another store's product never shows up, even searched by its exact sku.
  await page.getByLabel("Search your products").fill(theirs.variants[0]!.sku);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("products-empty")).toContainText("No products match these filters");

  await page.goBack();
  await expect(page.getByTestId("product-row")).toHaveCount(1);

  // Export CSV downloads what the table shows (same filters), for the signed-in seller only.
  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(href).toContain(`q=${encodeURIComponent(variant.sku)}`);
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toMatch(/^product_slug,product_title,category,/);
  expect(lines.slice(1).every((l) => l.startsWith(`${product.slug},`))).toBe(true);
  expect(lines.some((l) => l.includes(variant.sku))).toBe(true);
  const anonymous = await page.context().browser()!.newContext({ baseURL: new URL(page.url()).origin });
  expect((await anonymous.request.get(href!)).status()).toBe(401);
  await anonymous.close();

  await page.goto("/seller/products?status=DRAFT");
  await expect(page.getByLabel("Status")).toHaveValue("DRAFT");
  const statuses = page.getByTestId("product-row").locator("td span.rounded");
  await expect(statuses.first()).toHaveText("draft");
  for (const s of await statuses.allTextContents()) expect(s).toBe("draft");

  await page.getByRole("link", { name: /^Price/ }).click();
  await expect(page).toHaveURL(/sort=price/);
  await expect(page.getByRole("columnheader", { name: /^Price/ })).toHaveAttribute("aria-sort", "ascending");
});

test("inline edits of a price and a stock persist after reload; Escape cancels", async ({ page, shop, seller }) => {
  const product = await shop.product(seller, { status: "DRAFT" });
  const variant = product.variants[0]!;
  await signIn(page, seller);
  await page.goto(`/seller/products?q=${encodeURIComponent(variant.sku)}`);
  const price = page.getByLabel(`Price for ${variant.sku}`);
  const stock = page.getByLabel(`Stock for ${variant.sku}`);
  await expect(price).toBeVisible();

  const newPrice = `${(Date.now() % 900) + 100}.25`;
  await price.fill(newPrice);
  await price.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await expect(price).toHaveValue(newPrice);

  const before = Number(await stock.inputValue());
  const newStock = String(before + 3);
  await stock.fill(newStock);
  await stock.press("Enter");
  await expect(stock).toHaveValue(newStock);
  await expect(page.getByRole("status").filter({ hasText: "Saved" }).first()).toBeVisible();

  await stock.fill("999");
  await stock.press("Escape");
  await expect(stock).toHaveValue(newStock);

  await price.fill("not a price");
  await price.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "Enter a price such as 12.50" })).toBeVisible();
  await price.press("Escape");

  await page.reload();
  await expect(page.getByLabel(`Price for ${variant.sku}`)).toHaveValue(newPrice);
  await expect(page.getByLabel(`Stock for ${variant.sku}`)).toHaveValue(newStock);
});
