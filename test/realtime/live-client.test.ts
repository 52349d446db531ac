// The browser's side of reconnections, with a real LiveClient against a real sidecar:
// - a page whose connection went away (a hidden tab's pause, a network drop) gets the events it
//   missed, in order, and refetches nothing; what it started watching meanwhile is joined;
// - when the sidecar cannot recover it (it restarted, embedded), the page is told to resync
//   (what the resync refetches: client/live/resync.test.ts).
import { afterEach, describe, expect, it } from "vitest";
import { createRealtimeServer, type RealtimeServer } from "@/server/realtime/sidecar";
import { internalPublishKey } from "@/server/realtime/tokens";
import type { LiveEvent, StockChanged } from "@/shared/events";
import { LiveClient, type LiveStatus } from "@/client/live/live-client";

const SECRET = "live-client-test-secret-live-client-test";

const stock = (productId: string, version: number): StockChanged => ({
  productId,
  variantId: `${productId}-v`,
  storeId: "store-lc",
  stock: 50 - version,
  lowStockThreshold: 5,
  priceMinor: 1000,
  currency: "USD",
  version,
  delta: -1,
  reason: "ORDER",
});

function publish(port: number, productId: string, version: number) {
  return fetch(`http://127.0.0.1:${port}/internal/publish`, {
    method: "POST",
    headers: { authorization: `Bearer ${internalPublishKey(SECRET)}`, "content-type": "application/json" },
    body: JSON.stringify({ messages: [{ event: "stock.changed", rooms: [`product:${productId}`], payload: stock(productId, version) }] }),
  });
}

/** A LiveClient and what it reported: events, statuses, reconnections; `when` resolves once a
 * condition on them holds (checked at each report, no clock). */
function harness(port: number) {
  const events: LiveEvent[] = [];
  const reconnections: { recovered: boolean; resumed: boolean }[] = [];
  const statuses: LiveStatus[] = [];
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      if (!w.test()) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const client = new LiveClient({
    url: `http://127.0.0.1:${port}`,
    getToken: async () => null,
    onEvent: (e) => (events.push(e), check()),
    onReconnected: (how) => (reconnections.push(how), check()),
    onStatus: (s) => (statuses.push(s), check()),
  });
  const when = (test: () => boolean) => new Promise<void>((resolve) => (test() ? resolve() : waiters.push({ test, resolve })));
  const versions = (productId: string) => events.filter((e) => e.type === "stock.changed" && e.payload.productId === productId).map((e) => (e.payload as StockChanged).version);
  return { client, events, reconnections, statuses, when, versions };
}

type Sidecar = Pick<RealtimeServer, "io">;
const serverSockets = (server: Sidecar) => server.io.of("/").sockets;
/** Resolves once the sidecar holds `n` sockets in `room` (checked between I/O turns). */
async function roomSize(server: Sidecar, room: string, n: number): Promise<void> {
  const size = () => server.io.of("/").adapter.rooms.get(room)?.size ?? 0;
  while (size() !== n) await new Promise((r) => setImmediate(r));
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function sidecar(port = 0) {
  const server = createRealtimeServer({ corsOrigins: [], secret: SECRET });
  const bound = await server.listen(port, "127.0.0.1");
  let closed = false;
  const close = async () => {
    if (!closed) await server.close();
    closed = true;
  };
  cleanup.push(close);
  return { server: { io: server.io, close }, port: bound };
}

describe("LiveClient reconnections", () => {
  it("a paused page (hidden tab) gets what it missed on resume, in order, and refetches nothing; what it began watching meanwhile is joined", async () => {
    const { server, port } = await sidecar();
    const h = harness(port);
    cleanup.push(async () => h.client.close());
    h.client.watchProducts(["lc1"]);
    await h.when(() => h.statuses.at(-1) === "live");
    await roomSize(server, "product:lc1", 1);

    h.client.pause();
    await h.when(() => h.statuses.at(-1) === "offline");
    await roomSize(server, "product:lc1", 0);
    for (const v of [1, 2, 3]) expect((await publish(port, "lc1", v)).status).toBe(204);
    h.client.watchProducts(["lc2"]);

    h.client.resume();
    await h.when(() => h.reconnections.length === 1 && h.versions("lc1").length === 3);
    expect(h.reconnections).toEqual([{ recovered: true, resumed: true }]);
    expect(h.versions("lc1")).toEqual([1, 2, 3]);
    await roomSize(server, "product:lc2", 1);
    await publish(port, "lc2", 1);
    await h.when(() => h.versions("lc2").length === 1);
    expect(serverSockets(server).size).toBe(1);
  });

  it("after a network drop it recovers by itself; after a sidecar restart (embedded) it is told to resync", async () => {
    const first = await sidecar();
    const h = harness(first.port);
    cleanup.push(async () => h.client.close());
    h.client.watchProducts(["lc3"]);
    await h.when(() => h.statuses.at(-1) === "live");
    await roomSize(first.server, "product:lc3", 1);

    // The network drops the connection; Socket.IO reconnects with its backoff.
    (h.client as unknown as { socket: { io: { engine: { close(): void } } } }).socket.io.engine.close();
    await h.when(() => h.reconnections.length === 1);
    expect(h.reconnections[0]).toEqual({ recovered: true, resumed: false });
    await publish(first.port, "lc3", 1);
    await h.when(() => h.versions("lc3").length === 1);

    // The sidecar restarts: the embedded one forgets its sessions.
    await first.server.close();
    const second = await sidecar(first.port);
    await h.when(() => h.reconnections.length === 2);
    expect(h.reconnections[1]).toEqual({ recovered: false, resumed: false });
    // It joined its rooms again.
    await roomSize(second.server, "product:lc3", 1);
  });
});
