// Abuse through the HTTP API (issue 10, finding 5): floods of orders, registrations, cart writes
// and searches from one client are refused with 429 and Retry-After, through the same tRPC fetch
// handler the app serves.
import type { Session } from "next-auth";
import { describe, expect, it } from "vitest";
import { useTestDb } from "@/test/backends";
import { DEMO_ACCOUNTS } from "@/prisma/seed/seed";
import { createLimits, type Limits } from "@/server/limits/limits";
import { rateLimited } from "@/server/limits/limits";
import { trpcHttpHandler } from "./http";
import { errorResponse } from "./route";
import { createContextInner } from "./trpc";

const DELIVERY = { name: "Flood Tester", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "flood@example.com" };

function client(db: ReturnType<typeof useTestDb>["db"], limits: Limits, opts: { session?: Session | null; ip: string }) {
  const call = async (path: string, input: unknown, method: "GET" | "POST" = "POST") => {
    const url = new URL(`http://shop.test/api/trpc/${path}`);
    if (method === "GET") url.searchParams.set("input", JSON.stringify({ json: input }));
    const req = new Request(url, method === "POST" ? { method, body: JSON.stringify({ json: input }), headers: { "content-type": "application/json" } } : {});
    const res = await trpcHttpHandler(async () => createContextInner({ db, session: opts.session ?? null, clientAddress: opts.ip, limits }))(req);
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() };
  };
  return call;
}

describe("rate limits over HTTP", () => {
  const t = useTestDb("pglite");

  it("a customer placing pay-on-delivery orders as fast as possible is stopped after 20, with 429 and Retry-After", async () => {
    const limits = createLimits({ redis: null });
    const customer = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.customer.email } });
    const session: Session = { user: { id: customer.id, name: customer.name, email: customer.email, role: "CUSTOMER", mfa: "not-enrolled" }, expires: new Date(Date.now() + 3_600_000).toISOString() };
    const variant = await t.db.variant.findFirstOrThrow({ where: { stock: { gte: 40 }, product: { status: "ACTIVE", deletedAt: null } }, orderBy: { id: "asc" } });
    const call = client(t.db, limits, { session, ip: "198.51.100.20" });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 30; i++) {
      const r = await call("orders.place", {
        idempotencyKey: `flood-${i}-${Date.now()}`,
        lines: [{ variantId: variant.id, quantity: 1 }],
        delivery: DELIVERY,
        payment: { method: "cod" },
      });
      statuses.push(r.status);
      if (r.status === 429) retryAfter ??= r.retryAfter;
    }
    expect(statuses.filter((s) => s === 200).length).toBe(20);
    expect(statuses.slice(20)).toEqual(Array(10).fill(429));
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const after = await t.db.variant.findUniqueOrThrow({ where: { id: variant.id } });
    expect(variant.stock - after.stock).toBe(20);
  });

  it("one address registering accounts is stopped after 10", async () => {
    const call = client(t.db, createLimits({ redis: null }), { ip: "198.51.100.21" });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await call("auth.register", { name: `Bot ${i}`, email: `bot-${i}-${Date.now()}@example.com`, password: "bot-password-123" })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it("cart writes and searches from one address are limited (429 with Retry-After)", async () => {
    const limits = createLimits({ redis: null, rules: { "cart.ip": { points: 5, duration: 60 }, "search.ip": { points: 5, duration: 60 } } });
    const variant = await t.db.variant.findFirstOrThrow({ where: { stock: { gte: 10 }, product: { status: "ACTIVE", deletedAt: null } } });
    const call = client(t.db, limits, { ip: "198.51.100.22" });
    const cart = [];
    for (let i = 0; i < 7; i++) cart.push(await call("cart.add", { variantId: variant.id, quantity: 1 }));
    expect(cart.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(Number(cart[5]!.retryAfter)).toBeGreaterThan(0);
    expect(cart[5]!.body.error.json.data.appCode).toBe("RATE_LIMITED");
    const search = [];
    for (let i = 0; i < 7; i++) search.push(await call("catalog.search", { q: "lantern" }, "GET"));
    expect(search.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(Number(search[6]!.retryAfter)).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await client(t.db, limits, { ip: "198.51.100.23" })("catalog.search", { q: "lantern" }, "GET")).status).toBe(200);
  });

  it("route handlers answer a refusal as 429 with Retry-After (uploads, imports)", async () => {
    const res = errorResponse(rateLimited(42, "uploads"));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("42");
    expect(await res.json()).toMatchObject({ appCode: "RATE_LIMITED", details: { retryAfterSeconds: 42 } });
  });
});
