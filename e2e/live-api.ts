// Acting on the shop through its typed HTTP API (tRPC over fetch) from a signed-in browser
// context, for tests where one party acts and another must see it.
import { expect, type APIRequestContext } from "@playwright/test";

interface TrpcError {
  message: string;
  data?: { appCode?: string; details?: Record<string, unknown> };
}

export async function trpcCall<T>(
  request: APIRequestContext,
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "mutation",
  baseURL?: string,
): Promise<{ ok: true; data: T } | { ok: false; error: TrpcError }> {
  const url = `${baseURL ?? ""}/api/trpc/${path}`;
  const res =
    kind === "query"
      ? await request.get(`${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await request.post(url, { data: { json: input } });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: { json: TrpcError } };
  if (body.error) return { ok: false, error: body.error.json };
  return { ok: true, data: body.result!.data.json };
}

export async function trpcOk<T>(request: APIRequestContext, path: string, input: unknown, kind: "query" | "mutation" = "mutation", baseURL?: string): Promise<T> {
  const r = await trpcCall<T>(request, path, input, kind, baseURL);
  if (!r.ok) throw new Error(`${path} failed: ${r.error.message}`);
  return r.data;
}

interface ProductView {
  id: string;
  variants: { id: string; stock: number; priceMinor: number; lowStockThreshold: number; version: number }[];
}

export function productBySlug(request: APIRequestContext, slug: string, baseURL?: string) {
  return trpcOk<ProductView>(request, "catalog.bySlug", { slug }, "query", baseURL);
}

/** A seller sets a variant's stock to exactly `stock` (through the ledger, as a correction). */
export async function setStock(request: APIRequestContext, slug: string, variantId: string, stock: number, baseURL?: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = (await productBySlug(request, slug, baseURL)).variants.find((v) => v.id === variantId)!;
    if (current.stock === stock) return;
    const r = await trpcCall(request, "seller.inventory.adjust", { variantId, delta: stock - current.stock, reason: "CORRECTION", expectedStock: current.stock }, "mutation", baseURL);
    if (r.ok) return;
    expect(r.error.data?.appCode, r.error.message).toBe("VERSION_CONFLICT"); // someone bought meanwhile: try again
  }
  throw new Error("could not set stock");
}

/** A seller changes a price the way a client should: on a version conflict, reload and apply again. */
export async function setPrice(request: APIRequestContext, variantId: string, priceMinor: number, baseURL?: string) {
  let expectedVersion = 1;
  for (let attempt = 0; attempt < 5; attempt++) {
    const r = await trpcCall(request, "seller.products.updatePrice", { variantId, priceMinor, expectedVersion }, "mutation", baseURL);
    if (r.ok) return;
    expect(r.error.data?.appCode, r.error.message).toBe("VERSION_CONFLICT");
    expectedVersion = Number(r.error.data?.details?.currentVersion);
  }
  throw new Error("could not set price");
}

/** A signed-in customer orders `quantity` of a variant through the API (pay on delivery). */
export function buy(request: APIRequestContext, variantId: string, quantity: number, baseURL?: string) {
  return trpcOk<{ id: string }>(
    request,
    "orders.place",
    {
      idempotencyKey: `e2e-live-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      lines: [{ variantId, quantity }],
      delivery: { name: "Live Tester", phone: "+1 555 0100", zip: "10001", city: "New York", address: "1 Main St", region: "NY", email: "live@example.com" },
      deliveryService: "standard",
      payment: { method: "cod" },
    },
    "mutation",
    baseURL,
  );
}
