// Fixtures that make each test's own data through the app's HTTP API (e2e/api.ts): customers,
// sellers with their stores, products with stock, and browser contexts signed in as any of them.
// No test picks rows of the demo seed or shares a cart, an order or a unit of stock with
// another, so none depends on what another left behind and none has to put anything back.
//
//   test("…", async ({ page, shop, customer, seller }) => {
//     const product = await shop.product(seller, { variants: [{ stock: 3 }] });
//     await signIn(page, customer);              // API sign-in, the cookie lands in page's context
//     const other = await shop.browserAs(seller); // another signed-in context, closed afterwards
//   });
import { expect as baseExpect, test as base, type APIRequestContext, type Browser, type BrowserContext, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import type { SeedVariant } from "@/prisma/seed/catalog";
import { createProduct, enrolTwoFactor, NO_KEEP_ALIVE, register, sellerCategories, sellerStore, setRole, signInWithApi, type CategoryNode, type EditorProduct, type SellerStore } from "./api";

/** The seeded admin: the only account the fixtures borrow (to make sellers). */
export const DEMO_ADMIN = { email: "admin@livemarket.test", password: "livemarket-demo" } as const;

/** A short unique suffix for names, emails, slugs and SKUs. */
export function uniqueTag(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${uniqueTag()}@example.com`;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface Account extends Credentials {
  id: string;
  name: string;
  /** A request context signed in as this account (not a browser's). */
  api: APIRequestContext;
}

/** Staff must have two-factor (the demo accounts are exempt): an account enrolled through the
 * API, with its authenticator secret and recovery codes, for tests that sign in anew. */
export interface StaffAccount extends Account {
  twoFactor: { secret: string; recoveryCodes: string[] };
}

export interface Seller extends StaffAccount {
  store: SellerStore;
}

export interface VariantSpec {
  title?: string;
  options?: Record<string, string>;
  priceMinor?: number;
  /** A sale's was price (above priceMinor). */
  compareAtMinor?: number;
  stock?: number;
  lowStockThreshold?: number;
}

export interface ProductSpec {
  title?: string;
  brand?: string;
  description?: string;
  /** A category slug (a leaf of the seeded tree); "camping" unless given. */
  category?: string;
  /** ACTIVE (on sale) unless given. */
  status?: "ACTIVE" | "DRAFT" | "ARCHIVED";
  /** Paths under /images; the placeholder unless given. */
  images?: string[];
  /** One variant, 20 in stock at $25.00, unless given. */
  variants?: VariantSpec[];
}

/** A variant the fixture made: the seed's variant fields plus its id. */
export interface Variant extends SeedVariant {
  id: string;
}

export interface Product {
  id: string;
  slug: string;
  title: string;
  brand: string;
  status: EditorProduct["status"];
  storeName: string;
  variants: Variant[];
}

/** Signs `target`'s browser context in through the API: its pages are then signed in. An account
 * with two-factor (a fixture seller) is not signed in again (each code works once, and a new one
 * comes every 30 seconds): the context gets a copy of its API context's verified session. */
export async function signIn(target: Page | BrowserContext, who: Credentials | Account | StaffAccount): Promise<void> {
  if ("twoFactor" in who && "api" in who) {
    const context = "context" in target ? target.context() : target;
    const cookies = (await who.api.storageState()).cookies.filter((c) => c.name.includes("next-auth.session-token"));
    baseExpect(cookies.length, `a session of ${who.email} to copy`).toBeGreaterThan(0);
    await context.addCookies(cookies);
    return;
  }
  await signInWithApi(target.request, who.email, who.password);
}

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

/** Makes accounts, products and browser contexts for one test, and disposes of them after it. */
export class Shop {
  private readonly cleanups: (() => Promise<unknown>)[] = [];
  private categories: CategoryNode[] | null = null;

  constructor(
    private readonly deps: { playwright: PlaywrightWorkerArgs["playwright"]; browser: Browser; baseURL: string; admin: APIRequestContext },
  ) {}

  /** A request context of its own (own cookie jar) against the app under test. */
  async requestContext(baseURL = this.deps.baseURL): Promise<APIRequestContext> {
    // Origin: the app refuses cookie-carrying POSTs without its own Origin, as a page sends it.
    const request = await this.deps.playwright.request.newContext({ baseURL, extraHTTPHeaders: { ...NO_KEEP_ALIVE, origin: new URL(baseURL).origin } });
    this.cleanups.push(() => request.dispose());
    return request;
  }

  /** A newly registered customer, signed in on `api`. */
  async customer(name = `E2E Customer ${uniqueTag()}`): Promise<Account> {
    const api = await this.requestContext();
    const password = "e2e-customer-password";
    const user = await register(api, { name, email: uniqueEmail("customer"), password });
    await signInWithApi(api, user.email, password);
    return { id: user.id, name: user.name, email: user.email, password, api };
  }

  /** A newly registered user whom the demo admin made a seller: they have an empty store, and
   * two-factor set up through the API (staff must have it before any seller page works). */
  async seller(name = `E2E Seller ${uniqueTag()}`): Promise<Seller> {
    const api = await this.requestContext();
    const password = "e2e-seller-password";
    const user = await register(api, { name, email: uniqueEmail("seller"), password });
    await setRole(this.deps.admin, user.id, "SELLER");
    // Signed in after the promotion, so the session carries the seller role from the start.
    await signInWithApi(api, user.email, password);
    const twoFactor = await enrolTwoFactor(api);
    return { id: user.id, name: user.name, email: user.email, password, api, store: await sellerStore(api), twoFactor };
  }

  /** A product of `seller`'s store, created through the seller API with its initial stock. */
  async product(seller: Seller, spec: ProductSpec = {}): Promise<Product> {
    const tag = uniqueTag();
    const title = spec.title ?? `E2E Trail Lantern ${tag}`;
    this.categories ??= await sellerCategories(seller.api);
    const slug = spec.category ?? "camping";
    const category = this.categories.flatMap((c) => [c, ...c.children]).find((c) => c.slug === slug);
    if (!category) throw new Error(`no category ${slug}`);
    const variants = spec.variants ?? [{}];
    const created = await createProduct(seller.api, {
      title,
      slug: slugify(title.includes(tag) ? title : `${title} ${tag}`),
      description: spec.description ?? "Made by the end-to-end tests.",
      brand: spec.brand ?? "E2E Goods",
      categoryId: category.id,
      images: spec.images ?? ["/images/placeholder.svg"],
      status: spec.status ?? "ACTIVE",
      variants: variants.map((v, i) => ({
        sku: `E2E-${tag}-${i + 1}`.toUpperCase(),
        title: v.title ?? `Variant ${i + 1}`,
        options: Object.entries(v.options ?? {}).map(([name, value]) => ({ name, value })),
        priceMinor: v.priceMinor ?? 2500,
        ...(v.compareAtMinor ? { compareAtMinor: v.compareAtMinor } : {}),
        currency: "USD",
        lowStockThreshold: v.lowStockThreshold ?? 5,
        initialStock: v.stock ?? 20,
      })),
    });
    return {
      id: created.id,
      slug: created.slug,
      title: created.title,
      brand: created.brand,
      status: created.status,
      storeName: seller.store.name,
      variants: created.variants.map((v) => ({
        id: v.id,
        sku: v.sku,
        title: v.title,
        options: Object.fromEntries(v.options.map((o) => [o.name, o.value])),
        priceMinor: v.priceMinor,
        stock: v.stock,
        lowStockThreshold: v.lowStockThreshold,
      })),
    };
  }

  /** A browser context of its own with one page, signed in as `who` when given. */
  async browserAs(who?: Credentials | StaffAccount, options: { baseURL?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.deps.browser.newContext({ baseURL: options.baseURL ?? this.deps.baseURL });
    this.cleanups.push(() => context.close());
    const page = await context.newPage();
    if (who) await signIn(context, who);
    return { context, page };
  }

  async dispose(): Promise<void> {
    for (const cleanup of this.cleanups.reverse()) await cleanup().catch(() => {});
  }
}

export const test = base.extend<{ shop: Shop; customer: Account; seller: Seller }, { adminApi: APIRequestContext }>({
  adminApi: [
    async ({ playwright }, provide, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL!;
      const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { ...NO_KEEP_ALIVE, origin: new URL(baseURL).origin } });
      await signInWithApi(request, DEMO_ADMIN.email, DEMO_ADMIN.password);
      await provide(request);
      await request.dispose();
    },
    { scope: "worker" },
  ],
  shop: async ({ playwright, browser, baseURL, adminApi }, provide) => {
    const shop = new Shop({ playwright, browser, baseURL: baseURL!, admin: adminApi });
    await provide(shop);
    await shop.dispose();
  },
  customer: async ({ shop }, provide) => {
    await provide(await shop.customer());
  },
  seller: async ({ shop }, provide) => {
    await provide(await shop.seller());
  },
});

export { expect } from "@playwright/test";
