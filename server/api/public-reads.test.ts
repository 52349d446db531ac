// Public reads (issue 13). The session is read only when a procedure needs it (decisions.md 116), and public catalog reads
// are revalidated with an ETag instead of sent again (decisions.md 118): through the same tRPC
// fetch handler the app serves, on a real database. The session loader below stands in for
// next-auth's JWT decoding only (which needs a Next.js request); what it does after that is the
// real per-request check, checkSession, on a real session row, counted.
import type { Session } from "next-auth";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDb } from "@/test/backends";
import { DEMO_ACCOUNTS } from "@/prisma/seed/seed";
import { createSession, checkSession, revokeSession } from "@/server/auth/sessions";
import { inTransaction } from "@/server/db/transaction";
import { changePrice } from "@/server/services/inventory/variant-change";
import { createLimits } from "@/server/limits/limits";
import { procedureKinds } from "@/test/router";
import { createRestHandler } from "./rest/dispatch";
import { REST_OPERATIONS } from "./rest/operations";
import { trpcHttpHandler } from "./http";
import { createContextInner, sessionLoader } from "./trpc";

describe("session work and caching of tRPC reads over HTTP", () => {
  const t = useTestDb("pglite");
  let customer: { id: string; name: string; email: string };
  let liveSid: string;
  let revokedSid: string;
  let slug: string;
  let decodes = 0;

  /** next-auth's part (the cookie's JWT names the session) then the real database check. */
  async function decode(headers: Headers): Promise<Session | null> {
    decodes++;
    const sid = /next-auth\.session-token=([^;]+)/.exec(headers.get("cookie") ?? "")?.[1] ?? "";
    const live = await checkSession(t.db, sid, customer.id);
    if (!live) return null;
    return { user: { id: live.userId, name: live.name, email: live.email, role: live.role, sid: live.sessionId, mfa: "not-enrolled" }, expires: new Date(Date.now() + 3_600_000).toISOString() };
  }

  function get(path: string, input: unknown, headers: Record<string, string> = {}) {
    const url = new URL(`http://shop.test/api/trpc/${path}`);
    if (input !== undefined) url.searchParams.set("input", JSON.stringify(path.includes(",") ? input : { json: input }));
    if (path.includes(",")) url.searchParams.set("batch", "1");
    const req = new Request(url, { headers });
    const limits = createLimits({ redis: null });
    return trpcHttpHandler(async ({ req, resHeaders }) =>
      createContextInner({
        db: t.db,
        getSession: sessionLoader(req.headers, () => decode(req.headers)),
        clientAddress: "198.51.100.60",
        limits,
        setCartToken: (tk) => resHeaders.append("set-cookie", `lm_cart=${tk ?? ""}`),
      }),
    )(req);
  }

  beforeAll(async () => {
    customer = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.customer.email }, select: { id: true, name: true, email: true } });
    liveSid = (await createSession(t.db, { userId: customer.id })).id;
    revokedSid = (await createSession(t.db, { userId: customer.id })).id;
    await inTransaction(t.db, (tx) => revokeSession(tx, revokedSid));
    slug = (await t.db.product.findFirstOrThrow({ where: { status: "ACTIVE", deletedAt: null }, select: { slug: true } })).slug;
  });

  it("a signed-in shopper browsing the catalogue costs no session decoding or lookup, and sees the catalogue", async () => {
    const cookie = { cookie: `next-auth.session-token=${liveSid}` };
    decodes = 0;
    const calls: [string, unknown][] = [
      ["catalog.list", { limit: 4 }],
      ["catalog.categories", undefined],
      ["catalog.featured", {}],
      ["catalog.bySlug", { slug }],
    ];
    for (const [path, input] of calls) {
      const res = await get(path, input, cookie);
      expect(res.status, path).toBe(200);
      expect(JSON.stringify(await res.json()).length, path).toBeGreaterThan(20);
    }
    expect(decodes).toBe(0);
  });

  it("every public procedure that needs no session is known: the catalogue and the guest's order", () => {
    // A new public procedure is a conscious choice: it either reads the session (cart) or not.
    const publicPaths = Object.entries(procedureKinds())
      .filter(([, k]) => k === "public")
      .map(([p]) => p)
      .filter((p) => !p.startsWith("cart.") && !p.startsWith("auth."));
    // (A guest's order and its signed link, and confirming an email from its link: decisions 146-148.)
    expect(publicPaths.sort()).toEqual([
      "account.confirmEmail",
      "catalog.bySlug",
      "catalog.categories",
      "catalog.featured",
      "catalog.list",
      "catalog.search",
      "orders.byLink",
      "orders.placeAsGuest",
      "recommendations.similar",
      "recommendations.together",
      "reviews.forProduct",
    ]);
  });

  it("an anonymous search under its rate limit costs no session work; with a session cookie the limit reads it once (per-user limit)", async () => {
    decodes = 0;
    expect((await get("catalog.search", { limit: 4 })).status).toBe(200);
    expect(decodes).toBe(0);
    expect((await get("catalog.search", { limit: 4 }, { cookie: `next-auth.session-token=${liveSid}` })).status).toBe(200);
    expect(decodes).toBe(1);
  });

  it("a protected procedure still refuses without a valid session: no cookie (no decoding), a revoked session (decoded, refused)", async () => {
    decodes = 0;
    const none = await get("auth.me", undefined);
    expect(none.status).toBe(401);
    expect(decodes).toBe(0);
    const revoked = await get("auth.me", undefined, { cookie: `next-auth.session-token=${revokedSid}` });
    expect(revoked.status).toBe(401);
    expect(decodes).toBe(1);
    const forged = await get("orders.list", {}, { cookie: "__Secure-next-auth.session-token.0=not-a-session" });
    expect(forged.status).toBe(401);
    expect(decodes).toBe(2);
  });

  it("a signed-in batch decodes the session once for all its calls, and the cart is the user's", async () => {
    decodes = 0;
    const res = await get("auth.me,orders.list,cart.count", { 0: { json: undefined }, 1: { json: {} }, 2: { json: undefined } }, { cookie: `next-auth.session-token=${liveSid}` });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { json: unknown } } }[];
    expect((body[0]!.result.data.json as { email: string }).email).toBe(DEMO_ACCOUNTS.customer.email);
    expect(decodes).toBe(1);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("etag")).toBeNull();
  });

  it("a public catalog read carries an ETag and no-cache; the same ETag back is a 304 without a body; a change of price changes the ETag", async () => {
    const first = await get("catalog.bySlug", { slug });
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get("catalog.bySlug", { slug }, { "if-none-match": etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const variant = await t.db.variant.findFirstOrThrow({ where: { product: { slug } }, orderBy: { id: "asc" } });
    const setPrice = (priceMinor: number) => inTransaction(t.db, (tx) => changePrice(tx, { variantId: variant.id, priceMinor }, { actorId: null }));
    await setPrice(variant.priceMinor + 100);
    try {
      const changed = await get("catalog.bySlug", { slug }, { "if-none-match": etag! });
      expect(changed.status).toBe(200);
      expect(changed.headers.get("etag")).not.toBe(etag);
    } finally {
      await setPrice(variant.priceMinor);
    }
  });

  it("errors and per-user reads are never stored: a missing product, the cart", async () => {
    const missing = await get("catalog.bySlug", { slug: "no-such-product-here" });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBe("private, no-store");
    expect(missing.headers.get("etag")).toBeNull();
    const cart = await get("cart.get", undefined);
    expect(cart.status).toBe(200);
    expect(cart.headers.get("cache-control")).toBe("private, no-store");
  });

  it("REST: a public read carries an ETag and no-cache (304 when unchanged); an authenticated customer read stays no-store", async () => {
    const rest = createRestHandler(REST_OPERATIONS, { getDb: async () => t.db, limits: createLimits({ redis: null }), corsOrigins: [], clientAddress: () => "198.51.100.61" });
    const url = `http://shop.test/api/v1/products/${slug}`;
    const first = await rest(new Request(url));
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await rest(new Request(url, { headers: { "if-none-match": `W/${etag}, "other"` } }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const categories = await rest(new Request("http://shop.test/api/v1/categories"));
    expect(categories.headers.get("etag")).not.toBe(etag);
    // A credential sent to a public read is still checked: a bad one is refused, not ignored.
    const bad = await rest(new Request(url, { headers: { authorization: "Bearer lm_at_not-a-token" } }));
    expect(bad.status).toBe(401);
    expect(bad.headers.get("cache-control")).toBe("no-store");
    const cart = await rest(new Request("http://shop.test/api/v1/cart"));
    expect(cart.status).toBe(401);
    expect(cart.headers.get("etag")).toBeNull();
  });
});
