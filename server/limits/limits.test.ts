import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Redis } from "ioredis";
import { AppError } from "@/server/errors";
import { createFailFastRedis } from "@/server/redis";
import { addressKey, normalizeAddress, parseTrustedProxies, resolveClientAddress } from "./client-address";
import { parseLimitOverrides } from "./definitions";
import { createLimits, type Limits } from "./limits";

async function refusal(p: Promise<unknown>): Promise<AppError | null> {
  try {
    await p;
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

async function spend(limits: Limits, n: number, who: { ip: string; user?: string }) {
  const out: (AppError | null)[] = [];
  for (let i = 0; i < n; i++) out.push(await refusal(limits.consume("orders", who)));
  return out;
}

describe("client address", () => {
  const none = parseTrustedProxies(undefined);
  const proxies = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, fd00::/8");

  it("is the socket's peer when the peer is not a trusted proxy, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.9", "1.2.3.4", none)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:203.0.113.9", "1.2.3.4", proxies)).toBe("203.0.113.9");
    expect(resolveClientAddress("127.0.0.1", "1.2.3.4", none)).toBe("127.0.0.1");
  });

  it("walks X-Forwarded-For from the right past trusted proxies only", () => {
    expect(resolveClientAddress("127.0.0.1", "1.2.3.4", proxies)).toBe("1.2.3.4");
    // The client wrote "6.6.6.6" itself; the proxy appended the address it saw.
    expect(resolveClientAddress("10.1.1.1", "6.6.6.6, 198.51.100.4, 10.2.2.2", proxies)).toBe("198.51.100.4");
    expect(resolveClientAddress("10.1.1.1", "not-an-ip", proxies)).toBe("10.1.1.1");
    expect(resolveClientAddress("10.1.1.1", undefined, proxies)).toBe("10.1.1.1");
  });

  it("counts an IPv6 client by its /64", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("[::1]")).toBe("::1");
  });

  it("refuses a malformed TRUSTED_PROXIES or RATE_LIMITS", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow();
    expect(() => parseTrustedProxies("proxy.example.com")).toThrow();
    expect(() => parseLimitOverrides("orders.user=10")).toThrow();
    expect(() => parseLimitOverrides("nope.ip=1/1")).toThrow();
    expect(parseLimitOverrides("orders.user=5/60")).toEqual({ "orders.user": { points: 5, duration: 60 } });
  });
});

describe("limits in memory", () => {
  it("refuses past the per-user allowance with RATE_LIMITED and the seconds to wait", async () => {
    const limits = createLimits({ redis: null, rules: { "orders.user": { points: 3, duration: 60 } } });
    const out = await spend(limits, 4, { ip: "192.0.2.1", user: "u1" });
    expect(out.slice(0, 3)).toEqual([null, null, null]);
    expect(out[3]?.code).toBe("RATE_LIMITED");
    expect(out[3]?.details?.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    // Another user at another address is not affected.
    expect(await refusal(limits.consume("orders", { ip: "192.0.2.2", user: "u2" }))).toBeNull();
  });

  it("counts every user at one address against the address", async () => {
    const limits = createLimits({ redis: null, rules: { "orders.ip": { points: 5, duration: 60 } } });
    const out = [];
    for (let i = 0; i < 6; i++) out.push(await refusal(limits.consume("orders", { ip: "2001:db8:5:5::" + (i + 1), user: `user-${i}` })));
    expect(out.filter(Boolean).length).toBe(1);
  });

  it("scales every allowance by the multiplier", async () => {
    const limits = createLimits({ redis: null, rules: { "orders.user": { points: 2, duration: 60 } }, multiplier: 3 });
    expect((await spend(limits, 7, { ip: "192.0.2.3", user: "u3" })).filter(Boolean).length).toBe(1);
  });
});

const redisUrl = inject("redisUrl");
describe.each(redisUrl ? [redisUrl] : [])("limits in Redis at %s", (url) => {
  const clients: Redis[] = [];
  const redis = () => {
    const r = createFailFastRedis(url);
    clients.push(r);
    return r;
  };
  afterAll(() => clients.forEach((c) => c.disconnect()));

  it("shares counts between app instances", async () => {
    const rules = { "orders.user": { points: 4, duration: 60 } };
    const [a, b] = [createLimits({ redis: redis(), rules }), createLimits({ redis: redis(), rules })];
    await new Promise((r) => setTimeout(r, 200)); // let both connect: before that, insurance counts
    const user = `shared-${Date.now()}-${Math.random()}`;
    const out = [];
    for (let i = 0; i < 5; i++) out.push(await refusal((i % 2 ? a : b).consume("orders", { ip: "192.0.2.9", user })));
    expect(out.filter(Boolean).length).toBe(1);
  });
});

describe("limits while Redis is down (they fall back to memory at once)", () => {
  let blackHole: Server;
  let blackHolePort = 0;
  const sockets: Socket[] = [];
  const clients: Redis[] = [];
  beforeAll(async () => {
    // A "Redis" that accepts connections and never answers (a hung or stopped server).
    blackHole = createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => blackHole.listen(0, "127.0.0.1", r));
    blackHolePort = (blackHole.address() as AddressInfo).port;
  });
  afterAll(async () => {
    clients.forEach((c) => c.disconnect());
    sockets.forEach((s) => s.destroy());
    await new Promise((r) => blackHole.close(r));
  });

  const closedPort = () => {
    const s = createServer();
    return new Promise<number>((resolve) =>
      s.listen(0, "127.0.0.1", () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      }),
    );
  };

  for (const [name, url] of [
    ["nothing listening", async () => `redis://127.0.0.1:${await closedPort()}`],
    ["a server that never answers", async () => `redis://127.0.0.1:${blackHolePort}`],
  ] as const) {
    it(`answers from memory with ${name}, and still limits`, { timeout: 3000 }, async () => {
      const r = createFailFastRedis(await url());
      clients.push(r);
      const limits = createLimits({ redis: r, rules: { "orders.user": { points: 3, duration: 60 }, "signIn.ip": { points: 3, duration: 60 } } });
      // 20 limited calls and 10 sign-in checks: each must answer without waiting for Redis.
      const out = await spend(limits, 20, { ip: "192.0.2.20", user: "down" });
      expect(out.filter(Boolean).length).toBe(17);
      for (let i = 0; i < 3; i++) {
        expect((await limits.signIn.check(`x${i}@example.com`, "192.0.2.21")).allowed).toBe(true);
        await limits.signIn.failed(`x${i}@example.com`, "192.0.2.21");
      }
      for (let i = 0; i < 10; i++) expect((await limits.signIn.check("y@example.com", "192.0.2.21")).allowed).toBe(false);
    });
  }
});
