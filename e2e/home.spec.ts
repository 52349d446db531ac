import { expect, test } from "./fixtures";

test("the home page lists seeded products from the database", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "New arrivals" })).toBeVisible();
  const cards = page.getByTestId("product-card");
  await expect(cards).toHaveCount(24);
  await expect(cards.first().getByRole("heading")).not.toBeEmpty();
  await expect(cards.first()).toContainText("$");

  await page.getByRole("button", { name: "Show more products" }).click();
  await expect(cards).toHaveCount(48);
});

test("the product list is in the server-rendered HTML, before any JavaScript runs", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByTestId("product-card")).toHaveCount(24);
  await context.close();
});

test("a category shows only its products", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Electronics" }).click();
  await expect(page).toHaveURL(/\/categories\/electronics$/);
  await expect(page.getByRole("heading", { name: "Electronics" })).toBeVisible();
  await expect(page.getByTestId("product-card").first()).toBeVisible();
});
