import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";
import { pickVariant } from "./shop-data";

test("a signed-out visitor opening /seller is sent to sign in, then lands on the dashboard", async ({ page }) => {
  await page.goto("/seller");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fseller/);
  await page.getByLabel("Email").fill(DEMO.seller);
  await page.getByLabel("Password").fill("livemarket-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/seller$/);
  await expect(page.getByRole("heading", { name: "Northwind Outfitters" })).toBeVisible();
});

test("a customer opening /seller or /admin is turned away", async ({ page }) => {
  await signIn(page, DEMO.customer);
  const seller = await page.goto("/seller");
  expect(seller?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const admin = await page.goto("/admin");
  expect(admin?.status()).toBe(404);
});

test("a seller can open /seller and sees their store's figures, but not /admin", async ({ page }) => {
  await signIn(page, DEMO.seller);
  await page.getByRole("link", { name: "Seller dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Northwind Outfitters" })).toBeVisible();
  await expect(page.getByText("Low stock variants")).toBeVisible();
  expect((await page.goto("/admin"))?.status()).toBe(404);
});

test("an admin can open /admin", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Platform admin" })).toBeVisible();
  await expect(page.getByRole("main").getByText("Stores", { exact: true }).last()).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" })).toBeVisible();
});

test("seller-only routes answer others with 401 or 403, and a seller's export holds only their store", async ({ page, browser }) => {
  const sunsetSku = pickVariant((p) => p.storeSlug === "sunset", 0).variant.sku;
  const csvBody = { headers: { "content-type": "text/csv" }, data: "product_slug,product_title,category,sku,price,stock\n" };
  expect((await page.request.get("/seller/products/export")).status()).toBe(401);
  expect((await page.request.post("/seller/import/run?mode=dry-run", csvBody)).status()).toBe(401);
  expect((await page.request.post("/api/uploads", { multipart: { file: { name: "a.png", mimeType: "image/png", buffer: Buffer.from("x") } } })).status()).toBe(401);

  const customer = await browser.newContext();
  try {
    const cp = await customer.newPage();
    await signIn(cp, DEMO.customer);
    expect((await cp.request.get("/seller/products/export")).status()).toBe(403);
    expect((await cp.request.post("/seller/import/run?mode=dry-run", csvBody)).status()).toBe(403);
    expect((await cp.request.post("/api/uploads", { multipart: { file: { name: "a.png", mimeType: "image/png", buffer: Buffer.from("x") } } })).status()).toBe(403);
  } finally {
    await customer.close();
  }

  await signIn(page, DEMO.seller);
  const res = await page.request.get("/seller/products/export");
  expect(res.status()).toBe(200);
  const csv = await res.text();
  expect(csv).toContain("NW-");
  expect(csv).not.toContain(sunsetSku);
});
