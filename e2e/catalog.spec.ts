// Storefront catalogue: home, search with filters/sort/pagination, category pages and the
// product page, with and without JavaScript. Search and browse run over the demo catalogue, and
// what each test expects of it is read from the storefront API (every listed product, the
// category tree) at the time, never from the seed's source. The product-page tests use products
// of their own, made through the seller API.
import type { Browser, Locator, Page } from "@playwright/test";
import { formatMoney } from "../shared/money.ts";
import { catalogCategories, storefrontProducts, type ProductCard } from "./api";
import { expect, test, type Product, type Seller, type Shop } from "./fixtures";

const minPrice = (p: { variants: { priceMinor: number }[] }) => Math.min(...p.variants.map((v) => v.priceMinor));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A variant radio by its value; sold-out values carry "(out of stock)" in their name. */
const radio = (page: Page, value: string) => page.getByRole("radio", { name: new RegExp(`^${escape(value)}( \\(out of stock\\))?$`) });

async function withoutJs(browser: Browser, run: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    await run(await context.newPage());
  } finally {
    await context.close();
  }
}

async function cardTitles(cards: Locator): Promise<string[]> {
  return cards.getByRole("heading").allTextContents();
}

/** What the storefront lists right now. */
async function listed(page: Page): Promise<ProductCard[]> {
  return storefrontProducts(page.request);
}

/** A product with one option dimension: the first variant sold out, then two in stock at other
 * prices (the sold-out one at a price of its own). */
function sizedProduct(shop: Shop, seller: Seller): Promise<Product> {
  return shop.product(seller, {
    title: `E2E Camp Chair`,
    variants: [
      { title: "Small", options: { size: "S" }, priceMinor: 2450, stock: 0 },
      { title: "Medium", options: { size: "M" }, priceMinor: 1999, stock: 8 },
      { title: "Large", options: { size: "L" }, priceMinor: 2100, stock: 5 },
    ],
  });
}

test.describe("search and browse", () => {
  test("searching from the home page search box lists title matches first", async ({ page }) => {
    const skillets = (await listed(page)).filter((p) => /skillet/i.test(p.title));
    expect(skillets.length).toBeGreaterThan(0);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Featured" })).toBeVisible();
    await expect(page.getByTestId("featured-card")).toHaveCount(8);
    const box = page.getByRole("main").getByRole("searchbox", { name: "Search products" });
    await box.fill("skillet");
    await box.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=skillet$/);
    await expect(page.getByRole("heading", { level: 1, name: "Results for “skillet”" })).toBeVisible();
    const cards = page.getByTestId("product-card");
    await expect(cards.first()).toBeVisible();
    const titles = await cardTitles(cards);
    expect(titles.slice(0, skillets.length).sort()).toEqual(skillets.map((p) => p.title).sort());
    await expect(page.getByTestId("result-count")).toHaveText(`${titles.length} products`);
  });

  test("filters by category, brand and stock, then sorts by price", async ({ page }) => {
    const brand = "Copperwick";
    const expected = (await listed(page))
      .filter((p) => p.category.slug === "cookware" && p.brand === brand && p.variants.some((v) => v.stock > 0))
      .sort((a, b) => minPrice(a) - minPrice(b));
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.length).toBeLessThanOrEqual(24);

    await page.goto("/search");
    const filters = page.getByRole("form", { name: "Filters" });
    await filters.getByLabel("Category").selectOption({ label: "Cookware" });
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/category=cookware/);

    await filters.getByRole("checkbox", { name: new RegExp(`^${brand}`) }).check();
    await filters.getByRole("checkbox", { name: "In stock only" }).check();
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/brand=Copperwick/);
    await expect(page).toHaveURL(/inStock=1/);
    const cards = page.getByTestId("product-card");
    await expect(cards).toHaveCount(expected.length);
    await expect(page.getByTestId("result-count")).toHaveText(`${expected.length} products`);
    for (const card of await cards.all()) {
      await expect(card).toContainText(brand);
      await expect(card).not.toContainText("Out of stock");
    }

    await page.getByLabel("Sort by").selectOption({ label: "Price: low to high" });
    await expect(page).toHaveURL(/sort=price_asc/);
    await expect(page).toHaveURL(/brand=Copperwick/);
    await expect(cards.first().getByTestId("card-price")).toContainText(formatMoney(minPrice(expected[0]!), "USD"));
    const prices = (await cards.getByTestId("card-price").allTextContents()).map((t) => t.split(" – ")[0]);
    expect(prices).toEqual(expected.map((p) => formatMoney(minPrice(p), "USD")));

    await page.getByLabel("Sort by").selectOption({ label: "Price: high to low" });
    await expect(page).toHaveURL(/sort=price_desc/);
    await expect(cards.first().getByTestId("card-price")).toContainText(formatMoney(minPrice(expected.at(-1)!), "USD"));

    await filters.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).not.toHaveURL(/brand=/);
    await expect(cards).toHaveCount(24);
  });

  test("says when nothing matches and offers to clear the filters", async ({ page }) => {
    await page.goto("/search?q=kettle&brand=Copperwick&inStock=1");
    await expect(page.getByTestId("search-empty")).toContainText("No products match “kettle” with these filters");
    await page.getByRole("link", { name: "clearing the filters" }).click();
    await expect(page).toHaveURL(/\/search\?q=kettle/);
    await expect(page.getByTestId("search-empty")).toContainText("No products match “kettle”");
  });

  test("bad search parameters are ignored, not errors", async ({ page }) => {
    const res = await page.goto(`/search?minPrice=-5&maxPrice=abc&sort=cheapest&cursor=nonsense&inStock=maybe&brand=&q=${"x".repeat(500)}`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const swapped = await page.goto("/search?minPrice=50&maxPrice=10&sort=price_asc");
    expect(swapped?.status()).toBe(200);
    await expect(page.getByLabel("Min price")).toHaveValue("10");
    await expect(page.getByLabel("Max price")).toHaveValue("50");
  });

  test("shows more results on the page with JavaScript", async ({ page }) => {
    await page.goto("/search?sort=price_asc");
    const cards = page.getByTestId("product-card");
    await expect(cards).toHaveCount(24);
    await page.getByRole("button", { name: "Show more" }).click();
    await expect(cards).toHaveCount(48);
    const titles = await cardTitles(cards);
    expect(new Set(titles).size).toBe(48);
  });

  test("without JavaScript, results are in the server HTML and pages go on through links", async ({ browser }) => {
    await withoutJs(browser, async (page) => {
      await page.goto("/search?category=clothing&sort=price_asc");
      const cards = page.getByTestId("product-card");
      await expect(cards).toHaveCount(24);
      const first = await cardTitles(cards);
      await page.getByRole("link", { name: "Next page" }).click();
      await expect(page).toHaveURL(/cursor=/);
      await expect(cards.first()).toBeVisible();
      const second = await cardTitles(cards);
      expect(second.filter((t) => first.includes(t))).toEqual([]);
      await page.getByRole("link", { name: "Back to the first page" }).click();
      await expect(page).not.toHaveURL(/cursor=/);

      // The filter form is a plain GET form.
      await page.getByRole("checkbox", { name: "In stock only" }).check();
      await page.getByRole("button", { name: "Apply filters" }).click();
      await expect(page).toHaveURL(/inStock=1/);
      await expect(page).toHaveURL(/category=clothing/);
      await expect(cards.first()).toBeVisible();

      // So is the search box on the home page.
      await page.goto("/");
      await page.getByRole("main").getByRole("searchbox", { name: "Search products" }).fill("tent");
      await page.getByRole("main").getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/\/search\?q=tent/);
      await expect(cards.first()).toContainText(/tent/i);
    });
  });

  test("a category page includes its subcategories and links to them", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Electronics" }).click();
    await expect(page).toHaveURL(/\/categories\/electronics$/);
    await expect(page.getByRole("heading", { level: 1, name: "Electronics" })).toBeVisible();
    const tree = (await catalogCategories(page.request)).find((c) => c.slug === "electronics")!;
    const inTree = new Set([tree.slug, ...tree.children.map((c) => c.slug)]);
    const products = await listed(page);
    const electronics = products.filter((p) => inTree.has(p.category.slug));
    await expect(page.getByTestId("result-count")).toHaveText(`${electronics.length} products`);
    const sub = page.getByRole("navigation", { name: "Subcategories of Electronics" });
    await sub.getByRole("link", { name: "Audio" }).click();
    await expect(page).toHaveURL(/\/categories\/audio$/);
    await expect(page.getByRole("heading", { level: 1, name: "Audio" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Audio", exact: true })).toHaveAttribute("aria-current", "page");
    const audio = products.filter((p) => p.category.slug === "audio");
    await expect(page.getByTestId("result-count")).toHaveText(`${audio.length} products`);
    expect((await page.goto("/categories/no-such-category"))?.status()).toBe(404);
  });
});

test.describe("product page", () => {
  test("choosing a variant updates the URL, price and stock; a sold-out variant cannot be added", async ({ page, shop, seller }) => {
    const p = await sizedProduct(shop, seller);
    const [option] = Object.keys(p.variants[0]!.options);
    const out = p.variants.find((v) => v.stock === 0)!;
    const inStock = p.variants.find((v) => v.stock > 0 && v.priceMinor !== out.priceMinor)!;

    await page.goto("/");
    await page.getByRole("main").getByRole("searchbox", { name: "Search products" }).fill(`"${p.title}"`);
    await page.getByRole("main").getByRole("searchbox", { name: "Search products" }).press("Enter");
    await page.getByRole("link", { name: p.title, exact: true }).first().click();
    await expect(page).toHaveURL(new RegExp(`/products/${p.slug}$`));
    await expect(page.getByRole("heading", { level: 1, name: p.title })).toBeVisible();
    await expect(page.getByText(`Sold by ${p.storeName}`)).toBeVisible();
    await expect(page.getByRole("img", { name: p.title, exact: true })).toBeVisible();

    // Without ?variant the first variant in stock is shown.
    const first = p.variants.find((v) => v.stock > 0)!;
    await expect(radio(page, first.options[option!]!)).toBeChecked();
    await expect(page.getByTestId("product-price")).toHaveText(formatMoney(first.priceMinor, "USD"));

    await radio(page, out.options[option!]!).check();
    await expect(page).toHaveURL(new RegExp(`\\?variant=${out.id}$`));
    await expect(page.getByTestId("product-price")).toHaveText(formatMoney(out.priceMinor, "USD"));
    await expect(page.getByTestId("product-stock")).toHaveText("Out of stock");
    await expect(page.getByRole("button", { name: "Sold out" })).toBeDisabled();
    await expect(page.getByLabel("Quantity")).toBeDisabled();

    await radio(page, inStock.options[option!]!).check();
    await expect(page).toHaveURL(new RegExp(`\\?variant=${inStock.id}$`));
    await expect(page.getByTestId("product-price")).toHaveText(formatMoney(inStock.priceMinor, "USD"));
    await expect(page.getByTestId("product-stock")).not.toHaveText("Out of stock");
    await expect(page.getByRole("button", { name: "Add to cart" })).toBeEnabled();

    await radio(page, out.options[option!]!).check();
    await expect(page).toHaveURL(new RegExp(`\\?variant=${out.id}$`));

    // The URL is shareable: a fresh load shows the same variant.
    await page.reload();
    await expect(radio(page, out.options[option!]!)).toBeChecked();
    await expect(page.getByTestId("product-price")).toHaveText(formatMoney(out.priceMinor, "USD"));
  });

  test("the option radios are keyboard-operable", async ({ page, shop, seller }) => {
    const p = await sizedProduct(shop, seller);
    const first = p.variants[0]!;
    const second = p.variants[1]!;
    await page.goto(`/products/${p.slug}?variant=${first.id}`);
    const [option] = Object.keys(first.options);
    await radio(page, first.options[option!]!).focus();
    await page.keyboard.press("ArrowRight");
    await expect(page).toHaveURL(new RegExp(`variant=${second.id}`));
    await expect(radio(page, second.options[option!]!)).toBeChecked();
    await expect(radio(page, second.options[option!]!)).toBeFocused();
  });

  test("a product with two options picks the matching variant", async ({ page, shop, seller }) => {
    // The first and last variants differ in both options (S/Black, M/Rust); the others mix them.
    const p = await shop.product(seller, {
      title: "E2E Rain Shell",
      category: "jackets",
      variants: [
        { title: "S / Black", options: { size: "S", color: "Black" }, priceMinor: 8900 },
        { title: "S / Rust", options: { size: "S", color: "Rust" }, priceMinor: 9100 },
        { title: "M / Black", options: { size: "M", color: "Black" }, priceMinor: 9300 },
        { title: "M / Rust", options: { size: "M", color: "Rust" }, priceMinor: 9500 },
      ],
    });
    const [a, b] = Object.keys(p.variants[0]!.options) as [string, string];
    const target = p.variants.at(-1)!;
    await page.goto(`/products/${p.slug}?variant=${p.variants[0]!.id}`);
    await expect(page.getByRole("group", { name: new RegExp(`^${a}`, "i") })).toBeVisible();
    await page.getByRole("group", { name: new RegExp(`^${a}`, "i") }).getByRole("radio", { name: new RegExp(`^${escape(target.options[a]!)}`) }).check();
    await page.getByRole("group", { name: new RegExp(`^${b}`, "i") }).getByRole("radio", { name: new RegExp(`^${escape(target.options[b]!)}`) }).check();
    await expect(page).toHaveURL(new RegExp(`variant=${target.id}`));
    await expect(page.getByTestId("product-price")).toHaveText(formatMoney(target.priceMinor, "USD"));
  });

  test("quantity is limited by stock and adding to the cart confirms inline", async ({ page, shop, seller }) => {
    const p = await shop.product(seller, { variants: [{ stock: 7 }] });
    const v = p.variants[0]!;
    await page.goto(`/products/${p.slug}?variant=${v.id}`);
    await expect(page.getByLabel("Quantity")).toHaveAttribute("max", String(Math.min(v.stock, 99)));
    await page.getByLabel("Quantity").fill(String(Math.min(v.stock, 99) + 1));
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByText(/Choose a quantity from 1 to/)).toBeVisible();
    await page.getByLabel("Quantity").fill("2");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Added to cart" })).toBeVisible();
    await expect(page.getByRole("link", { name: "View cart" })).toHaveAttribute("href", "/cart");
  });

  test("without JavaScript, the variant picker submits and lands on the variant's URL", async ({ browser, shop, seller }) => {
    const p = await sizedProduct(shop, seller);
    const [option] = Object.keys(p.variants[0]!.options);
    const out = p.variants.find((v) => v.stock === 0)!;
    await withoutJs(browser, async (page) => {
      await page.goto(`/products/${p.slug}`);
      await expect(page.getByRole("heading", { level: 1, name: p.title })).toBeVisible();
      await radio(page, out.options[option!]!).check();
      await page.getByRole("button", { name: "Show selection" }).click();
      await expect(page).toHaveURL(new RegExp(`\\?variant=${out.id}$`));
      await expect(page.getByTestId("product-price")).toHaveText(formatMoney(out.priceMinor, "USD"));
      await expect(page.getByRole("button", { name: "Sold out" })).toBeDisabled();
    });
  });

  test("archived, draft and unknown products answer 404: no longer available", async ({ page, shop, seller }) => {
    const archived = await shop.product(seller, { status: "ARCHIVED" });
    const draft = await shop.product(seller, { status: "DRAFT" });
    for (const slug of [archived.slug, draft.slug, "no-such-product"]) {
      const res = await page.goto(`/products/${slug}`);
      expect(res?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "This product is no longer available" })).toBeVisible();
    }
    await expect(page.getByRole("main").getByRole("link", { name: "Search products" })).toHaveAttribute("href", "/search");
  });
});
