// The catalogue cache against the real app (decisions 124-128): product data is served from
// memory, yet a product page opened after a seller's price change shows the new price in the
// server's own HTML. The second browser runs without JavaScript, so nothing can patch the price
// live: what it shows is what the server rendered.
import parsePrometheus from "parse-prometheus-text-format";
import { formatMoney } from "../shared/money";
import { E2E_METRICS_TOKEN } from "../playwright.config";
import { productBySlug, setPrice } from "./api";
import { expect, test } from "./fixtures";

const APP = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;

/** Product-page reads the cache answered from memory so far. */
async function bySlugHits(): Promise<number> {
  const res = await fetch(`${APP}/metrics`, { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  const family = parsePrometheus(await res.text()).find((f) => f.name === "livemarket_catalog_cache_lookups_total");
  const sample = family?.metrics.find((m) => m.labels?.read === "bySlug" && m.labels?.result === "hit");
  return Number(sample?.value ?? 0);
}

test("a product page opened after a seller changes a price shows the new price at once, from the server", async ({ browser, baseURL, page, shop, seller }) => {
  const product = await shop.product(seller, { variants: [{ priceMinor: 4100, stock: 9 }] });
  const variant = product.variants[0]!;

  // Shoppers' visits: the page and the API read, twice, so the old price is held in memory.
  const hitsBefore = await bySlugHits();
  for (let i = 0; i < 2; i++) {
    await page.goto(`/products/${product.slug}`);
    await expect(page.getByTestId("product-price")).toHaveText(formatMoney(4100, "USD"));
    expect((await productBySlug(page.request, product.slug)).variants[0]!.priceMinor).toBe(4100);
  }
  expect(await bySlugHits()).toBeGreaterThan(hitsBefore);

  await setPrice(seller.api, product.id, variant.id, 4877);

  // Another shopper, right after the seller's save returned, with JavaScript off.
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  try {
    const other = await context.newPage();
    await other.goto(`/products/${product.slug}`);
    await expect(other.getByTestId("product-price")).toHaveText(formatMoney(4877, "USD"));
    expect((await productBySlug(other.request, product.slug)).variants[0]!.priceMinor).toBe(4877);
  } finally {
    await context.close();
  }
});
