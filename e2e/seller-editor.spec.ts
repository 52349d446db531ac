// The seller product editor as a seller uses it: create, price, stock, publish, find it in the
// shop; two tabs saving the same product; another store's product; stock adjustments.
import type { Page } from "@playwright/test";
import { expect, signIn, test, uniqueTag, type Seller, type Shop } from "./fixtures";
import { APP_ORIGIN } from "./api";

// A 1x1 PNG for the image upload.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

async function fillVariant(page: Page, n: number, v: { sku: string; title: string; price: string; stock: string; size: string }) {
  const row = page.getByRole("group", { name: `Variant ${n}` });
  await row.getByLabel("SKU").fill(v.sku);
  await row.getByLabel("Variant title").fill(v.title);
  await row.getByLabel("Price", { exact: true }).fill(v.price);
  await row.getByLabel("Initial stock").fill(v.stock);
  await row.getByRole("button", { name: "Add option" }).click();
  await row.getByLabel("Option 1 name").fill("size");
  await row.getByLabel("Option 1 value").fill(v.size);
}

/** Creates a two-variant product through the form; returns its title and editor URL. */
async function createProduct(page: Page, opts: { image?: boolean } = {}) {
  const t = uniqueTag();
  const title = `Lumen Desk Lamp ${t}`;
  await page.goto("/seller/products/new");
  await expect(page.getByRole("heading", { name: "New product" })).toBeVisible();
  await page.getByLabel("Title", { exact: true }).fill(title);
  await expect(page.getByLabel("URL name")).toHaveValue(`lumen-desk-lamp-${t}`);
  await page.getByLabel("Brand").fill("Lumen");
  await page.getByLabel("Category").selectOption({ index: 2 });
  await page.getByLabel("Description").fill("A warm desk lamp with a linen shade.");
  if (opts.image) {
    await page.getByLabel("Upload images").setInputFiles({ name: "lamp.png", mimeType: "image/png", buffer: PNG });
    await expect(page.getByTestId("image-item")).toHaveCount(1);
    await expect(page.getByRole("img", { name: "Image 1 (main)" })).toHaveAttribute("src", /^\/uploads\/[a-f0-9]{32}\.png$/);
  }
  await fillVariant(page, 1, { sku: `LDL-${t}-S`, title: "Small", price: "19.99", stock: "12", size: "S" });
  await page.getByRole("button", { name: "Add variant" }).click();
  await fillVariant(page, 2, { sku: `LDL-${t}-L`, title: "Large", price: "24.50", stock: "5", size: "L" });
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Product created as a draft")).toBeVisible();
  await expect(page).toHaveURL(/\/seller\/products\/[^/?]+\?created=1$/);
  const url = new URL(page.url()).pathname;
  return { title, url, sku: `LDL-${t}-S` };
}

/** The same two-variant draft made through the seller API, for the tests about what comes after
 * creating it (the form itself is the first test's subject); returns what createProduct does. */
async function apiProduct(shop: Shop, seller: Seller) {
  const product = await shop.product(seller, {
    title: `Lumen Desk Lamp ${uniqueTag()}`,
    brand: "Lumen",
    status: "DRAFT",
    variants: [
      { title: "Small", options: { size: "S" }, priceMinor: 1999, stock: 12 },
      { title: "Large", options: { size: "L" }, priceMinor: 2450, stock: 5 },
    ],
  });
  return { title: product.title, url: `/seller/products/${product.id}`, sku: product.variants[0]!.sku };
}

test("a seller creates a product with two variants, publishes it and finds it in the shop", async ({ page, seller }) => {
  // A dozen page loads end to end: near the 30 s budget when the machine is busy.
  test.slow();
  await signIn(page, seller);
  const { title, url } = await createProduct(page, { image: true });
  await expect(page.getByTestId("product-status")).toHaveText("Draft");
  await expect(page.getByTestId("variant-stock")).toHaveText(["12", "5"]);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("product-status")).toHaveText("Published");

  await page.goto(`/search?q=${encodeURIComponent(title)}`);
  await page.getByRole("link", { name: title }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("$19.99").first()).toBeVisible();
  await expect(page.getByRole("img", { name: title })).toHaveAttribute("src", /^\/uploads\//);
  const src = await page.getByRole("img", { name: title }).getAttribute("src");
  const res = await page.request.get(src!);
  expect(res.headers()["content-type"]).toBe("image/png");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");

  // Archived: gone from the shop; restored: back.
  await page.goto(url);
  await page.getByRole("button", { name: "Archive" }).click();
  await page.getByRole("button", { name: "Yes, archive" }).click();
  await expect(page.getByTestId("product-status")).toHaveText("Archived");
  await page.goto(`/search?q=${encodeURIComponent(title)}`);
  await expect(page.getByText(/no products match/i)).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  await page.goto(url);
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByTestId("product-status")).toHaveText("Published");
  await page.goto(`/search?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("link", { name: title }).first()).toBeVisible();
});

test("image uploads need a seller session and refuse what is not a PNG, JPEG, WebP or GIF", async ({ page, seller }) => {
  const file = { name: "lamp.png", mimeType: "image/png", buffer: PNG };
  const signedOut = await page.request.post("/api/uploads", { multipart: { file }, headers: { origin: APP_ORIGIN } });
  expect(signedOut.status()).toBe(401);
  await signIn(page, seller);
  const svg = await page.request.post("/api/uploads", {
    headers: { origin: APP_ORIGIN },
    multipart: { file: { name: "logo.png", mimeType: "image/png", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') } },
  });
  expect(svg.status()).toBe(400);
  expect((await svg.json()).message).toMatch(/Only PNG, JPEG, WebP and GIF/);
  const ok = await page.request.post("/api/uploads", { multipart: { file }, headers: { origin: APP_ORIGIN } });
  expect(ok.status()).toBe(201);
  const { url } = (await ok.json()) as { url: string };
  const served = await page.request.get(url);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect(served.headers()["cache-control"]).toContain("max-age=31536000");
});

test("two tabs edit one product: the second save shows the conflict, and Apply mine again saves on top", async ({ page, context, shop, seller }) => {
  await signIn(page, seller);
  const { title, url } = await apiProduct(shop, seller);
  const other = await context.newPage();
  await page.goto(url);
  await other.goto(url);

  await page.getByLabel("Title", { exact: true }).fill(`${title} (first tab)`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  await other.getByRole("group", { name: "Variant 1" }).getByLabel("Price", { exact: true }).fill("21.00");
  await other.getByRole("button", { name: "Save changes" }).click();
  const panel = other.getByTestId("conflict-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("row", { name: /^Title/ })).toContainText(`${title} (first tab)`);
  await expect(panel.getByRole("row", { name: /Variant 1 .* price/ })).toContainText("21.00");
  await panel.getByRole("button", { name: "Apply mine again" }).click();
  await expect(other.getByText("Saved.")).toBeVisible();
  await expect(panel).toHaveCount(0);

  await other.reload();
  await expect(other.getByLabel("Title", { exact: true })).toHaveValue(`${title} (first tab)`);
  await expect(other.getByRole("group", { name: "Variant 1" }).getByLabel("Price", { exact: true })).toHaveValue("21.00");
});

test("a seller opening another store's product by URL sees not found", async ({ page, shop, seller }) => {
  const { url } = await apiProduct(shop, await shop.seller());

  await signIn(page, seller);
  const res = await page.goto(url);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("a seller adjusts stock with a reason and sees it in the movement history", async ({ page, shop, seller }) => {
  await signIn(page, seller);
  const { sku, url } = await apiProduct(shop, seller);
  await page.goto(url);
  await page.getByRole("button", { name: `Adjust stock of ${sku}` }).click();
  const dialog = page.getByRole("dialog", { name: `Adjust stock of ${sku}` });
  await dialog.getByLabel("Reason").selectOption("DAMAGE");
  await dialog.getByLabel("Change in quantity").fill("-2");
  await dialog.getByLabel("Note").fill("Dropped in the warehouse");
  await dialog.getByRole("button", { name: "Save adjustment" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("variant-stock").first()).toHaveText("10");

  await page.getByRole("group", { name: "Variant 1" }).getByRole("link", { name: "Stock history" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`Stock of ${sku}`) })).toBeVisible();
  const rows = page.getByTestId("movement-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("-2");
  await expect(rows.nth(0)).toContainText("Damage");
  await expect(rows.nth(0)).toContainText("Dropped in the warehouse");
  await expect(rows.nth(1)).toContainText("+12");
  await expect(rows.nth(1)).toContainText("Initial stock");

  // Too much removed: a clear error next to the field, nothing changes.
  await page.getByRole("button", { name: `Adjust stock of ${sku}` }).click();
  await page.getByLabel("Change in quantity").fill("-50");
  await page.getByRole("button", { name: "Save adjustment" }).click();
  await expect(page.getByText("At most 10 can be removed")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("variant-stock")).toHaveText("10");
  await expect(rows).toHaveCount(2);
});
