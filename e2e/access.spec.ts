import { totpCode } from "./api";
import { expect, signIn, test, DEMO_ADMIN } from "./fixtures";
import { APP_ORIGIN } from "./api";

test("a signed-out visitor opening /seller is sent to sign in, then lands on the dashboard", async ({ page, seller }) => {
  await page.goto("/seller");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fseller/);
  // Through the real form: this test is about where signing in leads.
  await page.getByLabel("Email").fill(seller.email);
  await page.getByLabel("Password").fill(seller.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Sellers have two-factor (the fixture enrolled this one with the current step's code).
  await page.getByLabel("Authentication code").fill(await totpCode(seller.twoFactor.secret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/seller$/);
  await expect(page.getByRole("heading", { name: seller.store.name })).toBeVisible();
});

test("a customer opening /seller or /admin is turned away", async ({ page, customer }) => {
  await signIn(page, customer);
  const seller = await page.goto("/seller");
  expect(seller?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const admin = await page.goto("/admin");
  expect(admin?.status()).toBe(404);
});

test("a seller can open /seller and sees their store's figures, but not /admin", async ({ page, seller }) => {
  await signIn(page, seller);
  await page.goto("/");
  await page.getByRole("link", { name: "Seller dashboard" }).click();
  await expect(page.getByRole("heading", { name: seller.store.name })).toBeVisible();
  await expect(page.getByText("Low stock variants")).toBeVisible();
  expect((await page.goto("/admin"))?.status()).toBe(404);
});

test("an admin can open /admin", async ({ page }) => {
  await signIn(page, DEMO_ADMIN);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Platform admin" })).toBeVisible();
  await expect(page.getByRole("main").getByText("Stores", { exact: true }).last()).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" })).toBeVisible();
});

test("seller-only routes answer others with 401 or 403, and a seller's export holds only their store", async ({ page, shop, seller, customer }) => {
  const mine = await shop.product(seller);
  const theirs = await shop.product(await shop.seller());
  const csvBody = { headers: { "content-type": "text/csv", origin: APP_ORIGIN }, data: "product_slug,product_title,category,sku,price,stock\n" };
  expect((await page.request.get("/seller/products/export")).status()).toBe(401);
  expect((await page.request.post("/seller/import/run?mode=dry-run", csvBody)).status()).toBe(401);
  expect((await page.request.post("/api/uploads", { multipart: { file: { name: "a.png", mimeType: "image/png", buffer: Buffer.from("x") } }, headers: { origin: APP_ORIGIN } })).status()).toBe(401);

  const { page: cp } = await shop.browserAs(customer);
  expect((await cp.request.get("/seller/products/export")).status()).toBe(403);
  expect((await cp.request.post("/seller/import/run?mode=dry-run", csvBody)).status()).toBe(403);
  expect((await cp.request.post("/api/uploads", { multipart: { file: { name: "a.png", mimeType: "image/png", buffer: Buffer.from("x") } }, headers: { origin: APP_ORIGIN } })).status()).toBe(403);

  await signIn(page, seller);
  const res = await page.request.get("/seller/products/export");
  expect(res.status()).toBe(200);
  const csv = await res.text();
  expect(csv).toContain(mine.variants[0]!.sku);
  expect(csv).not.toContain(theirs.variants[0]!.sku);
});
