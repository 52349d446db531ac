// Display currencies (issue 15, docs/decisions.md 181): an admin keeps a rate; a shopper who
// picks that currency sees every price as a marked estimate, live price changes included, and is
// still charged in the shop's currency. JPY has no decimals.
import { convertMinor, formatMoney } from "../shared/money";
import { setPrice } from "./api";
import { DEMO_ADMIN, expect, signIn, test } from "./fixtures";
import { live } from "./helpers";

const JPY = { base: "USD", micros: { JPY: 155_500_000 } };
const yen = (usdMinor: number) => `≈ ${formatMoney(convertMinor(usdMinor, "USD", "JPY", JPY)!, "JPY")}`;

test("an admin adds a yen rate; a shopper sees yen estimates, live, and pays in dollars", async ({ page, shop, seller }) => {
  test.slow();
  const product = await shop.product(seller, { variants: [{ priceMinor: 1299, stock: 5 }] });
  const [variant] = product.variants;

  // The admin: a wrong rate is refused with a reason; the right one is listed.
  await signIn(page, DEMO_ADMIN);
  await page.goto("/admin/currencies");
  const form = page.getByRole("form", { name: "Add or change a rate" });
  await form.getByLabel("Currency code").fill("JPY");
  await form.getByLabel(/^Rate/).fill("155,5");
  await form.getByRole("button", { name: "Save rate" }).click();
  await expect(form.getByLabel(/^Rate/)).toBeFocused();
  await expect(form.getByLabel(/^Rate/)).toHaveAccessibleDescription(/positive rate with at most six decimals/);
  await form.getByLabel(/^Rate/).fill("155.5");
  await form.getByRole("button", { name: "Save rate" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved: 1 USD = 155.5 JPY");
  await expect(page.getByTestId("rate-row").filter({ hasText: "JPY" })).toContainText("155.5");

  try {
    const { page: shopper } = await shop.browserAs();
    await shopper.goto(`/products/${product.slug}`);
    await live(shopper);
    await expect(shopper.getByTestId("product-price")).toHaveText(formatMoney(1299, "USD"));
    await shopper.getByLabel("Show prices in").selectOption("JPY");
    // 12.99 USD x 155.5 = 2,019.945 yen: whole yen, rounded once.
    await expect(shopper.getByTestId("product-price")).toContainText("≈ ¥2,020");
    await expect(shopper.getByTestId("product-price")).toContainText(yen(1299));
    await expect(shopper.getByTestId("currency-estimate-note")).toHaveText("Prices in JPY are estimates; you pay in USD.");
    await live(shopper);

    // A price change reaches the open page, converted.
    await setPrice(seller.api, product.id, variant!.id, 2500);
    await expect(shopper.getByTestId("product-price")).toContainText(yen(2500));

    // The cart shows estimates; the checkout charges dollars and says what the estimate is.
    await shopper.getByRole("button", { name: "Add to cart" }).click();
    await expect(shopper.getByTestId("cart-count")).toHaveText("1");
    await shopper.goto("/cart");
    await expect(shopper.getByTestId("cart-subtotal")).toContainText(yen(2500));
    await shopper.goto("/checkout");
    await expect(shopper.getByTestId("checkout-total")).toContainText("$");
    await expect(shopper.getByTestId("charged-estimate")).toContainText(/^About ¥[\d,]+: an estimate\. You pay \$[\d.,]+\.$/);
    await expect(shopper.getByRole("button", { name: /^Place order · \$/ })).toBeVisible();

    // Back to dollars: no estimate anywhere.
    await shopper.goto(`/products/${product.slug}`);
    await shopper.getByLabel("Show prices in").selectOption("USD");
    await expect(shopper.getByTestId("product-price")).toHaveText(formatMoney(2500, "USD"));
    await expect(shopper.getByTestId("currency-estimate-note")).toHaveCount(0);
  } finally {
    await page.goto("/admin/currencies");
    await page.getByRole("button", { name: "Remove JPY" }).click();
    await expect(page.getByRole("status")).toHaveText("Removed JPY");
  }
  await expect(page.getByTestId("rate-row")).toHaveCount(0);
});
