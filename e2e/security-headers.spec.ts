// Security headers (issue 10, finding 8): every page and API response carries them, pages run
// under a nonce-based CSP with nothing reported, and live updates still arrive under it.
import type { Page } from "@playwright/test";
import { setStock } from "./api";
import { expect, test } from "./fixtures";
import { live } from "./helpers";

const COMMON = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

test("pages and API responses carry the security headers; the CSP's nonce is new each time; no HSTS over http", async ({ request }) => {
  const nonces = new Set<string>();
  for (const url of ["/", "/search?q=lamp", "/api/health", "/api/trpc/catalog.categories", "/images/placeholder.svg"]) {
    const res = await request.get(url, { headers: { connection: "close" } });
    expect(res.status(), url).toBeLessThan(400);
    const h = res.headers();
    expect(h, url).toMatchObject(COMMON);
    expect(h["permissions-policy"], url).toContain("camera=()");
    expect(h["strict-transport-security"], url).toBeUndefined();
    const csp = h["content-security-policy"] ?? "";
    expect(csp, url).toContain("frame-ancestors 'none'");
    expect(csp, url).toContain("object-src 'none'");
    expect(csp, url).not.toContain("unsafe-eval");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, url).toBeTruthy();
    nonces.add(nonce!);
  }
  expect(nonces.size).toBe(5);
  // The page's own scripts carry the response's nonce.
  const page = await request.get("/", { headers: { connection: "close" } });
  const nonce = /'nonce-([^']+)'/.exec(page.headers()["content-security-policy"]!)![1]!;
  expect(await page.text()).toContain(`nonce="${nonce}"`);
});

async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
  });
  await page.exposeFunction("__reportCsp", (v: string) => void seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __reportCsp: (v: string) => void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return seen;
}

test("pages run under the CSP with no violation, and live updates still arrive", async ({ page, shop, seller }) => {
  const violations = await watchViolations(page);
  const product = await shop.product(seller, { variants: [{ stock: 7, lowStockThreshold: 2 }] });
  const variant = product.variants[0]!;

  await page.goto("/");
  await expect(page.getByTestId("product-card").first()).toBeVisible();
  await page.getByRole("button", { name: "Show more products" }).click(); // client JS runs
  await expect(page.getByTestId("product-card")).toHaveCount(48);

  await page.goto(`/products/${product.slug}?variant=${variant.id}`);
  await live(page); // the socket to the sidecar is allowed by connect-src
  await setStock(seller.api, product.id, variant.id, 1);
  await expect(page.getByTestId("product-stock")).toHaveText("Only 1 left");

  await page.goto("/signin");
  await expect(page.getByLabel("Email")).toBeVisible();
  expect(violations).toEqual([]);
});
