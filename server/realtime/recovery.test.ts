// Nothing missed, nothing unbounded (decisions 185-188), with real sidecars and real clients:
// - a client whose connection drops gets, on reconnect, the events published meanwhile, in order,
//   with its rooms (embedded, and with Redis through the streams adapter, even after its sidecar
//   restarted); with the pub/sub adapter it cannot, and says so (`recovered` false: its page
//   refetches);
// - a Redis restart while the app publishes loses nothing for connected clients (streams);
// - new connections write nothing to the Redis stream (a storm of them would push events out);
// - a revoked session's socket is not given its private rooms back;
// - a client that stops reading is dropped once its buffer passes the cap; the others go on.
// Redis here is a throwaway redis-server of this file's own (the shared one is never restarted).
import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents, StockChanged, SubscribeAck } from "@/shared/events";
import { createRedisPublisher, type Publisher } from "./publisher";
import { createRealtimeServer, type RealtimeServer } from "./sidecar";
import { OFFSET_EVENT, STREAM_NAME } from "./streams";
import { internalPublishKey, signRoomToken } from "./tokens";

const SECRET = "recovery-test-secret-recovery-test-secret";
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const stock = (productId: string, version: number): StockChanged => ({
  productId,
  variantId: `${productId}-v`,
  storeId: "store-r",
  stock: 100 - version,
  lowStockThreshold: 5,
  priceMinor: 1000,
  currency: "USD",
  version,
  delta: -1,
  reason: "ORDER",
});

async function client(port: number, recovers = true): Promise<Client> {
  const c: Client = connect(`http://127.0.0.1:${port}`, { transports: ["websocket"], reconnection: false, forceNew: true });
  // Connected, and holding the offset a new socket is given (with Redis, the last stream entry
  // its sidecar delivered): from there on it can recover.
  const offset = new Promise<void>((resolve) => (c as unknown as { once(ev: string, fn: () => void): void }).once(OFFSET_EVENT, resolve));
  await new Promise<void>((resolve, reject) => {
    c.once("connect", () => resolve());
    c.once("connect_error", reject);
  });
  if (recovers) await offset;
  return c;
}

const subscribe = (c: Client, req: Parameters<ClientToServerEvents["subscribe"]>[0]) => new Promise<SubscribeAck>((resolve) => c.emit("subscribe", req, resolve));

/** Versions of the stock events a client receives, in arrival order. */
function versions(c: Client): number[] {
  const got: number[] = [];
  c.on("stock.changed", (p) => void got.push(p.version));
  return got;
}

/** Resolves once `got` holds `n` items (each arrival checks; no clock involved). */
function until<T>(c: Client, got: T[], n: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (got.length >= n) {
        c.off("stock.changed", check);
        resolve();
      }
    };
    c.on("stock.changed", check);
    c.once("disconnect", (reason) => (got.length >= n ? resolve() : reject(new Error(`disconnected (${reason}) with ${got.length}/${n}`))));
    check();
  });
}

/** Drops the client's transport as a network failure would (not a goodbye), and resolves once
 * the sidecar has noticed, so what is published next is published while it is away. */
async function drop(c: Client, server: RealtimeServer): Promise<void> {
  const id = c.id!;
  const gone = new Promise<void>((resolve) => server.io.of("/").sockets.get(id)?.once("disconnect", () => resolve()) ?? resolve());
  c.io.engine.close();
  await gone;
}

async function reconnect(c: Client): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    c.once("connect", () => resolve());
    c.once("connect_error", reject);
    c.connect();
  });
}

function httpPublish(port: number, messages: unknown[]) {
  return fetch(`http://127.0.0.1:${port}/internal/publish`, {
    method: "POST",
    headers: { authorization: `Bearer ${internalPublishKey(SECRET)}`, "content-type": "application/json" },
    body: JSON.stringify({ messages }),
  });
}

describe("embedded sidecar (no Redis)", () => {
  let server: RealtimeServer;
  let port: number;
  beforeAll(async () => {
    server = createRealtimeServer({ corsOrigins: [], secret: SECRET, maxBufferedPackets: 500 });
    port = await server.listen(0, "127.0.0.1");
  });
  afterAll(() => server.close());

  it("a client that was away gets the events it missed, in order, with its rooms, even if nothing reached it before", async () => {
    const c = await client(port);
    try {
      expect(await subscribe(c, { products: ["e1"] })).toEqual({ ok: true, rooms: 1 });
      const got = versions(c);
      await drop(c, server);
      for (const v of [1, 2, 3]) expect((await httpPublish(port, [{ event: "stock.changed", rooms: ["product:e1"], payload: stock("e1", v) }])).status).toBe(204);
      await reconnect(c);
      expect(c.recovered).toBe(true);
      await until(c, got, 3);
      expect(got).toEqual([1, 2, 3]);
      // Its room came back with it: what is published now arrives too.
      await httpPublish(port, [{ event: "stock.changed", rooms: ["product:e1"], payload: stock("e1", 4) }]);
      await until(c, got, 4);
      expect(got).toEqual([1, 2, 3, 4]);
    } finally {
      c.close();
    }
  });

  it("does not give a revoked session's socket its private rooms back", async () => {
    const sid = "sid-revoked-while-away";
    const token = signRoomToken(SECRET, { rooms: ["user:u-away"], userId: "u-away", sid, exp: Date.now() + 60_000 });
    const c = await client(port);
    try {
      expect(await subscribe(c, { products: [], token })).toEqual({ ok: true, rooms: 1 });
      await drop(c, server);
      expect((await httpPublish(port, [{ disconnect: true, rooms: [`session:${sid}`] }])).status).toBe(204);
      await reconnect(c);
      expect(c.recovered).toBe(false);
      const socket = server.io.of("/").sockets.get(c.id!)!;
      expect([...socket.rooms].filter((r) => r !== c.id)).toEqual([]);
    } finally {
      c.close();
    }
  });

  it("drops a client that stops reading once its buffer passes the cap; the others keep receiving", async () => {
    const stalled = await client(port);
    const healthy = await client(port);
    try {
      await subscribe(stalled, { products: ["slow"] });
      await subscribe(healthy, { products: ["slow"] });
      const healthyGot = versions(healthy);
      const dropped = new Promise<string>((resolve) => server.io.of("/").sockets.get(stalled.id!)!.once("disconnect", (reason) => resolve(reason)));
      let isDropped = false;
      void dropped.then(() => (isDropped = true));
      // The stalled client's process stops reading its socket: the kernel's buffers fill, then
      // the sidecar's buffer for it grows, until the cap.
      (stalled.io.engine as unknown as { transport: { ws: { _socket: { pause(): void } } } }).transport.ws._socket.pause();
      let version = 0;
      // Batches of the relay's size (200 rows), each read by the healthy client before the next;
      // each row another variant, so that none is conflated away (decision 201).
      for (let batch = 0; batch < 1000 && !isDropped; batch++) {
        const messages = Array.from({ length: 200 }, () => ({ event: "stock.changed", rooms: ["product:slow"], payload: { ...stock("slow", ++version), variantId: `slow-${version}` } }));
        expect((await httpPublish(port, messages)).status).toBe(204);
        await until(healthy, healthyGot, version);
      }
      expect(await dropped).toBe("server namespace disconnect");
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/livemarket_realtime_dropped_total\{reason="slow"\} [1-9]/);
      // The healthy client got everything, in order.
      expect(healthyGot).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    } finally {
      stalled.close();
      healthy.close();
    }
  });
});

// ---------- Redis: a throwaway server of our own ----------
const REDIS_PORT = 6391;
const REDIS_URL = `redis://127.0.0.1:${REDIS_PORT}`;

async function startRedis(): Promise<ChildProcess> {
  const p = spawn("/usr/bin/redis-server", ["--port", String(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    p.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("Ready to accept connections")) resolve();
    });
    p.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${out.slice(-500)}`)));
  });
  return p;
}

async function stopRedis(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    p.once("exit", () => resolve());
    p.kill("SIGTERM");
  });
}

/** As the outbox relay does: a publish that fails is tried again until Redis takes it. */
async function publishUntilTaken(publisher: Publisher, messages: Parameters<Publisher["publish"]>[0]): Promise<number> {
  for (let failures = 0; ; failures++) {
    try {
      await publisher.publish(messages);
      return failures;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe.runIf(process.platform !== "win32")("with Redis", () => {
  let redis: ChildProcess;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    if (redis) await stopRedis(redis);
  });

  it("streams: a dropped client recovers its missed events in order, on a sidecar that restarted too", async () => {
    const publisher = createRedisPublisher({ redisUrl: REDIS_URL, adapter: "streams" });
    let server = createRealtimeServer({ corsOrigins: [], secret: SECRET, redisUrl: REDIS_URL, redisAdapter: "streams" });
    const port = await server.listen(0, "127.0.0.1");
    const c = await client(port);
    try {
      await subscribe(c, { products: ["s1"] });
      const got = versions(c);
      await drop(c, server);
      await publishUntilTaken(publisher, [1, 2].map((v) => ({ event: "stock.changed" as const, rooms: ["product:s1"], payload: stock("s1", v) })));
      await reconnect(c);
      expect(c.recovered).toBe(true);
      await until(c, got, 2);
      expect(got).toEqual([1, 2]);

      // The sidecar restarts (its sockets' sessions are kept in Redis); events go on meanwhile.
      await server.close();
      await publishUntilTaken(publisher, [3, 4].map((v) => ({ event: "stock.changed" as const, rooms: ["product:s1"], payload: stock("s1", v) })));
      server = createRealtimeServer({ corsOrigins: [], secret: SECRET, redisUrl: REDIS_URL, redisAdapter: "streams" });
      await server.listen(port, "127.0.0.1");
      await reconnect(c);
      expect(c.recovered).toBe(true);
      await until(c, got, 4);
      expect(got).toEqual([1, 2, 3, 4]);
    } finally {
      c.close();
      await server.close();
      await publisher.close();
    }
  });

  it("streams: new connections write nothing to the stream (a storm of them cannot push events out), and can still recover", async () => {
    const publisher = createRedisPublisher({ redisUrl: REDIS_URL, adapter: "streams" });
    const server = createRealtimeServer({ corsOrigins: [], secret: SECRET, redisUrl: REDIS_URL, redisAdapter: "streams" });
    const port = await server.listen(0, "127.0.0.1");
    const redisClient = new Redis(REDIS_URL);
    const clients: Client[] = [];
    try {
      await publishUntilTaken(publisher, [{ event: "stock.changed", rooms: ["product:st"], payload: stock("st", 1) }]);
      const before = await redisClient.xlen(STREAM_NAME);
      for (let i = 0; i < 20; i++) clients.push(await client(port));
      expect(await redisClient.xlen(STREAM_NAME)).toBe(before);
      // Each holds an offset all the same: one that heard nothing else recovers what it missed.
      const c = clients[0]!;
      await subscribe(c, { products: ["st"] });
      const got = versions(c);
      await drop(c, server);
      await publishUntilTaken(publisher, [2, 3].map((v) => ({ event: "stock.changed" as const, rooms: ["product:st"], payload: stock("st", v) })));
      await reconnect(c);
      expect(c.recovered).toBe(true);
      await until(c, got, 2);
      expect(got).toEqual([2, 3]);
    } finally {
      for (const c of clients) c.close();
      redisClient.disconnect();
      await server.close();
      await publisher.close();
    }
  });

  it("streams: a Redis restart while the app publishes loses nothing for connected clients", async () => {
    const publisher = createRedisPublisher({ redisUrl: REDIS_URL, adapter: "streams" });
    const a = createRealtimeServer({ corsOrigins: [], secret: SECRET, redisUrl: REDIS_URL, redisAdapter: "streams" });
    const b = createRealtimeServer({ corsOrigins: [], secret: SECRET, redisUrl: REDIS_URL, redisAdapter: "streams" });
    const [portA, portB] = [await a.listen(0, "127.0.0.1"), await b.listen(0, "127.0.0.1")];
    const onA = await client(portA);
    const onB = await client(portB);
    try {
      await subscribe(onA, { products: ["rr"] });
      await subscribe(onB, { products: ["rr"] });
      const gotA = versions(onA);
      const gotB = versions(onB);
      // Each change another variant: a sidecar reading several entries at once after the restart
      // would send a product room only the newest state of one variant (decision 201); here every
      // entry must arrive.
      const event = (v: number) => [{ event: "stock.changed" as const, rooms: ["product:rr"], payload: { ...stock("rr", v), variantId: `rr-v${v}` } }];
      for (let v = 1; v <= 5; v++) await publishUntilTaken(publisher, event(v));
      await stopRedis(redis);
      // Redis is away: the publish fails (the outbox would keep it) and is retried once it is back.
      let failedWhileDown = 0;
      const during = publishUntilTaken(publisher, event(6)).then((f) => (failedWhileDown = f));
      redis = await startRedis();
      await during;
      for (let v = 7; v <= 10; v++) await publishUntilTaken(publisher, event(v));
      await Promise.all([until(onA, gotA, 10), until(onB, gotB, 10)]);
      expect(failedWhileDown).toBeGreaterThan(0);
      expect(gotA).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(gotB).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    } finally {
      onA.close();
      onB.close();
      await a.close();
      await b.close();
      await publisher.close();
    }
  });

  it("pub/sub adapter: a dropped client cannot recover, and says so (its page refetches)", async () => {
    const publisher = createRedisPublisher({ redisUrl: REDIS_URL, adapter: "pubsub" });
    const server = createRealtimeServer({ corsOrigins: [], secret: SECRET, redisUrl: REDIS_URL, redisAdapter: "pubsub" });
    const port = await server.listen(0, "127.0.0.1");
    const c = await client(port, false);
    try {
      await subscribe(c, { products: ["ps"] });
      await drop(c, server);
      await publishUntilTaken(publisher, [{ event: "stock.changed", rooms: ["product:ps"], payload: stock("ps", 1) }]);
      await reconnect(c);
      expect(c.recovered).toBe(false);
    } finally {
      c.close();
      await server.close();
      await publisher.close();
    }
  });
});
