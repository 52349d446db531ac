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

test("a cached catalogue read answered before Next.js (the fast lane) looks exactly like the one Next.js answered", async ({ shop, seller }) => {
  const product = await shop.product(seller, { variants: [{ priceMinor: 2300, stock: 4 }] });
  const url = `${APP}/api/trpc/catalog.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug: product.slug } }))}`;
  const counted = async () => {
    const res = await fetch(`${APP}/metrics`, { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
    const families = parsePrometheus(await res.text());
    const value = (name: string, labels: Record<string, string>) =>
      Number(families.find((f) => f.name === name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value ?? 0);
    return { calls: value("livemarket_procedure_calls_total", { api: "trpc", name: "catalog.bySlug", outcome: "ok" }), lane: value("livemarket_catalog_lane_answers_total", { read: "bySlug" }) };
  };
  const hitsBefore = await bySlugHits();
  const before = await counted();
  // A new product: the first read is a miss (Next.js and tRPC answer and store it), the next ones
  // hits, answered by the lane. (With two app processes each may meet its own first miss: by the
  // third request one of them has answered a hit.)
  const responses = [await fetch(url), await fetch(url), await fetch(url)];
  const [first] = responses as [Response, ...Response[]];
  expect(await bySlugHits()).toBeGreaterThan(hitsBefore);
  const after = await counted();
  expect(after.calls).toBe(before.calls + 3);
  expect(after.lane).toBeGreaterThan(before.lane);
  const firstBody = await first.text();
  // Every header the same, but those unique to each response.
  const unique = new Set(["date", "x-request-id", "content-security-policy", "content-length", "transfer-encoding", "keep-alive", "connection"]);
  const headers = (r: Response) => [...r.headers].filter(([k]) => !unique.has(k)).sort();
  const nonceFree = (r: Response) => r.headers.get("content-security-policy")!.replace(/'nonce-[^']+'/, "'nonce'");
  for (const r of responses.slice(1)) {
    expect(r.status).toBe(200);
    expect(await r.text()).toBe(firstBody);
    expect(headers(r)).toEqual(headers(first));
    expect(nonceFree(r)).toBe(nonceFree(first));
    expect(r.headers.get("content-security-policy")).not.toBe(first.headers.get("content-security-policy"));
  }
  const second = responses[2]!;
  // Revalidation: the ETag held is a 304 without a body.
  const revalidated = await fetch(url, { headers: { "if-none-match": second.headers.get("etag")! } });
  expect(revalidated.status).toBe(304);
  expect(await revalidated.text()).toBe("");
});
