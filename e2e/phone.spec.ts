// Issue 14 on a phone (390 x 844, touch): the header's menu, search on every page, the filter
// drawer, the product gallery and a sold-out variant's button.
import { expect, signIn, test } from "./fixtures";
import { live } from "./helpers";

test("the header's Menu opens the account links and Sign out, from the keyboard too", async ({ page, customer }) => {
  await signIn(page, customer);
  await page.goto("/cart");
  const menu = page.getByRole("button", { name: "Menu" });
  const signOut = page.getByRole("button", { name: "Sign out", exact: true });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(signOut).toBeHidden();

  await menu.tap();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(signOut).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText(customer.name);
  await expect(page.getByRole("link", { name: "Orders", exact: true })).toBeVisible();
  // Nothing of it is off screen.
  const box = await signOut.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);

  // Escape closes it and gives the focus back to the button; Enter opens it again.
  await page.keyboard.press("Escape");
  await expect(signOut).toBeHidden();
  await expect(menu).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Orders", exact: true })).toBeFocused();

  // A link in it goes there, and the menu is closed on the new page.
  await page.getByRole("link", { name: "Orders", exact: true }).tap();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(signOut).toBeHidden();

  await menu.tap();
  await signOut.tap();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});

test("a visitor's menu offers Sign in and Create account", async ({ page }) => {
  await page.goto("/search");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).tap();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create account" })).toBeVisible();
});

test("search works from a page other than home", async ({ page, shop, seller }) => {
  const product = await shop.product(seller);
  await page.goto("/cart");
  const search = page.getByRole("search", { name: "Site search" });
  await expect(search).toBeVisible();
  await search.getByRole("searchbox", { name: "Search products" }).fill(`"${product.title}"`);
  await search.getByRole("searchbox", { name: "Search products" }).press("Enter");
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByRole("link", { name: product.title })).toBeVisible();
});

test("the filters are in a drawer: results start near the top, Filters opens it", async ({ page }) => {
  await page.goto("/search");
  const filters = page.getByRole("form", { name: "Filters" });
  const opener = page.getByRole("button", { name: /^Filters/ });
  await expect(filters).toBeHidden();
  // The first result is on the first screen, not 1,400 px down.
  const first = page.getByRole("list", { name: "Search results" }).getByRole("listitem").first();
  await expect(first).toBeVisible();
  expect((await first.boundingBox())!.y).toBeLessThan(600);

  await opener.tap();
  await expect(filters).toBeVisible();
  await expect(opener).toHaveAttribute("aria-expanded", "true");
  await filters.getByLabel("In stock only").check();
  await filters.getByRole("button", { name: "Apply filters" }).tap();
  await expect(page).toHaveURL(/inStock=1/);
  await expect(filters).toBeHidden();
  await expect(opener).toContainText("1");

  // Close shuts it without applying anything.
  await opener.tap();
  await expect(filters).toBeVisible();
  await page.getByRole("button", { name: "Close filters" }).tap();
  await expect(filters).toBeHidden();
});

test("a gallery thumbnail shows its image", async ({ page, shop, seller }) => {
  const images = ["/images/placeholder.svg", "/images/categories/camping.svg", "/images/categories/audio.svg"];
  const product = await shop.product(seller, { images });
  await page.goto(`/products/${product.slug}`);
  const main = page.getByTestId("gallery-main");
  const thumbs = page.getByRole("list", { name: "Product images" }).getByRole("button");
  await expect(main).toHaveAttribute("src", images[0]!);
  await expect(thumbs).toHaveCount(3);
  await expect(thumbs.nth(0)).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("button", { name: "Show image 3 of 3" }).tap();
  await expect(main).toHaveAttribute("src", images[2]!);
  await expect(main).toHaveAccessibleName(`${product.title}, image 3 of 3`);
  await expect(thumbs.nth(2)).toHaveAttribute("aria-pressed", "true");
  await expect(thumbs.nth(0)).toHaveAttribute("aria-pressed", "false");
});

test("the button of a sold-out variant says Sold out", async ({ page, shop, seller }) => {
  const product = await shop.product(seller, {
    variants: [
      { title: "Green", options: { Colour: "Green" }, stock: 4 },
      { title: "Grey", options: { Colour: "Grey" }, stock: 0 },
    ],
  });
  await page.goto(`/products/${product.slug}`);
  await expect(page.getByRole("button", { name: "Add to cart" })).toBeEnabled();
  await page.getByRole("radio", { name: /^Grey/ }).check();
  await expect(page.getByRole("button", { name: "Sold out" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Add to cart" })).toHaveCount(0);
});

test("the header keeps its height when the page goes live", async ({ page, shop, seller }) => {
  const product = await shop.product(seller);
  await page.goto("/signin");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "idle");
  const idle = (await page.locator("header").first().boundingBox())!.height;
  await page.goto(`/products/${product.slug}`);
  await live(page);
  expect((await page.locator("header").first().boundingBox())!.height).toBe(idle);
});
