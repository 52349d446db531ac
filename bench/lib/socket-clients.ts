// A child process holding many WebSocket clients for the realtime benchmark, so that the
// sidecar, the clients and the committing process each have their own event loop. Driven by
// IPC messages from bench/realtime.ts. Times are wall-clock milliseconds with sub-millisecond
// resolution (performance.timeOrigin + performance.now()), comparable across processes.
import { io, type Socket } from "socket.io-client";
import WebSocket from "ws";

type Cmd =
  | { cmd: "connect-io"; url: string; rooms: string[][] }
  | { cmd: "connect-ws"; url: string; count: number; track?: boolean }
  | { cmd: "reset" }
  | { cmd: "report" }
  | { cmd: "close" };

const now = () => performance.timeOrigin + performance.now();
let ioClients: Socket[] = [];
let wsClients: WebSocket[] = [];
/** `${variantId}:${version}` -> the times a client first showed that version or a later one
 * (latency runs): a page shows the newest state it received, so a version conflated away
 * (decision 201) is shown when the next one arrives. */
let receipts = new Map<string, number[]>();
/** Events received, conflated or not (latency runs). */
let received = 0;
/** Per client: variantId -> the version it shows. */
let shownBy: Map<string, number>[] = [];
/** Messages and last receipt time per client (fan-out runs). */
let counts: number[] = [];
let last = 0;

interface LiveEvent {
  variantId: string;
  version: number;
}

/** Client i received event e: it shows e's version and every older one it had not shown. */
function show(i: number, e: LiveEvent) {
  const t = now();
  received += 1;
  last = t;
  const shown = (shownBy[i] ??= new Map());
  const before = shown.get(e.variantId) ?? e.version - 1;
  if (e.version <= before) return;
  shown.set(e.variantId, e.version);
  for (let v = before + 1; v <= e.version; v++) {
    const key = `${e.variantId}:${v}`;
    let list = receipts.get(key);
    if (!list) receipts.set(key, (list = []));
    list.push(t);
    counts[i]! += 1;
  }
}

function send(msg: unknown) {
  process.send!(msg);
}

async function inBatches<T>(items: T[], size: number, fn: (item: T, i: number) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)));
}

process.on("message", async (m: Cmd) => {
  switch (m.cmd) {
    case "connect-io": {
      const t0 = now();
      counts = new Array(m.rooms.length).fill(0);
      ioClients = new Array(m.rooms.length);
      await inBatches(m.rooms, 50, async (rooms, i) => {
        const c = io(m.url, { transports: ["websocket"], forceNew: true, reconnection: false });
        ioClients[i] = c;
        await new Promise<void>((resolve, reject) => {
          c.once("connect", () => resolve());
          c.once("connect_error", reject);
        });
        const onEvent = (e: LiveEvent) => show(i, e);
        c.on("stock.changed", onEvent);
        c.on("price.changed", onEvent);
        await c.emitWithAck("subscribe", { products: rooms });
      });
      send({ ok: "connected", ms: now() - t0 });
      break;
    }
    case "connect-ws": {
      const t0 = now();
      counts = new Array(m.count).fill(0);
      wsClients = new Array(m.count);
      await inBatches(Array.from({ length: m.count }, (_, i) => i), 50, async (_, i) => {
        const ws = new WebSocket(m.url);
        wsClients[i] = ws;
        await new Promise<void>((resolve, reject) => {
          ws.once("open", () => resolve());
          ws.once("error", reject);
        });
        if (m.track) {
          // The latency floor: the Socket.IO event packet (42["stock.changed",{...}]) read by hand.
          ws.on("message", (data) => show(i, (JSON.parse(String(data).slice(2)) as [string, LiveEvent])[1]));
        } else {
          ws.on("message", () => {
            counts[i]! += 1;
            last = now();
          });
        }
      });
      send({ ok: "connected", ms: now() - t0 });
      break;
    }
    case "reset":
      receipts = new Map();
      received = 0;
      shownBy = [];
      counts = counts.map(() => 0);
      last = 0;
      send({ ok: "reset" });
      break;
    case "report":
      send({ ok: "report", receipts: [...receipts.entries()], total: counts.reduce((a, b) => a + b, 0), received, last });
      break;
    case "close":
      for (const c of ioClients) c.close();
      for (const w of wsClients) w.terminate();
      send({ ok: "closed" });
      setTimeout(() => process.exit(0), 50);
      break;
  }
});
send({ ok: "ready" });
