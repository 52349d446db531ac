// Discount codes and sale prices as people use them: a seller creates a code, a shopper applies it
// in the cart and sees the saving, checks out, and the order shows the discount; a wrong code gets
// a clear message; a sale price shows struck through.
import { expect, signIn, test, uniqueTag } from "./fixtures";

test("a seller creates a code; a shopper applies it in the cart, sees the saving, checks out and the order shows it", async ({ page, shop, seller, customer }) => {
  const product = await shop.product(seller, { variants: [{ priceMinor: 2500, stock: 20 }] });
  const code = `SAVE${uniqueTag()}`.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 20);

  const { page: sellerPage } = await shop.browserAs(seller);
  await sellerPage.goto("/seller/promotions");
  await expect(sellerPage.getByRole("heading", { level: 1, name: "Discount codes" })).toBeVisible();
  const form = sellerPage.getByRole("form", { name: "New discount code" });
  await form.getByLabel("Code", { exact: true }).fill(code);
  await form.getByLabel("Percent off").fill("10");
  await form.getByRole("button", { name: "Create code" }).click();
  await expect(sellerPage.getByText(`Created ${code}.`)).toBeVisible();
  await expect(sellerPage.getByRole("article", { name: `Code ${code}` }).getByTestId("promotion-usage")).toHaveText("0 times");

  await signIn(page, customer);
  await page.goto(`/products/${product.slug}?variant=${product.variants[0]!.id}`);
  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to cart")).toBeVisible();
  await page.goto("/cart");

  // A wrong code: told why, nothing applied.
  await page.getByRole("textbox", { name: "Discount code" }).fill("NOT-A-REAL-CODE");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "We do not recognise the code NOT-A-REAL-CODE" })).toBeVisible();
  await expect(page.getByTestId("cart-discount")).toHaveCount(0);

  // The seller's code, typed in lower case.
  await page.getByRole("textbox", { name: "Discount code" }).fill(code.toLowerCase());
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("cart-discount")).toHaveText("−$5.00");
  await expect(page.getByTestId("cart-total")).toHaveText("$45.00");

  await page.getByRole("link", { name: "Go to checkout" }).click();
  await expect(page.getByTestId("discount-total")).toHaveText("−$5.00");
  await page.getByLabel("Phone").fill("+1 555 0100");
  await page.getByLabel("Street address").fill("1 Market Street");
  await page.getByLabel("City").fill("San Francisco");
  await page.getByLabel("Postcode").fill("94110");
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry (MM/YY)").fill("12/39");
  await page.getByLabel("Security code").fill("123");
  await page.getByRole("button", { name: /Place order/ }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  await expect(page.getByTestId("discount-total")).toHaveText("−$5.00");
  await expect(page.getByText(`Discount (${code})`)).toBeVisible();

  await sellerPage.reload();
  await expect(sellerPage.getByRole("article", { name: `Code ${code}` }).getByTestId("promotion-usage")).toHaveText("1 time");
});

test("a sale price shows struck through with its was price on the product page, the card and in the cart", async ({ page, shop, seller, customer }) => {
  const product = await shop.product(seller, { variants: [{ priceMinor: 2500, compareAtMinor: 4000, stock: 20 }] });
  await signIn(page, customer);
  await page.goto(`/products/${product.slug}`);
  const price = page.getByTestId("product-price");
  await expect(price).toContainText("$25.00");
  const was = price.locator("s");
  await expect(was).toHaveText("was $40.00");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to cart")).toBeVisible();
  await page.goto("/cart");
  await expect(page.getByTestId("cart-unit-price").locator("s")).toHaveText("was $40.00");
  await page.goto(`/search?q=${encodeURIComponent(product.title)}`);
  await expect(page.getByTestId("card-price").first().locator("s")).toHaveText("was $40.00");
});
