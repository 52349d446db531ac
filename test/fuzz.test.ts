// Property-based fuzzing of every tRPC procedure (found from the router, like the access matrix)
// and of the tRPC HTTP entry point, on PGlite, as anonymous, customer, seller and admin callers.
// Inputs are generated from each procedure's own zod input schema, with hostile values mixed in
// at every leaf (NUL, lone surrogates, control characters, huge and negative numbers, floats,
// long strings, wrong types, crafted cursors) and real ids from the database so that calls reach
// past validation. The properties:
//   - no call answers INTERNAL_SERVER_ERROR (a 5xx): bad input is a 4xx;
//   - a refused mutation writes nothing (the access matrix's database digest is unchanged);
//   - the HTTP entry point answers every request (any method, content type, body) below 500;
//   - route handlers refuse cross-origin, wrongly typed and oversized requests with that 4xx.
// Bounded: FUZZ_RUNS cases per procedure (default 16) with a fixed seed (FUZZ_SEED) so a run is
// reproducible; fast-check prints the seed and the shrunk input of a failure.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "next-auth";
import type { z } from "zod";
import { trpcHttpHandler } from "@/server/api/http";
import { appRouter, createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { env, getAppUrl } from "@/server/env";
import { openTestDb, type TestDb } from "@/test/backends";
import { call, digest, refusal, sessionFor, type Caller } from "@/test/router";
import { POST as importRun } from "@/app/seller/import/run/route";
import { POST as upload } from "@/app/api/uploads/route";
import { POST as nextAuthPost } from "@/app/api/auth/[...nextauth]/route";

const RUNS = env.FUZZ_RUNS;
const SEED = env.FUZZ_SEED;
const APP = new URL(getAppUrl()).origin;

const cursor = (payload: unknown) => Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");

/** Values no schema should let through to the database. */
const HOSTILE: unknown[] = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\u0001\u001f\u007f",
  "\t\n\r",
  "x".repeat(5000),
  "%00",
  "' OR 1=1 --",
  "../../etc/passwd",
  "/\t/evil.example/x",
  "",
  " ",
  "9".repeat(400),
  cursor(["price_asc", 99_999_999_999, "x"]),
  cursor(["relevance", "1e999", "x"]),
  cursor(["relevance", "1e-999", "x"]),
  cursor(["newest", "9999-12-31T23:59:59.999Z", "a\u0000"]),
  2_147_483_648,
  -2_147_483_649,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1,
  0,
  0.5,
  NaN,
  Infinity,
  null,
  true,
  {},
  [],
  [null],
];

type AnyZod = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };

/** An arbitrary for `schema`'s values, hostile values mixed in at every leaf. `pool` holds real
 * ids, slugs and emails from the database. */
function arb(schema: AnyZod, pool: string[], depth = 0): fc.Arbitrary<unknown> {
  const hostile = fc.constantFrom(...HOSTILE);
  const leaf = (base: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: base, weight: 4 }, { arbitrary: hostile, weight: 1 });
  const def = schema._zod.def;
  const inner = (s: unknown) => arb(s as AnyZod, pool, depth + 1);
  if (depth > 8) return hostile;
  switch (def.type) {
    case "string": {
      const s = schema as unknown as z.ZodString;
      const min = s.minLength ?? 0;
      const max = Math.min(s.maxLength ?? 40, 200);
      return leaf(fc.oneof(fc.string({ minLength: min, maxLength: Math.max(min, max), unit: "binary" }), fc.constantFrom(...pool), fc.string({ minLength: min, maxLength: Math.max(min, max) })));
    }
    case "number": {
      const n = schema as unknown as z.ZodNumber;
      const lo = Math.max(n.minValue ?? -1e6, -2_147_483_648);
      const hi = Math.min(n.maxValue ?? 1e6, 2_147_483_647);
      return leaf(n.isInt ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true }));
    }
    case "boolean":
      return leaf(fc.boolean());
    case "enum":
      return leaf(fc.constantFrom(...Object.values(def.entries as Record<string, unknown>)));
    case "literal":
      return leaf(fc.constantFrom(...(def.values as unknown[])));
    case "date":
      return leaf(fc.date());
    case "object": {
      const shape = def.shape as Record<string, AnyZod>;
      const keys = Object.keys(shape);
      const required = keys.filter((k) => !["optional", "default", "prefault"].includes(shape[k]!._zod.def.type));
      const rec = fc.record(Object.fromEntries(keys.map((k) => [k, inner(shape[k])])), { requiredKeys: required });
      // Sometimes an unknown key too (strict schemas refuse it).
      return leaf(fc.oneof({ arbitrary: rec, weight: 5 }, { arbitrary: rec.map((r) => ({ ...r, extra: "\u0000" })), weight: 1 }));
    }
    case "array": {
      const a = schema as unknown as { _zod: { def: { element: unknown } } } & z.ZodArray<z.ZodType>;
      const max = Math.min((a as unknown as { maxLength?: number }).maxLength ?? 4, 4);
      return leaf(fc.array(inner(a._zod.def.element), { maxLength: max }));
    }
    case "tuple":
      return leaf(fc.tuple(...(def.items as unknown[]).map(inner)));
    case "record":
      return leaf(fc.dictionary(fc.string({ maxLength: 8 }), inner(def.valueType), { maxKeys: 3 }));
    case "union":
      return fc.oneof(...(def.options as unknown[]).map(inner));
    case "intersection":
      return fc.oneof(inner(def.left), inner(def.right));
    case "optional":
      return fc.oneof({ arbitrary: inner(def.innerType), weight: 4 }, { arbitrary: fc.constant(undefined), weight: 1 });
    case "nullable":
      return fc.oneof({ arbitrary: inner(def.innerType), weight: 4 }, { arbitrary: fc.constant(null), weight: 1 });
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return fc.oneof({ arbitrary: inner(def.innerType), weight: 4 }, { arbitrary: fc.constant(undefined), weight: 1 });
    case "pipe":
      return inner(def.in);
    case "lazy":
      return inner((def.getter as () => unknown)());
    default:
      return fc.oneof(hostile, fc.jsonValue({ maxDepth: 2 }));
  }
}

interface Procedure {
  path: string;
  type: "query" | "mutation" | "subscription";
  input: AnyZod | undefined;
}

function procedures(): Procedure[] {
  const all = (appRouter._def as unknown as { procedures: Record<string, { _def: { type: Procedure["type"]; inputs: AnyZod[] } }> }).procedures;
  return Object.entries(all).map(([path, p]) => ({ path, type: p._def.type, input: p._def.inputs[0] }));
}

const ROLES = ["anonymous", "customer", "seller", "admin"] as const;

describe("fuzzing every procedure and the HTTP entry point (pglite)", () => {
  let t: TestDb;
  let pool: string[];
  let callers: Record<(typeof ROLES)[number], Caller>;

  beforeAll(async () => {
    t = await openTestDb("pglite");
    const db = t.db;
    const find = (email: string) => db.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true, name: true, email: true } });
    const [customer, seller, admin] = await Promise.all([find("customer@livemarket.test"), find("seller1@livemarket.test"), find("admin@livemarket.test")]);
    const as = (s: Session | null) => createCaller(createContextInner({ db, session: s, clientAddress: "198.51.100.7" }));
    callers = {
      anonymous: as(null),
      customer: as(sessionFor(customer, "CUSTOMER")),
      seller: as(sessionFor(seller, "SELLER")),
      admin: as(sessionFor(admin, "ADMIN")),
    };
    const store = await db.store.findFirstOrThrow({ where: { ownerId: seller.id }, select: { id: true, slug: true } });
    const products = await db.product.findMany({ where: { storeId: store.id }, take: 3, select: { id: true, slug: true, variants: { take: 1, select: { id: true, sku: true } } } });
    const categories = await db.category.findMany({ take: 2, select: { id: true, slug: true } });
    pool = [
      customer.id,
      seller.id,
      customer.email,
      store.id,
      store.slug,
      ...products.flatMap((p) => [p.id, p.slug, ...p.variants.flatMap((v) => [v.id, v.sku])]),
      ...categories.flatMap((c) => [c.id, c.slug]),
      "t-shirts",
      "USD",
      "PAID",
      "SHIPPED",
    ];
  });
  afterAll(async () => {
    await t?.close();
  });

  it("finds the router's procedures", () => {
    expect(procedures().length).toBeGreaterThan(30);
  });

  it.each(procedures().map((p) => [p.path, p] as const))("%s: no 5xx, and a refused mutation writes nothing", async (_path, p) => {
    const inputArb = p.input ? fc.oneof({ arbitrary: arb(p.input, pool), weight: 5 }, { arbitrary: fc.constantFrom(...HOSTILE), weight: 1 }) : fc.constantFrom(undefined, ...HOSTILE);
    await fc.assert(
      fc.asyncProperty(inputArb, fc.constantFrom(...ROLES), async (input, role) => {
        const before = p.type === "mutation" ? await digest(t.db) : null;
        const r = await refusal(call(callers[role], p.path, input));
        if (r.code === "INTERNAL_SERVER_ERROR") throw new Error(`${p.path} as ${role}: a server error (${r.appCode ?? "no code"})`);
        if (before && r.code !== "ALLOWED") expect(await digest(t.db), `${p.path} as ${role}: refused (${r.code}) but wrote`).toEqual(before);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });

  it("the issue's own findings are 400s that write nothing", async () => {
    const variant = await t.db.variant.findFirstOrThrow({ where: { product: { store: { owner: { email: "seller1@livemarket.test" } } } }, select: { id: true } });
    const cases: [keyof typeof callers, string, unknown][] = [
      ["anonymous", "auth.register", { name: "Nul\u0000Name", email: "nul@example.com", password: "correct horse battery" }],
      ["anonymous", "auth.register", { name: "Lone \ud800", email: "lone@example.com", password: "correct horse battery" }],
      ["anonymous", "catalog.bySlug", { slug: "a\u0000b" }],
      ["anonymous", "cart.add", { variantId: "x\udfff", quantity: 1 }],
      ["anonymous", "catalog.search", { q: "tee", sort: "price_asc", cursor: cursor(["price_asc", 99_999_999_999, "x"]) }],
      ["anonymous", "catalog.search", { q: "tee", sort: "relevance", cursor: cursor(["relevance", "1e999", "x"]) }],
      ["anonymous", "catalog.search", { q: "tee", sort: "relevance", cursor: cursor(["relevance", "1e-999", "x"]) }],
      ["anonymous", "catalog.search", { q: "tee", sort: "newest", cursor: cursor(["newest", "2026-01-01T00:00:00.000Z", "a\u0000"]) }],
      ["seller", "seller.inventory.adjust", { variantId: variant.id, delta: 1, reason: "RESTOCK", expectedStock: 2_147_483_648 }],
      ["seller", "seller.inventory.adjust", { variantId: variant.id, delta: 1, reason: "RESTOCK", note: "\u0000" }],
    ];
    const answers: string[] = [];
    for (const [role, path, input] of cases) {
      const before = await digest(t.db);
      const r = await refusal(call(callers[role], path, input));
      answers.push(`${path}: ${r.code}`);
      expect(await digest(t.db)).toEqual(before);
    }
    expect(answers).toEqual(cases.map(([, path]) => `${path}: BAD_REQUEST`));
  });

  it("the tRPC HTTP entry point answers any request below 500", async () => {
    const handler = trpcHttpHandler(async () => createContextInner({ db: t.db, session: null, clientAddress: "198.51.100.8" }));
    const paths = procedures().map((p) => p.path);
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.constantFrom(...HOSTILE).map((v) => JSON.stringify({ json: v })),
      fc.constantFrom(...HOSTILE).map((v) => JSON.stringify({ "0": { json: v } })),
      fc.string({ maxLength: 200, unit: "binary" }),
      fc.constantFrom("{", '{"json":', "\u0000", '{"0":{"json":{"__proto__":{"x":1}}}}', '{"json":{"x":1},"meta":{"values":{"x":["bigint"]}}}'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...paths), fc.array(fc.constantFrom(...paths), { minLength: 2, maxLength: 12 }).map((ps) => ps.join(",")), fc.string({ maxLength: 20 })),
        fc.boolean(),
        fc.constantFrom("GET", "POST", "PUT", "DELETE"),
        fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "multipart/form-data; boundary=x", "application/octet-stream", ""),
        body,
        async (path, batch, method, type, text) => {
          const url = `${APP}/api/trpc/${encodeURIComponent(path).replace(/%2C/g, ",")}${batch ? "?batch=1" : ""}`;
          const hasBody = method !== "GET";
          const req = new Request(hasBody ? url : `${url}${batch ? "&" : "?"}input=${encodeURIComponent(text)}`, {
            method,
            headers: { origin: APP, ...(type ? { "content-type": type } : {}) },
            body: hasBody ? text : undefined,
          });
          const res = await handler(req);
          expect(res.status, `${method} ${path} (${type}) ${text.slice(0, 80)}`).toBeLessThan(500);
          await res.arrayBuffer();
        },
      ),
      { numRuns: RUNS * 10, seed: SEED, endOnFailure: true },
    );
  });

  // Route handlers read the session through Next's request scope, which a test does not have:
  // what is fuzzed here is everything before it (origin, content type, size), with requests
  // that some guard must refuse. Past the guards, their inputs go through the same services and
  // schemas as the procedures above.
  it("route handlers refuse, with the guard's 4xx, every request that is cross-origin, of a type they do not read, or too large", async () => {
    const routes = [
      { name: "import run", url: "/seller/import/run?mode=dry-run", types: ["text/csv", "application/octet-stream"], limit: 10 * 1024 * 1024, run: (r: Request) => importRun(r, { params: Promise.resolve({}) }) },
      { name: "uploads", url: "/api/uploads", types: ["multipart/form-data"], limit: 5 * 1024 * 1024 + 64 * 1024, run: (r: Request) => upload(r, { params: Promise.resolve({}) }) },
      { name: "next-auth", url: "/api/auth/callback/credentials", types: ["application/x-www-form-urlencoded", "application/json"], limit: 16 * 1024, run: (r: Request) => nextAuthPost(r, { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) }) },
    ];
    const origins = [APP, "http://evil.example", "null", `${new URL(APP).protocol}//${new URL(APP).hostname}:1`, "not a url", undefined];
    const types = ["text/csv", "application/octet-stream", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/plain", "application/json", "", "TEXT/CSV; charset=utf-8"];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom(...origins),
        fc.boolean(),
        fc.constantFrom(...types),
        fc.string({ maxLength: 100, unit: "binary" }),
        fc.boolean(),
        async (route, origin, cookie, type, text, oversized) => {
          const crossOrigin = origin === undefined ? cookie : origin !== APP;
          const mediaType = type.split(";")[0]!.trim().toLowerCase();
          const wrongType = !route.types.includes(mediaType);
          if (!crossOrigin && !wrongType && !oversized) return; // passes the guards: not for this test
          const headers: Record<string, string> = {};
          if (origin !== undefined) headers.origin = origin;
          if (cookie) headers.cookie = "next-auth.session-token=x";
          if (type) headers["content-type"] = type;
          if (oversized) headers["content-length"] = String(route.limit + 1);
          const res = await route.run(new Request(`${APP}${route.url}`, { method: "POST", headers, body: oversized ? undefined : text }));
          const expected = crossOrigin ? 403 : wrongType ? 415 : 413;
          expect({ route: route.name, origin, cookie, type, oversized, status: res.status }).toEqual({ route: route.name, origin, cookie, type, oversized, status: expected });
        },
      ),
      { numRuns: RUNS * 10, seed: SEED, endOnFailure: true },
    );
  });
});
