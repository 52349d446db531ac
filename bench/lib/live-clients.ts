// A child process holding many simulated shoppers for bench/realtime-scale.ts. Each one is the
// browser's own LiveClient (client/live/live-client.ts): one Socket.IO connection, the product it
// looks at, the browser's reconnection backoff and recovery. A shopper whose reconnection could
// not be recovered refetches what live events feed, at a random moment within RESYNC_SPREAD_MS as
// the page does (client/live/live-provider.tsx): here that is one GET to `refetchUrl`, the one
// batched tRPC request the page's invalidated queries make.
// Driven by IPC from the benchmark. Times are wall-clock ms (performance.timeOrigin + now()).
import { LiveClient, RESYNC_SPREAD_MS, type LiveStatus } from "@/client/live/live-client";

type Cmd =
  | { cmd: "connect"; url: string; products: string[]; refetchUrl: string | null; batch?: number }
  | { cmd: "reset" }
  | { cmd: "report"; receipts?: boolean }
  /** Shoppers of these products that neither hold `version` nor resynced after `at`. */
  | { cmd: "missed"; expected: [productId: string, version: number, at: number][] }
  | { cmd: "close" };

const now = () => performance.timeOrigin + performance.now();

interface Shopper {
  client: LiveClient;
  productId: string;
  status: LiveStatus;
  /** When its page last resynced (its refetch then brings everything committed before). */
  resyncedAt: number;
  /** The last version of its product's variant it was told, to find gaps. */
  lastVersion: number;
}

const shoppers: Shopper[] = [];
let receipts = new Map<string, number[]>();
let delivered = 0;
let gaps = 0;
let recovered = 0;
let resynced = 0;
let refetches = 0;
let refetchErrors = 0;
/** Refetch requests by the second they were sent in (wall clock, whole seconds). */
let refetchBySecond = new Map<number, number>();
/** When the last shopper went back to "live" after being offline. */
let lastBackAt = 0;

function send(msg: unknown) {
  process.send!(msg);
}

function live(): number {
  let n = 0;
  for (const s of shoppers) if (s.status === "live") n += 1;
  return n;
}

async function connect(m: Extract<Cmd, { cmd: "connect" }>) {
  const t0 = now();
  const batch = m.batch ?? 100;
  for (let i = 0; i < m.products.length; i += batch) {
    const started: Promise<void>[] = [];
    for (const productId of m.products.slice(i, i + batch)) {
      let resolveLive!: () => void;
      started.push(new Promise<void>((r) => (resolveLive = r)));
      const shopper: Shopper = { client: null as unknown as LiveClient, productId, status: "idle", resyncedAt: 0, lastVersion: -1 };
      shopper.client = new LiveClient({
        url: m.url,
        getToken: async () => null,
        onEvent: (e) => {
          if (e.type !== "stock.changed" && e.type !== "price.changed") return;
          const t = now();
          const key = `${e.payload.variantId}:${e.payload.version}`;
          let list = receipts.get(key);
          if (!list) receipts.set(key, (list = []));
          list.push(t);
          delivered += 1;
          if (shopper.lastVersion >= 0 && e.payload.version !== shopper.lastVersion + 1) gaps += 1;
          shopper.lastVersion = e.payload.version;
        },
        onReconnected: ({ recovered: ok }) => {
          if (ok) {
            recovered += 1;
            return;
          }
          resynced += 1;
          shopper.resyncedAt = now();
          // What the page's refetch brings: the current version, whatever it is now.
          shopper.lastVersion = -1;
          if (!m.refetchUrl) return;
          const url = m.refetchUrl;
          setTimeout(() => {
            const sec = Math.floor(now() / 1000);
            refetchBySecond.set(sec, (refetchBySecond.get(sec) ?? 0) + 1);
            refetches += 1;
            fetch(url).then(
              (r) => r.body?.cancel(),
              () => (refetchErrors += 1),
            );
          }, Math.random() * RESYNC_SPREAD_MS);
        },
        onStatus: (s) => {
          const was = shopper.status;
          shopper.status = s;
          if (s === "live") {
            resolveLive();
            if (was === "offline" || was === "connecting") lastBackAt = now();
          }
        },
      });
      shopper.client.watchProducts([productId]);
      shoppers.push(shopper);
    }
    await Promise.all(started);
  }
  lastBackAt = 0;
  send({ ok: "connected", ms: now() - t0, live: live() });
}

process.on("message", (m: Cmd) => {
  switch (m.cmd) {
    case "connect":
      void connect(m);
      break;
    case "reset":
      receipts = new Map();
      delivered = gaps = recovered = resynced = refetches = refetchErrors = 0;
      refetchBySecond = new Map();
      lastBackAt = 0;
      send({ ok: "reset" });
      break;
    case "report":
      send({
        ok: "report",
        shoppers: shoppers.length,
        live: live(),
        delivered,
        gaps,
        recovered,
        resynced,
        refetches,
        refetchErrors,
        refetchBySecond: [...refetchBySecond.entries()],
        lastBackAt,
        receipts: m.receipts ? [...receipts.entries()] : [],
        rssBytes: process.memoryUsage().rss,
      });
      break;
    case "missed": {
      const expected = new Map(m.expected.map(([p, v, at]) => [p, { v, at }]));
      let missed = 0;
      for (const sh of shoppers) {
        const e = expected.get(sh.productId);
        if (e && sh.lastVersion < e.v && sh.resyncedAt < e.at) missed += 1;
      }
      send({ ok: "missed", missed });
      break;
    }
    case "close":
      for (const s of shoppers) s.client.close();
      send({ ok: "closed" });
      setTimeout(() => process.exit(0), 50);
      break;
  }
});
send({ ok: "ready" });
