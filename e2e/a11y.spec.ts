// Issue 14: axe-core finds no serious or critical accessibility problem on the main pages
// (WCAG 2.x A and AA rules), each opened as the person who uses it, with something in the cart.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DEMO_ADMIN, expect, signIn, test } from "./fixtures";

async function seriousProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

async function expectAccessible(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator("main#main")).toBeVisible();
  await page.waitForLoadState("load");
  expect.soft(await seriousProblems(page), `${url}: serious or critical violations`).toEqual([]);
}

test("shop pages: home, search, product, cart, checkout, sign-in", async ({ page, shop, seller, customer }) => {
  test.setTimeout(90_000);
  const product = await shop.product(seller, {
    images: ["/images/placeholder.svg", "/images/categories/camping.svg"],
    variants: [
      { title: "Green", options: { Colour: "Green" }, stock: 4 },
      { title: "Grey", options: { Colour: "Grey" }, stock: 0 },
    ],
  });
  await expectAccessible(page, "/signin");
  await expectAccessible(page, "/");
  await expectAccessible(page, "/search?q=tent");

  await signIn(page, customer);
  await expectAccessible(page, `/products/${product.slug}`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("link", { name: "View cart" })).toBeVisible();
  await expectAccessible(page, "/cart");
  await expectAccessible(page, "/checkout");
});

test("seller dashboard and products, admin", async ({ page, shop, seller }) => {
  test.setTimeout(60_000);
  await shop.product(seller);
  await signIn(page, seller);
  await expectAccessible(page, "/seller");
  await expectAccessible(page, "/seller/products");

  const admin = await shop.browserAs(DEMO_ADMIN);
  await expectAccessible(admin.page, "/admin");
});
