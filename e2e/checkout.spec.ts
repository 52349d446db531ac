import type { Page } from "@playwright/test";
import { buy } from "./api";
import { expect, signIn, test, uniqueEmail } from "./fixtures";

async function addToCart(page: Page, slug: string, variantId: string, quantity = 1) {
  await page.goto(`/products/${slug}?variant=${variantId}`);
  if (quantity !== 1) await page.getByLabel("Quantity").fill(String(quantity));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to cart")).toBeVisible();
}

async function fillAddress(page: Page) {
  await page.getByLabel("Phone").fill("+1 555 0100");
  await page.getByLabel("Street address").fill("1 Market Street");
  await page.getByLabel("City").fill("San Francisco");
  await page.getByLabel("Postcode").fill("94110");
}

async function payByCard(page: Page, number: string) {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiry (MM/YY)").fill("12/39");
  await page.getByLabel("Security code").fill("123");
  await page.getByRole("button", { name: /Place order/ }).click();
}

test("a new customer searches, picks a variant, signs up at checkout, pays by test card and finds the order", async ({ page, shop, seller }) => {
  const product = await shop.product(seller, {
    variants: [
      { title: "Two-person", options: { size: "2P" }, stock: 20 },
      { title: "Four-person", options: { size: "4P" }, stock: 20, priceMinor: 3900 },
    ],
  });
  const variant = product.variants[1]!;
  const id = variant.id;
  await page.goto("/");
  const search = page.getByRole("search", { name: "Site search" }).getByRole("searchbox", { name: "Search products" });
  await search.fill(product.title);
  await search.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=/);
  await page.getByRole("link", { name: product.title }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: product.title })).toBeVisible();
  await page.goto(`/products/${product.slug}?variant=${id}`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByRole("link", { name: "View cart" }).click();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByTestId("cart-line")).toContainText(variant.title);
  await page.getByRole("link", { name: "Go to checkout" }).click();

  // Not signed in: create an account from the checkout; the cart comes along.
  await page.getByRole("link", { name: "create an account" }).click();
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Name").fill("Robin Newcomer");
  await page.getByLabel("Email").fill(uniqueEmail("checkout"));
  await page.getByLabel("Password").fill("a-strong-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Checkout" })).toBeVisible();

  await fillAddress(page);
  await payByCard(page, "4242 4242 4242 4242");
  await expect(page.getByText("Thank you! Your order is confirmed and paid")).toBeVisible();
  await expect(page.getByTestId("order-status")).toHaveText("Paid");

  await page.getByRole("link", { name: "Orders" }).click();
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expect(page.getByTestId("cart-count")).toHaveCount(0);
});

test("a declined card leaves the cart as it was and places nothing", async ({ page, shop, seller, customer }) => {
  const product = await shop.product(seller);
  const id = product.variants[0]!.id;
  await buy(customer.api, id, 1); // an order from before
  await signIn(page, customer);
  await page.goto("/orders");
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  const ordersBefore = await page.getByTestId("order-row").count();
  await addToCart(page, product.slug, id);
  await page.goto("/checkout");
  await fillAddress(page);
  await payByCard(page, "4000 0000 0000 0002");
  await expect(page.getByRole("form", { name: "Checkout" }).getByRole("alert")).toContainText("declined");
  await page.goto("/cart");
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await page.goto("/orders");
  await expect(page.getByTestId("order-row")).toHaveCount(ordersBefore);
  // And the line can still be removed.
  await page.getByRole("link", { name: /^Cart/ }).click();
  await page.getByRole("button", { name: /^Remove / }).click();
  await expect(page.getByText("Your cart is empty")).toBeVisible();
});

test("a guest cart is merged into the customer's cart on sign-in", async ({ page, shop, seller, customer }) => {
  const product = await shop.product(seller, { variants: [{ title: "Standard", stock: 20 }] });
  const variant = product.variants[0]!;
  const id = variant.id;
  await addToCart(page, product.slug, id, 2);
  await signIn(page, customer);
  await page.goto("/cart");
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByTestId("cart-line")).toContainText(variant.title);
  await expect(page.getByTestId("cart-count")).toHaveText("2");
});

test("cancelling an order puts its units back on the product page", async ({ page, shop, seller, customer }) => {
  // Low stock, so the product page counts the units left.
  const product = await shop.product(seller, { variants: [{ stock: 6, lowStockThreshold: 10 }] });
  const id = product.variants[0]!.id;
  const start = product.variants[0]!.stock;
  await signIn(page, customer);
  await addToCart(page, product.slug, id, 2);
  await page.goto("/checkout");
  await fillAddress(page);
  await page.getByLabel("Pay on delivery").check();
  await page.getByRole("button", { name: /Place order/ }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Placed");

  await page.goto(`/products/${product.slug}?variant=${id}`);
  await expect(page.getByText(`Only ${start - 2} left`).first()).toBeVisible();

  await page.goBack();
  await page.getByRole("button", { name: "Cancel order" }).click();
  await page.getByRole("button", { name: "Yes, cancel order" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Cancelled");
  await expect(page.getByTestId("order-timeline")).toContainText("Cancelled");

  await page.goto(`/products/${product.slug}?variant=${id}`);
  await expect(page.getByText(`Only ${start} left`).first()).toBeVisible();
});

test("another customer's order answers 404", async ({ page, shop, seller, customer }) => {
  const product = await shop.product(seller);
  await buy(customer.api, product.variants[0]!.id, 1);
  await signIn(page, customer);
  await page.goto("/orders");
  await page.getByTestId("order-row").first().click();
  await expect(page).toHaveURL(/\/orders\/.+/);
  const url = page.url();

  const { page: otherPage } = await shop.browserAs(await shop.customer());
  const res = await otherPage.goto(url);
  expect(res?.status()).toBe(404);
  await expect(otherPage.getByText("Page not found")).toBeVisible();
});
