import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

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
