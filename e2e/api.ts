// The app's HTTP API as the e2e suite uses it: next-auth's credentials sign-in, and tRPC over
// fetch (superjson transformer: the input travels as {"json": input}). Every procedure path the
// suite calls is named here and nowhere else, so a rename on the server is a change to this one
// file (PROCEDURES below).
import { expect, type APIRequestContext } from "@playwright/test";
import { generate } from "otplib";
import type { TCreateProductInput } from "@/server/services/product-editor/schemas";

export const PROCEDURES = {
  register: "auth.register",
  twoFactorStatus: "account.twoFactor.status",
  twoFactorBegin: "account.twoFactor.beginEnrolment",
  twoFactorConfirm: "account.twoFactor.confirm",
  catalogList: "catalog.list",
  catalogCategories: "catalog.categories",
  productBySlug: "catalog.bySlug",
  placeOrder: "orders.place",
  placeGuestOrder: "orders.placeAsGuest",
  orderById: "orders.byId",
  cartAdd: "cart.add",
  setRole: "admin.users.setRole",
  setDisabled: "admin.users.setDisabled",
  adminOverview: "admin.overview",
  me: "auth.me",
  accountSessions: "account.sessions",
  sellerDashboard: "seller.dashboard",
  sellerCategories: "seller.products.categories",
  createProduct: "seller.products.create",
  editorProduct: "seller.products.get",
  updatePrice: "seller.products.updatePrice",
  adjustStock: "seller.inventory.adjust",
  sellerOrder: "seller.orders.byId",
  transitionOrder: "seller.orders.transition",
  /** The token that opens a browser's private live rooms: the user's own, a seller's store's. */
  realtimeToken: "realtime.token",
} as const;

export type Procedure = (typeof PROCEDURES)[keyof typeof PROCEDURES];

/**
 * Sent with every request the suite makes through the API: a new connection each time.
 * Playwright's request contexts keep connections alive, and the app's server closes an idle
 * one after its keep-alive timeout (Node's 5 s); a request sent on such a connection just as
 * the server closes it fails with ECONNRESET. The worker's admin context, idle between tests,
 * ran into exactly that.
 */
export const NO_KEEP_ALIVE = { connection: "close" } as const;
/** The app's origin (playwright.config's baseURL): the app refuses state-changing requests that
 * carry cookies without its own Origin, as a browser's would (docs/security.md). */
export const APP_ORIGIN = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;
export const SAME_ORIGIN = { ...NO_KEEP_ALIVE, origin: APP_ORIGIN } as const;

interface TrpcError {
  message: string;
  data?: { code?: string; appCode?: string; details?: Record<string, unknown> };
}

export async function trpcCall<T>(
  request: APIRequestContext,
  path: Procedure,
  input: unknown,
  kind: "query" | "mutation" = "mutation",
): Promise<{ ok: true; data: T } | { ok: false; error: TrpcError }> {
  const url = `/api/trpc/${path}`;
  const res =
    kind === "query"
      ? await request.get(input === undefined ? url : `${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers: NO_KEEP_ALIVE })
      : await request.post(url, { data: { json: input }, headers: SAME_ORIGIN });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: { json: TrpcError } };
  if (body.error) return { ok: false, error: body.error.json };
  return { ok: true, data: body.result!.data.json };
}

export async function trpcOk<T>(request: APIRequestContext, path: Procedure, input: unknown, kind: "query" | "mutation" = "mutation"): Promise<T> {
  const r = await trpcCall<T>(request, path, input, kind);
  if (!r.ok) throw new Error(`${path} failed: ${r.error.message} (${r.error.data?.appCode ?? r.error.data?.code ?? "no code"})`);
  return r.data;
}

// ---------------------------------------------------------------------------------------------
// Signing in
// ---------------------------------------------------------------------------------------------

/**
 * Signs in with next-auth's credentials endpoint, exactly what the sign-in form's signIn()
 * does: the CSRF token (and its cookie), then the credentials form-encoded. The session cookie
 * lands in `request`'s cookie jar: for `page.request` or `context.request`, that is the
 * browser context's. Only failed attempts count against the sign-in throttle.
 */
export async function signInWithApi(request: APIRequestContext, email: string, password: string, code?: string): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf", { headers: NO_KEEP_ALIVE })).json()) as { csrfToken: string };
  const form = { csrfToken, email, password, json: "true", ...(code ? { code } : {}) };
  const res = await request.post("/api/auth/callback/credentials", { form, headers: SAME_ORIGIN });
  const { url } = (await res.json()) as { url?: string };
  expect(url && new URL(url).searchParams.get("error"), `signing in as ${email}`).toBeNull();
  const session = (await (await request.get("/api/auth/session", { headers: NO_KEEP_ALIVE })).json()) as { user?: { email?: string } };
  expect(session.user?.email, `the session after signing in as ${email}`).toBe(email);
}

// ---------------------------------------------------------------------------------------------
// Two-factor: codes computed here with otplib, as an authenticator app would.

/** The code an authenticator app shows `offsetSteps` 30-second steps from now. The server accepts
 * the steps next to the current one and never a step at or before the last one it accepted, so a
 * sign-in right after enrolment (which used the current step) sends the next step's code. */
export function totpCode(secret: string, offsetSteps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
}

/** Re-issues `request`'s session cookie through next-auth's session update (what the security
 * page does after enrolment, with the ticket confirming answered). */
export async function updateSessionWithApi(request: APIRequestContext, data: Record<string, unknown> = {}): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf", { headers: NO_KEEP_ALIVE })).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/session", { data: { csrfToken, data }, headers: SAME_ORIGIN });
  expect(res.status(), "session update").toBe(200);
}

/** Enrols the signed-in user of `request` in two-factor through the API, as the security page
 * does: a new secret, a code computed from it, and the session upgraded with the ticket. */
export async function enrolTwoFactor(request: APIRequestContext): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { secret } = await trpcOk<{ secret: string }>(request, PROCEDURES.twoFactorBegin, undefined);
  const { recoveryCodes, ticket } = await trpcOk<{ recoveryCodes: string[]; ticket: string }>(request, PROCEDURES.twoFactorConfirm, { code: await totpCode(secret) });
  await updateSessionWithApi(request, { twoFactorTicket: ticket });
  return { secret, recoveryCodes };
}

// ---------------------------------------------------------------------------------------------
// Typed calls
// ---------------------------------------------------------------------------------------------

export interface RegisteredUser {
  id: string;
  email: string;
  name: string;
}

export function register(request: APIRequestContext, input: { name: string; email: string; password: string }) {
  return trpcOk<RegisteredUser>(request, PROCEDURES.register, input);
}

/** An admin's request context makes a user a seller; the user gets an empty store at once. */
export function setRole(admin: APIRequestContext, userId: string, role: "CUSTOMER" | "SELLER" | "ADMIN") {
  return trpcOk<{ id: string; role: string }>(admin, PROCEDURES.setRole, { userId, role });
}

/** An admin's request context disables (or enables) a user; disabling signs them out everywhere. */
export function setDisabled(admin: APIRequestContext, userId: string, disabled: boolean) {
  return trpcOk<{ id: string }>(admin, PROCEDURES.setDisabled, { userId, disabled });
}

export interface SellerStore {
  id: string;
  name: string;
  slug: string;
}

export async function sellerStore(seller: APIRequestContext): Promise<SellerStore> {
  return (await trpcOk<{ store: SellerStore }>(seller, PROCEDURES.sellerDashboard, undefined, "query")).store;
}

export interface CategoryNode {
  id: string;
  slug: string;
  name: string;
  children: { id: string; slug: string; name: string }[];
}

export function sellerCategories(seller: APIRequestContext) {
  return trpcOk<CategoryNode[]>(seller, PROCEDURES.sellerCategories, undefined, "query");
}

/** The storefront's category tree (public). */
export function catalogCategories(request: APIRequestContext) {
  return trpcOk<CategoryNode[]>(request, PROCEDURES.catalogCategories, undefined, "query");
}

export interface EditorVariant {
  id: string;
  sku: string;
  title: string;
  options: { name: string; value: string }[];
  priceMinor: number;
  currency: string;
  stock: number;
  lowStockThreshold: number;
  version: number;
}

export interface EditorProduct {
  id: string;
  slug: string;
  title: string;
  brand: string;
  status: "DRAFT" | "ACTIVE" | "ARCHIVED";
  version: number;
  category: { id: string; name: string; slug: string };
  variants: EditorVariant[];
}

/** What createProduct takes: the procedure's own input type. */
export type ProductInput = TCreateProductInput;

export function createProduct(seller: APIRequestContext, input: ProductInput) {
  return trpcOk<EditorProduct>(seller, PROCEDURES.createProduct, input);
}

export function editorProduct(seller: APIRequestContext, id: string) {
  return trpcOk<EditorProduct>(seller, PROCEDURES.editorProduct, { id }, "query");
}

/** A seller sets a variant's stock to exactly `stock`, through the ledger as a correction. */
export async function setStock(seller: APIRequestContext, productId: string, variantId: string, stock: number) {
  const current = (await editorProduct(seller, productId)).variants.find((v) => v.id === variantId)!;
  if (current.stock === stock) return;
  await trpcOk(seller, PROCEDURES.adjustStock, { variantId, delta: stock - current.stock, reason: "CORRECTION", expectedStock: current.stock });
}

/** A seller changes a variant's price against the product's current version. */
export async function setPrice(seller: APIRequestContext, productId: string, variantId: string, priceMinor: number) {
  const { version } = await editorProduct(seller, productId);
  await trpcOk(seller, PROCEDURES.updatePrice, { variantId, priceMinor, expectedVersion: version });
}

export interface StorefrontProduct {
  id: string;
  variants: { id: string; stock: number; priceMinor: number; lowStockThreshold: number; version: number }[];
}

export function productBySlug(request: APIRequestContext, slug: string) {
  return trpcOk<StorefrontProduct>(request, PROCEDURES.productBySlug, { slug }, "query");
}

export interface ProductCard {
  id: string;
  slug: string;
  title: string;
  brand: string;
  category: { slug: string; name: string };
  store: { slug: string; name: string };
  variants: { id: string; title: string; priceMinor: number; stock: number; lowStockThreshold: number }[];
}

/** Every product the storefront lists (active, not deleted), newest first, page by page. */
export async function storefrontProducts(request: APIRequestContext): Promise<ProductCard[]> {
  const all: ProductCard[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: ProductCard[]; nextCursor: string | null } = await trpcOk(request, PROCEDURES.catalogList, { limit: 60, cursor }, "query");
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

export const TEST_DELIVERY = {
  name: "Live Tester",
  phone: "+1 555 0100",
  zip: "10001",
  city: "New York",
  address: "1 Main St",
  region: "NY",
  email: "live@example.com",
} as const;

/** A signed-in customer orders `quantity` of a variant through the API (pay on delivery). */
export function buy(customer: APIRequestContext, variantId: string, quantity: number) {
  return trpcOk<{ id: string }>(customer, PROCEDURES.placeOrder, {
    idempotencyKey: `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    lines: [{ variantId, quantity }],
    delivery: TEST_DELIVERY,
    payment: { method: "cod" },
  });
}

/** A guest (no session on `visitor`) orders through the API; answers the order and its signed link. */
export function buyAsGuest(visitor: APIRequestContext, variantId: string, quantity: number, email = "guest@example.com") {
  return trpcOk<{ id: string; number: string; link: string }>(visitor, PROCEDURES.placeGuestOrder, {
    idempotencyKey: `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    lines: [{ variantId, quantity }],
    delivery: { ...TEST_DELIVERY, email },
    payment: { method: "cod" },
  });
}

export interface SellerOrder {
  id: string;
  part: { status: string; version: number; trackingNumber: string | null };
}

export function sellerOrder(seller: APIRequestContext, orderId: string) {
  return trpcOk<SellerOrder>(seller, PROCEDURES.sellerOrder, { orderId }, "query");
}

/** A seller moves their part of an order one step, against the part's current version. */
export async function transitionOrder(
  seller: APIRequestContext,
  orderId: string,
  to: "PAID" | "PACKED" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "REFUNDED",
  shipping: { carrier?: string; trackingNumber?: string } = {},
) {
  const { part } = await sellerOrder(seller, orderId);
  return trpcOk<{ status: string; version: number; orderStatus: string }>(seller, PROCEDURES.transitionOrder, { orderId, to, expectedVersion: part.version, ...shipping });
}

/** Asks for a live-room token; the caller decides what the answer should be. */
export function requestRealtimeToken(request: APIRequestContext) {
  return trpcCall<{ token: string; rooms: string[]; storeId: string | null }>(request, PROCEDURES.realtimeToken, undefined, "query");
}
