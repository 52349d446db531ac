// Attacks on the HTTP entry points themselves, through the real handlers (tRPC's on a test
// database; route handlers refuse before they read a session or a database): oversized bodies
// with and without Content-Length, oversized tRPC batches, requests from other origins, and
// content types an endpoint does not read.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { trpcHttpHandler } from "@/server/api/http";
import { createContextInner } from "@/server/api/trpc";
import { getAppUrl } from "@/server/env";
import { useTestDb } from "@/test/backends";
import { POST as importRun } from "@/app/seller/import/run/route";
import { POST as upload } from "@/app/api/uploads/route";
import { POST as nextAuthPost } from "@/app/api/auth/[...nextauth]/route";

const APP = new URL(getAppUrl()).origin;
const MB = 1024 * 1024;

/** A body of `total` bytes made on demand, 64 KB a pull, counting what the server pulled. */
function hugeBody(total: number, byte = 0x61) {
  const chunk = new Uint8Array(64 * 1024).fill(byte);
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (counter.pulled >= total) return c.close();
      counter.pulled += chunk.byteLength;
      c.enqueue(chunk);
    },
  });
  return { stream, counter };
}

function post(path: string, init: { body?: BodyInit | ReadableStream<Uint8Array>; headers?: Record<string, string> }): Request {
  return new Request(`${APP}${path}`, { method: "POST", body: init.body as BodyInit, headers: init.headers, duplex: "half" } as RequestInit);
}

describe("tRPC over HTTP", () => {
  const t = useTestDb("pglite");
  const handler = trpcHttpHandler(async () => createContextInner({ db: t.db, session: null, clientAddress: "203.0.113.9" }));
  const registerInput = (i: number) => ({ json: { name: `Batch ${i}`, email: `batch-${i}-${process.pid}@example.com`, password: "correct horse battery" } });

  it("refuses a chunked (no Content-Length) 150 MB body to auth.register with 413, having read at most its 1 MB limit", async () => {
    const { stream, counter } = hugeBody(150 * MB);
    const res = await handler(post("/api/trpc/auth.register", { body: stream, headers: { "content-type": "application/json", origin: APP } }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { appCode: string }).appCode).toBe("TOO_LARGE");
    // The server stopped pulling right after the limit: the rest of the 150 MB was never read.
    expect(counter.pulled).toBeLessThanOrEqual(MB + 64 * 1024);
  });

  it("keeps the server's memory flat under the review's attack: three concurrent chunked 150 MB bodies over real sockets", async () => {
    // The handler behind a real HTTP server in this process, as Next serves it: what the server
    // holds shows in this process's memory. Before the limit, tRPC read each body whole (the review
    // saw 447 MB -> 1.46 GB); now each is refused after 1 MB and the sockets are closed.
    const server = http.createServer(async (req, res) => {
      const request = new Request(`${APP}${req.url}`, {
        method: req.method,
        headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
        body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
        duplex: "half",
      } as RequestInit);
      const response = await handler(request);
      res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/json", connection: "close" });
      res.end(Buffer.from(await response.arrayBuffer()), () => req.destroy());
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const attack = () =>
      new Promise<{ status: number; sent: number }>((resolve) => {
        let sent = 0;
        let status = 0;
        const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/api/trpc/auth.register", headers: { "content-type": "application/json", origin: APP, "transfer-encoding": "chunked" } });
        req.on("response", (res) => {
          status = res.statusCode ?? 0;
          res.resume();
          res.on("end", () => {
            req.destroy();
            resolve({ status, sent });
          });
        });
        req.on("error", () => resolve({ status, sent }));
        const write = () => {
          while (sent < 150 * MB && status === 0) {
            sent += chunk.byteLength;
            if (!req.write(chunk)) return void req.once("drain", write);
          }
          if (status === 0) req.end();
        };
        write();
      });
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const results = await Promise.all([attack(), attack(), attack()]);
      expect(results.map((r) => r.status)).toEqual([413, 413, 413]);
      // Each client was stopped long before its 150 MB were sent.
      for (const r of results) expect(r.sent).toBeLessThan(20 * MB);
    } finally {
      clearInterval(sampler);
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(peak - before).toBeLessThan(100 * MB);
  });

  it("refuses a body whose Content-Length is over the limit without reading it", async () => {
    const { stream, counter } = hugeBody(150 * MB);
    const res = await handler(post("/api/trpc/auth.register", { body: stream, headers: { "content-type": "application/json", origin: APP, "content-length": String(150 * MB) } }));
    expect(res.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(64 * 1024);
  });

  it("refuses a batch of 100 auth.register calls, creating no account", async () => {
    const before = await t.db.user.count();
    const paths = Array.from({ length: 100 }, () => "auth.register").join(",");
    const body = JSON.stringify(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [String(i), registerInput(i)])));
    const res = await handler(post(`/api/trpc/${paths}?batch=1`, { body, headers: { "content-type": "application/json", origin: APP } }));
    expect(res.status).toBe(400);
    expect(await t.db.user.count()).toBe(before);
  });

  it("still answers a small batch from the app's own origin", async () => {
    const before = await t.db.user.count();
    const body = JSON.stringify({ "0": registerInput(1000), "1": registerInput(1001) });
    const res = await handler(post("/api/trpc/auth.register,auth.register?batch=1", { body, headers: { "content-type": "application/json", origin: APP } }));
    expect(res.status).toBe(200);
    expect(await t.db.user.count()).toBe(before + 2);
  });

  it("refuses multipart and form posts (415) and posts from another origin (403), creating nothing", async () => {
    const before = await t.db.user.count();
    const form = new FormData();
    form.set("name", "Multipart");
    const multipart = await handler(post("/api/trpc/auth.register", { body: form, headers: { origin: APP } }));
    expect(multipart.status).toBe(415);
    const text = await handler(post("/api/trpc/auth.register", { body: JSON.stringify(registerInput(2000)), headers: { "content-type": "text/plain", origin: APP } }));
    expect(text.status).toBe(415);
    for (const origin of ["http://evil.example", `${new URL(APP).protocol}//${new URL(APP).hostname}:4444`, "null"]) {
      const res = await handler(post("/api/trpc/auth.register", { body: JSON.stringify(registerInput(3000)), headers: { "content-type": "application/json", origin, cookie: "lm_cart=x" } }));
      expect({ origin, status: res.status }).toEqual({ origin, status: 403 });
    }
    // A cookie-carrying request with neither Origin nor Referer is refused; without cookies (a
    // script with no ambient credentials) it is an ordinary API call.
    const noOrigin = await handler(post("/api/trpc/auth.register", { body: JSON.stringify(registerInput(4000)), headers: { "content-type": "application/json", cookie: "next-auth.session-token=x" } }));
    expect(noOrigin.status).toBe(403);
    expect(await t.db.user.count()).toBe(before);
  });
});

describe("route handlers", () => {
  const sellerCookie = { cookie: "next-auth.session-token=stolen-by-the-browser" };

  it("refuses a cross-origin text/plain form post to /seller/import/run (a same-site page on another port)", async () => {
    const csv = "product_slug,product_title,category,sku,price,stock\ncsrf,CSRF,t-shirts,CSRF-1,1.00,5\n";
    const res = await importRun(post("/seller/import/run?mode=dry-run", { body: csv, headers: { ...sellerCookie, "content-type": "text/plain", origin: `${new URL(APP).protocol}//${new URL(APP).hostname}:4444` } }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(403);
  });

  it("refuses an import body that is not CSV (415) even from the app's origin", async () => {
    const res = await importRun(post("/seller/import/run?mode=dry-run", { body: "a=b", headers: { ...sellerCookie, "content-type": "application/x-www-form-urlencoded", origin: APP } }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(415);
  });

  it("refuses chunked oversized import and upload bodies with 413, reading no more than their limits", async () => {
    const imp = hugeBody(150 * MB);
    const res = await importRun(post("/seller/import/run?mode=dry-run", { body: imp.stream, headers: { ...sellerCookie, "content-type": "text/csv", origin: APP } }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(413);
    expect(imp.counter.pulled).toBeLessThanOrEqual(11 * MB);
    const up = hugeBody(150 * MB);
    const res2 = await upload(post("/api/uploads", { body: up.stream, headers: { ...sellerCookie, "content-type": "multipart/form-data; boundary=x", origin: APP } }), {
      params: Promise.resolve({}),
    });
    expect(res2.status).toBe(413);
    expect(up.counter.pulled).toBeLessThanOrEqual(6 * MB);
  });

  it("refuses uploads from another origin and in other content types", async () => {
    const other = await upload(post("/api/uploads", { body: "x", headers: { ...sellerCookie, "content-type": "multipart/form-data; boundary=x", origin: "http://evil.example" } }), {
      params: Promise.resolve({}),
    });
    expect(other.status).toBe(403);
    const plain = await upload(post("/api/uploads", { body: "x", headers: { ...sellerCookie, "content-type": "text/plain", origin: APP } }), { params: Promise.resolve({}) });
    expect(plain.status).toBe(415);
  });

  it("next-auth's endpoints refuse other origins and oversized chunked bodies", async () => {
    const ctx = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };
    const cross = await nextAuthPost(post("/api/auth/callback/credentials", { body: "email=a&password=b", headers: { ...sellerCookie, "content-type": "application/x-www-form-urlencoded", origin: "http://evil.example" } }), ctx);
    expect(cross.status).toBe(403);
    const big = hugeBody(150 * MB);
    const res = await nextAuthPost(post("/api/auth/callback/credentials", { body: big.stream, headers: { "content-type": "application/x-www-form-urlencoded", origin: APP } }), ctx);
    expect(res.status).toBe(413);
    expect(big.counter.pulled).toBeLessThanOrEqual(MB);
  });
});
