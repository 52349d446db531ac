// Issue 14: no page scrolls sideways on a 360 px wide phone. Every page of app/ is visited (the
// list is read from the folders, so a new page is checked as soon as it exists, and a new
// dynamic segment fails until it is given a real value below), as the person who uses it:
// customers' pages signed in as a customer (the widest header), seller pages as a seller,
// admin pages as the admin, and the sign-in pages as a visitor.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { buy, buyAsGuest } from "./api";
import { DEMO_ADMIN, expect, test, type Product } from "./fixtures";

const APP_DIR = fileURLToPath(new URL("../app", import.meta.url));

/** URL patterns of every page.tsx under app/ ("/seller/products/[id]"): route groups "(shop)"
 * leave the URL, private "_folders" are no routes. */
function appRoutes(dir = APP_DIR, prefix = ""): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === "page.tsx") routes.push(prefix || "/");
    if (!entry.isDirectory() || entry.name.startsWith("_") || entry.name.startsWith("@")) continue;
    const segment = /^\(.+\)$/.test(entry.name) ? "" : `/${entry.name}`;
    routes.push(...appRoutes(path.join(dir, entry.name), prefix + segment));
  }
  return routes.sort();
}

type Who = "visitor" | "customer" | "seller" | "admin";

/** Pages a visitor uses (signed in they mostly send you on). */
const VISITOR_PAGES = ["/signin", "/register", "/forgot-password", "/reset-password"];

function whoOpens(route: string): Who {
  if (route === "/seller" || route.startsWith("/seller/")) return "seller";
  if (route === "/admin" || route.startsWith("/admin/")) return "admin";
  if (VISITOR_PAGES.includes(route)) return "visitor";
  return "customer";
}

interface Seeded {
  product: Product;
  orderId: string;
  /** A guest order's signed link token (/orders/view/[token]). */
  orderToken: string;
  /** The seller's low-stock digest unsubscribe token (/unsubscribe/[token]). */
  unsubscribeToken: string;
}

/** A real value for each dynamic segment, by the route it is in. */
function fill(route: string, data: Seeded): string {
  const values: Record<string, Record<string, string>> = {
    "/categories/[slug]": { slug: "camping" },
    "/products/[slug]": { slug: data.product.slug },
    "/orders/[id]": { id: data.orderId },
    "/orders/view/[token]": { token: data.orderToken },
    "/unsubscribe/[token]": { token: data.unsubscribeToken },
    "/admin/orders/[id]": { id: data.orderId },
    "/seller/orders/[id]": { id: data.orderId },
    "/seller/products/[id]": { id: data.product.id },
    "/seller/products/[id]/variants/[variantId]": { id: data.product.id, variantId: data.product.variants[0]!.id },
  };
  if (!route.includes("[")) return route;
  const known = values[route];
  if (!known) throw new Error(`${route} is a new page with a dynamic segment: give it a real value in e2e/phone-layout.spec.ts`);
  return route.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const value = known[name];
    if (!value) throw new Error(`no value for [${name}] of ${route}`);
    return encodeURIComponent(value);
  });
}

/** How far the page is wider than the screen, and the elements sticking out on the right. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const culprits: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= width + 1) continue;
      // The outermost element sticking out (its children stick out with it), and any positioned
      // one (an absolutely positioned label escapes a scroll box that is not its containing block).
      const outermost = !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 1;
      if (!outermost && !/absolute|fixed/.test(getComputedStyle(el).position)) continue;
      const cls = typeof el.className === "string" ? el.className.split(/\s+/).slice(0, 4).join(".") : "";
      culprits.push(`${el.tagName.toLowerCase()}${cls ? `.${cls}` : ""} (right ${Math.round(r.right)})`);
      if (culprits.length === 5) break;
    }
    return { extra: root.scrollWidth - width, culprits };
  });
}

const PHONE = { width: 360, height: 780 };
test.use({ viewport: PHONE });

test("every page of app/ is listed with a signed-in role and a real URL", () => {
  const routes = appRoutes();
  expect(routes.length).toBeGreaterThan(20);
  for (const r of ["/", "/products/[slug]", "/seller/products", "/admin/audit", "/account/security", "/signin"]) expect(routes).toContain(r);
  // Every dynamic segment has a value (fill throws otherwise).
  const fake = { product: { id: "p", slug: "s", variants: [{ id: "v" }] } as Product, orderId: "o", orderToken: "t", unsubscribeToken: "u" };
  for (const r of routes) expect(fill(r, fake)).not.toContain("[");
});

test("no page scrolls sideways at 360 px, signed in as whoever uses it", async ({ shop, seller, customer, playwright, baseURL }) => {
  test.setTimeout(240_000);
  const product = await shop.product(seller, {
    images: ["/images/placeholder.svg", "/images/categories/camping.svg"],
    variants: [
      { title: "Forest green, a long variant name to wrap", options: { Colour: "Forest green" }, stock: 12 },
      { title: "Slate", options: { Colour: "Slate" }, stock: 0 },
    ],
  });
  const order = await buy(customer.api, product.variants[0]!.id, 1);
  const visitor = await playwright.request.newContext({ baseURL });
  const guest = await buyAsGuest(visitor, product.variants[0]!.id, 1);
  await visitor.dispose();
  const data: Seeded = { product, orderId: order.id, orderToken: guest.link.split("/").pop()!, unsubscribeToken: "" };

  // Contexts of their own (signed in as each role); browserAs opens them at the desktop size.
  const pages: Record<Who, Page> = {
    visitor: (await shop.browserAs(undefined)).page,
    customer: (await shop.browserAs(customer)).page,
    seller: (await shop.browserAs(seller)).page,
    admin: (await shop.browserAs(DEMO_ADMIN)).page,
  };
  for (const p of Object.values(pages)) await p.setViewportSize(PHONE);
  // The seller's low-stock digest (Slate is sold out), sent from the dev mailbox, for its unsubscribe link.
  await pages.visitor.goto("/dev/mail");
  await pages.visitor.getByLabel(/^Day/).fill("2032-02-02");
  await pages.visitor.getByRole("button", { name: "Send the low-stock digest now" }).click();
  const digest = pages.visitor.getByRole("listitem").filter({ hasText: `To: ${seller.email}` }).filter({ hasText: /Low stock at/ }).first();
  await expect(async () => {
    await pages.visitor.goto("/dev/mail");
    await expect(digest).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  data.unsubscribeToken = decodeURIComponent(new URL((await digest.getByRole("link", { name: /\/unsubscribe\// }).getAttribute("href"))!).pathname.split("/").pop()!);
  // A cart with something in it (the cart and checkout pages are empty otherwise).
  await pages.customer.goto(`/products/${product.slug}`);
  await pages.customer.getByRole("button", { name: "Add to cart" }).click();
  await expect(pages.customer.getByRole("link", { name: "View cart" })).toBeVisible();

  const routes = appRoutes();
  for (const route of routes) {
    const url = fill(route, data);
    const page = pages[whoOpens(route)];
    await page.goto(url);
    await expect(page.locator("main#main")).toBeVisible();
    await page.waitForLoadState("load");
    const { extra, culprits } = await overflow(page);
    expect.soft(extra, `${url} as ${whoOpens(route)} is ${extra}px wider than the screen: ${culprits.join(", ")}`).toBeLessThanOrEqual(0);
  }
  // Also the home and product pages as a visitor (another header).
  for (const url of ["/", `/products/${product.slug}`, "/cart"]) {
    await pages.visitor.goto(url);
    await expect(pages.visitor.locator("main#main")).toBeVisible();
    const { extra, culprits } = await overflow(pages.visitor);
    expect.soft(extra, `${url} as visitor: ${culprits.join(", ")}`).toBeLessThanOrEqual(0);
  }
});
