// The Socket.IO sidecar: its own process and port, relaying stock, price and order events to
// browsers. Browsers only listen: they may subscribe to rooms for what they show and nothing
// else; anything else a client emits is refused and logged. Events come in two ways:
// - with Redis (production), from the Redis stream the app appends to, read by the Redis Streams
//   adapter, which also shares them between any number of sidecars (REALTIME_REDIS_ADAPTER=pubsub:
//   the app's Redis emitter through the pub/sub Redis adapter);
// - without Redis (embedded default), from the app's POST to /internal/publish, accepted only
//   from loopback with the internal publish key.
// A browser that loses its connection for less than two minutes gets what it missed on reconnect
// (Socket.IO connection state recovery, decision 185); a socket that does not read what it is sent
// is dropped past a cap so it cannot grow the sidecar's memory (decision 188).
// `createRealtimeServer` is separate from `main` so tests can boot it on port 0 with real clients.
import "server-only";
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { Redis } from "ioredis";
import { Server as IOServer, type Socket } from "socket.io";
import { z } from "zod";
import {
  LIVE_EVENT_NAMES,
  LIVE_EVENTS,
  MAX_PRODUCT_ROOMS,
  ZSubscribeRequest,
  isClientEvent,
  isPrivateRoom,
  productRoom,
  sessionRoom,
  type ClientToServerEvents,
  type LiveEventName,
  type RealtimeMessage,
  type ServerToClientEvents,
  type SubscribeAck,
} from "@/shared/events";
import type { BlockList } from "node:net";
import { addressKey, resolveClientAddress } from "@/server/limits/client-address";
import { createSidecarMetrics } from "@/server/observability/sidecar-metrics";
import { METRICS_REFUSAL, metricsAllowed } from "@/server/observability/metrics-auth";
import { REQUEST_ID_HEADER, acceptRequestId } from "@/server/observability/request-context";
import { OFFSET_EVENT, RECOVERY_MS, SESSION_KEY_PREFIX, STREAM_MAX_LEN, STREAM_NAME, serverSideEntry } from "./streams";
import { StreamTail, parseStreamId, type DecodedBroadcast } from "./stream-tail";
import { StreamReads } from "./stream-reads";
import { conflateRooms } from "./conflate";
import { INTERNAL_PUBLISH_PATH, REVOKED_SESSIONS_EVENT, ROOM_TOKEN_TTL_MS, internalPublishKey, revokedSessionKey, safeEqual, verifyRoomToken } from "./tokens";

type Io = IOServer<ClientToServerEvents, ServerToClientEvents>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface RealtimeServer {
  io: Io;
  httpServer: HttpServer;
  /** Resolves with the port actually bound (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

interface Log {
  debug?(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface RealtimeDeps {
  /** Origins allowed to open sockets (the app's public URL). */
  corsOrigins: string[];
  /** The session signing secret shared with the app (store tokens, internal publish key). */
  secret: string;
  /** Share events with other sidecars and receive the app's events through Redis. */
  redisUrl?: string;
  /** Which Redis adapter (REALTIME_REDIS_ADAPTER): "streams" (default) recovers missed events
   * and survives Redis restarts; "pubsub" is the Redis adapter the app's emitter speaks to. */
  redisAdapter?: "streams" | "pubsub";
  /** Packets held for one socket that does not read them before it is dropped (default 1000). */
  maxBufferedPackets?: number;
  /** Conflate product-room states read together (decision 201). Default on. */
  conflate?: boolean;
  /** How long a disconnected socket's rooms and missed events are kept for it (default 2 min). */
  recoveryMs?: number;
  /** Sockets one address may hold open at once (default 50). */
  maxConnectionsPerAddress?: number;
  /** Reverse proxies (TRUSTED_PROXIES) whose X-Forwarded-For names the client: behind them the
   * cap counts each client, not the proxy. Unset: the socket's peer, whatever the headers say. */
  trustedProxies?: BlockList;
  logger?: Log;
  /** GET /metrics only for `Authorization: Bearer <metricsToken>` (METRICS_TOKEN); unset: open. */
  metricsToken?: string;
}

const MAX_PUBLISH_BYTES = 1024 * 1024;
/** A socket that keeps emitting what it may not is disconnected. */
const MAX_REFUSED_EMITS = 20;

const ZRooms = z.array(z.string().min(1).max(200)).min(1).max(50);
// What the app may publish: events of the contract, each payload checked against its schema,
// and the command to disconnect the sockets in some rooms (revoked sessions).
const ZMessages = z.object({
  messages: z
    .array(
      z.union([
        z.object({ disconnect: z.literal(true), rooms: ZRooms }).strict(),
        z
          .object({
            event: z.enum(LIVE_EVENT_NAMES as [LiveEventName, ...LiveEventName[]]),
            rooms: ZRooms,
            payload: z.unknown(),
          })
          .superRefine((m, ctx) => {
            const checked = LIVE_EVENTS[m.event].safeParse(m.payload);
            if (!checked.success) ctx.addIssue({ code: "custom", path: ["payload"], message: checked.error.message });
          }),
      ]),
    )
    .max(10_000),
});

const silent: Log = { info() {}, warn() {}, error() {} };

function isLoopback(addr: string | undefined): boolean {
  return addr === "127.0.0.1" || addr === "::1" || addr === "::ffff:127.0.0.1";
}

export function createRealtimeServer(deps: RealtimeDeps): RealtimeServer {
  const log = deps.logger ?? silent;
  const startedAt = Date.now();
  const publishKey = internalPublishKey(deps.secret);
  let received = 0;
  const metrics = createSidecarMetrics({ connections: () => io.engine.clientsCount });
  const conflating = deps.conflate ?? true;

  const httpServer = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url?.split("?")[0];
    if (path === "/health") {
      const mem = process.memoryUsage();
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(
        JSON.stringify({
          ok: true,
          pid: process.pid,
          uptimeMs: Date.now() - startedAt,
          connections: io.engine.clientsCount,
          redis: deps.redisUrl ? (redisUp ? "up" : "down") : "off",
          eventsReceived: received,
          rssBytes: mem.rss,
        }),
      );
      return;
    }
    if (path === "/metrics") {
      if (!metricsAllowed(req.headers.authorization, deps.metricsToken)) {
        res.writeHead(METRICS_REFUSAL.status, METRICS_REFUSAL.headers);
        res.end(METRICS_REFUSAL.body);
        return;
      }
      void metrics.registry.metrics().then(
        (body) => {
          res.writeHead(200, { "content-type": metrics.registry.contentType, "cache-control": "no-store" });
          res.end(body);
        },
        (err: unknown) => {
          log.error("sidecar: metrics could not be collected", { err });
          res.writeHead(500, { "content-type": "text/plain" });
          res.end("metrics could not be collected\n");
        },
      );
      return;
    }
    if (path === INTERNAL_PUBLISH_PATH) {
      void handlePublish(req, res);
      return;
    }
    // Socket.IO answers its own path; everything else is not ours.
    if (!req.url?.startsWith("/socket.io")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error: "not found" }));
    }
  });

  const maxPerAddress = deps.maxConnectionsPerAddress ?? 50;
  const perAddress = new Map<string, number>();
  // The key a client is counted under: the socket's peer, or behind a trusted proxy the client it
  // names (an IPv6 client by its /64), as the app's rate limits count it.
  const clientKey = (req: IncomingMessage): string => {
    const xff = req.headers["x-forwarded-for"];
    const forwarded = Array.isArray(xff) ? xff.join(",") : xff;
    return deps.trustedProxies ? addressKey(resolveClientAddress(req.socket.remoteAddress, forwarded, deps.trustedProxies)) : (req.socket.remoteAddress ?? "");
  };
  const io: Io = new IOServer(httpServer, {
    cors: { origin: deps.corsOrigins, credentials: true },
    // A socket that reconnects within this time gets its rooms back and the events it missed,
    // in order (from the in-memory adapter, or from Redis with the streams adapter). Nothing to
    // skip: the sidecar has no middlewares (the checks below run before any handshake).
    connectionStateRecovery: { maxDisconnectionDuration: deps.recoveryMs ?? RECOVERY_MS, skipMiddlewares: true },
    serveClient: false,
    // Browsers only listen; nothing they send needs more than this.
    maxHttpBufferSize: 64 * 1024,
    // Checked before the handshake completes (CORS does not apply to WebSocket upgrades): a
    // browser always sends Origin, and only the app's pages may open sockets; a client without
    // Origin is not a browser page and has no one's cookies to abuse (rooms beyond public
    // products need a token). One address holds at most `maxPerAddress` sockets.
    allowRequest(req, callback) {
      const origin = req.headers.origin;
      if (origin !== undefined && !deps.corsOrigins.includes(origin)) {
        metrics.refused.inc({ kind: "origin" });
        log.warn("sidecar: refused a connection from another origin", { origin: origin.slice(0, 200), address: req.socket.remoteAddress });
        return callback("origin not allowed", false);
      }
      const client = clientKey(req);
      if ((perAddress.get(client) ?? 0) >= maxPerAddress) {
        metrics.refused.inc({ kind: "per_address" });
        log.warn("sidecar: refused a connection over the per-address limit", { address: client, limit: maxPerAddress });
        return callback("too many connections from this address", false);
      }
      callback(null, true);
    },
  });

  // Live events emitted to rooms, counted where the adapter encodes a broadcast once for all its
  // sockets: events published here (embedded) and those arriving through Redis alike.
  const knownEvents = new Set<string>(LIVE_EVENT_NAMES);
  function countBroadcasts(): void {
    const adapter = io.of("/").adapter as unknown as { _encode: (packet: { type?: number; data?: unknown[] }, opts: unknown) => unknown };
    const encode = adapter._encode.bind(adapter);
    adapter._encode = (packet, opts) => {
      const name = packet.type === 2 && typeof packet.data?.[0] === "string" ? packet.data[0] : null;
      if (name !== null && name !== OFFSET_EVENT) metrics.events.inc({ event: knownEvents.has(name) ? name : "other" });
      return encode(packet, opts);
    };
  }
  countBroadcasts();

  // A recovered socket gets its rooms back, private ones included: not when the session that
  // opened them was revoked meanwhile (its disconnect command found no socket to drop). It then
  // connects afresh, and its page resyncs and asks for a token, which is refused.
  function guardRecovery(): void {
    const adapter = io.of("/").adapter as unknown as { restoreSession: (pid: string, offset: string) => Promise<{ rooms: string[] } | null> | { rooms: string[] } | null };
    const restore = adapter.restoreSession.bind(adapter);
    adapter.restoreSession = async (pid, offset) => {
      const session = await restore(pid, offset);
      if (!session) return null;
      for (const sid of sessionIdsOf(session.rooms)) if (await isRevoked(sid)) return null;
      return session;
    };
  }
  guardRecovery();

  let redisUp = false;
  const redisClients: Redis[] = [];
  // Loaded only when used: the embedded default's sidecar starts faster and smaller without it.
  const redisReady = deps.redisUrl ? attachRedis(deps.redisUrl) : Promise.resolve();
  async function attachRedis(url: string): Promise<void> {
    const streams = (deps.redisAdapter ?? "streams") === "streams";
    const [ioredis, pubsubAdapter, streamsAdapter] = await Promise.all([
      import("ioredis"),
      streams ? null : import("@socket.io/redis-adapter"),
      streams ? import("@socket.io/redis-streams-adapter") : null,
    ]);
    // CommonJS through a dynamic import: what it exports is named, or under `default`.
    const cjs = <T,>(mod: T): T => ({ ...(mod as { default?: T }).default, ...mod }) as T;
    const { Redis } = cjs(ioredis);
    const pub = new Redis(url, { maxRetriesPerRequest: 1 });
    // The streams adapter opens its own reading connections (duplicates of `pub`).
    const sub = streams ? null : pub.duplicate();
    redisClients.push(pub);
    if (sub) redisClients.push(sub);
    let reported = false;
    for (const c of redisClients) {
      c.on("error", (err) => {
        if (!reported) log.error("sidecar: redis unavailable; events from other instances pause until it returns", { err });
        reported = true;
        redisUp = false;
      });
      c.on("ready", () => {
        if (reported) log.info("sidecar: redis back");
        reported = false;
        redisUp = pub.status === "ready" && (sub === null || sub.status === "ready");
      });
    }
    if (streamsAdapter) {
      io.adapter(
        cjs(streamsAdapter).createAdapter(pub, {
          streamName: STREAM_NAME,
          maxLen: STREAM_MAX_LEN,
          sessionKeyPrefix: SESSION_KEY_PREFIX,
        }),
      );
    } else if (pubsubAdapter && sub) io.adapter(cjs(pubsubAdapter).createAdapter(pub, sub));
    countBroadcasts();
    if (streamsAdapter) restoreFromTail(pub);
    guardRecovery();
    if (streamsAdapter) await untilReadingStream(pub);
    // The app's Redis publisher announces revoked sessions to every sidecar.
    (io.sockets.on as (ev: string, fn: (ids: unknown) => void) => unknown)(REVOKED_SESSIONS_EVENT, (ids) => {
      if (Array.isArray(ids)) rememberRevoked(ids.filter((x): x is string => typeof x === "string" && x.length <= 64));
    });
  }

  /** With the streams adapter: the stream's recent broadcasts, read once (decision 200). */
  let tail: StreamTail | null = null;

  /** A stream entry as the adapter decodes it. */
  type StreamMessage = { nsp?: string; type?: number; data?: unknown };
  /** A decoded stream message, if it is a plain broadcast of one live event to rooms (what the
   * app publishes), with its options object: what conflation may narrow. */
  function asLiveBroadcast(m: StreamMessage): { event: string; rooms: string[]; payload: unknown; opts: { rooms?: unknown } } | null {
    const d = m.data as { packet?: { type?: number; data?: unknown[] }; opts?: { rooms?: unknown; except?: unknown; flags?: unknown }; requestId?: unknown } | undefined;
    if (m.type !== 3 || m.nsp !== "/" || !d?.packet || d.requestId !== undefined || d.packet.type !== 2) return null;
    const data = d.packet.data;
    const opts = d.opts;
    if (!Array.isArray(data) || data.length !== 2 || typeof data[0] !== "string" || !opts || !Array.isArray(opts.rooms)) return null;
    if (Array.isArray(opts.except) && opts.except.length > 0) return null;
    const rooms = opts.rooms.filter((r): r is string => typeof r === "string");
    if (rooms.length !== opts.rooms.length) return null;
    return { event: data[0], rooms, payload: data[1], opts };
  }

  /** A decoded stream message, if it is a broadcast a session could have missed. */
  function asBroadcast(id: string, m: { type?: number; data?: unknown }): DecodedBroadcast | null {
    const d = m.data as { packet?: { data?: unknown[] }; opts?: { rooms?: unknown; except?: unknown }; requestId?: unknown } | undefined;
    if (m.type !== 3 || !d?.packet || !Array.isArray(d.packet.data) || d.requestId !== undefined) return null;
    const strings = (x: unknown) => (Array.isArray(x) ? x.filter((r): r is string => typeof r === "string") : []);
    return { id, packetData: [...d.packet.data], rooms: strings(d.opts?.rooms), except: strings(d.opts?.except) };
  }

  /** Sessions are restored from what this sidecar has read of the stream, not by each socket
   * reading the stream's tail again (the adapter's own restoreSession): same session format
   * (the adapter's msgpack, decoded by its own decoder), same checks (the session exists, its
   * offset is still in the stream), the missed packets looked up by room. */
  function restoreFromTail(redis: Redis): void {
    type Adapter = {
      restoreSession: (pid: string, offset: string) => Promise<{ rooms: string[]; missedPackets: unknown[][] } | null>;
      constructor: { decode(raw: Record<string, string>): { type?: number; data?: unknown; nsp?: string } };
    };
    const adapter = io.of("/").adapter as unknown as Adapter;
    const decode = (raw: Record<string, string>) => adapter.constructor.decode(raw);
    const t = new StreamTail({
      maxEntries: STREAM_MAX_LEN,
      maxAgeMs: RECOVERY_MS + 30_000,
      async fetchRange(fromExclusive, toInclusive) {
        // The entry after `fromExclusive` (not "(" + id: exclusive ranges need Redis 6.2).
        const [ms, seq] = parseStreamId(fromExclusive)!;
        const rows = await redis.xrange(STREAM_NAME, `${ms}-${seq + 1}`, toInclusive);
        const out: DecodedBroadcast[] = [];
        for (const [id, flat] of rows) {
          const raw: Record<string, string> = {};
          for (let i = 0; i + 1 < flat.length; i += 2) raw[flat[i]!] = flat[i + 1]!;
          if (raw.nsp !== "/") continue;
          try {
            const b = asBroadcast(id, decode(raw));
            if (b) out.push(b);
          } catch {
            // not an entry of the adapter's format
          }
        }
        return out;
      },
    });
    tail = t;
    adapter.restoreSession = async (pid, offset) => {
      if (!parseStreamId(offset)) return Promise.reject(new Error("invalid offset"));
      const [raw, at] = await Promise.all([redis.getdel(SESSION_KEY_PREFIX + pid), redis.xrange(STREAM_NAME, offset, offset)]);
      if (!raw || at.length === 0) return Promise.reject(new Error("session or offset not found"));
      // The adapter's persistSession writes msgpack in base64; its decoder reads that form.
      const session = decode({ uid: "", nsp: "/", type: "0", data: raw }).data as { rooms: string[]; missedPackets: unknown[][] };
      session.missedPackets = await t.missedSince(offset, session.rooms);
      return session;
    };
  }

  /** With the streams adapter: what it reads, delivered one read at a time; the last entry
   * delivered is the offset a new socket is given (an existing entry: no write per connection). */
  const reads = new StreamReads<StreamMessage>({
    tail: () => tail,
    asBroadcast: (id, m) => (m.nsp === "/" ? asBroadcast(id, m) : null),
    deliver(entries) {
      const rooms = conflating ? conflateRooms(entries.map(([m]) => asLiveBroadcast(m))) : [];
      entries.forEach(([m, offset], i) => {
        const r = rooms[i];
        if (r) {
          const b = asLiveBroadcast(m)!;
          metrics.conflated.inc({ event: b.event }, b.rooms.length - r.length);
          if (r.length === 0) return;
          b.opts.rooms = r;
        }
        // Out of the adapter's reading loop now: what it would have caught is caught here, so one
        // bad entry neither ends the process nor keeps the rest of the read from its rooms.
        try {
          const done = adapterOnMessage?.(m, offset);
          if (done instanceof Promise) done.catch((err: unknown) => log.warn("sidecar: could not handle a stream entry", { err, offset }));
        } catch (err) {
          log.warn("sidecar: could not handle a stream entry", { err, offset });
        }
      });
    },
  });
  let adapterOnMessage: ((m: StreamMessage, offset?: string) => unknown) | null = null;

  /** The streams adapter starts reading the stream at its end ("$") once its reading connection
   * is up: until then what the app appends is not for this sidecar. Listening waits (a few
   * seconds at most, then goes on and says so) until a probe appended here is read back. */
  async function untilReadingStream(redis: Redis): Promise<void> {
    const adapter = io.of("/").adapter as unknown as { onMessage: (m: StreamMessage, offset?: string) => unknown };
    const probe = `probe:${process.pid}:${Math.random().toString(36).slice(2)}`;
    let seen = false;
    adapterOnMessage = adapter.onMessage.bind(adapter);
    adapter.onMessage = (m, offset) => {
      const d = m.data as { packet?: unknown[] } | undefined;
      if (m.type === 9 && d?.packet?.[0] === OFFSET_EVENT && d.packet[1] === probe) {
        seen = true;
        if (offset) {
          tail?.coverFrom(offset);
          reads.passed(offset);
        }
        return;
      }
      reads.read(m, offset);
    };
    const fields = serverSideEntry(OFFSET_EVENT, probe);
    for (let i = 0; i < 50 && !seen; i++) {
      await redis.xadd(STREAM_NAME, "MAXLEN", "~", STREAM_MAX_LEN, "*", ...Object.entries(fields).flat()).catch(() => null);
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!seen) log.warn("sidecar: not reading the Redis stream yet; events may be missed until Redis answers");
  }

  // Revoked sessions, remembered for a room token's lifetime: a token minted for one of them
  // opens nothing any more. Heard from the app's disconnect messages (their `session:` rooms)
  // and, with Redis, from other sidecars; with Redis they are also kept there (written by the
  // app's publisher), so a sidecar that restarts still knows them.
  const revokedSessions = new Map<string, number>();
  const MAX_REMEMBERED = 200_000;
  function rememberRevoked(ids: string[]): void {
    const until = Date.now() + ROOM_TOKEN_TTL_MS;
    for (const id of ids) revokedSessions.set(id, until);
    if (revokedSessions.size > MAX_REMEMBERED) {
      const now = Date.now();
      for (const [id, t] of revokedSessions) if (t <= now) revokedSessions.delete(id);
      // Still too many (a flood within one token lifetime): forget the oldest.
      for (const id of revokedSessions.keys()) {
        if (revokedSessions.size <= MAX_REMEMBERED) break;
        revokedSessions.delete(id);
      }
    }
  }
  /** Whether a session is revoked as far as this sidecar knows; with Redis, asks it too, and
   * answers "revoked" when Redis cannot say (without Redis no private event arrives anyway). */
  async function isRevoked(sid: string): Promise<boolean> {
    const until = revokedSessions.get(sid);
    if (until !== undefined && until > Date.now()) return true;
    const redis = redisClients[0];
    if (!redis) return false;
    try {
      return (await redis.exists(revokedSessionKey(sid))) === 1;
    } catch {
      return true;
    }
  }
  const sessionIdsOf = (rooms: string[]) => rooms.filter((r) => r.startsWith("session:")).map((r) => r.slice("session:".length));

  function emit(m: RealtimeMessage): void {
    if ("disconnect" in m) {
      metrics.events.inc({ event: "disconnect" });
      rememberRevoked(sessionIdsOf(m.rooms));
      io.in(m.rooms).disconnectSockets(true);
      return;
    }
    // The union of (event, payload) pairs is checked where it is built; Socket.IO's emit is typed per event.
    (io.to(m.rooms).emit as (event: LiveEventName, payload: unknown) => boolean)(m.event, m.payload);
  }

  /** Messages published together (one request), conflated first (decision 201). */
  function emitAll(messages: RealtimeMessage[]): void {
    if (!conflating) return messages.forEach(emit);
    const rooms = conflateRooms(messages.map((m) => ("disconnect" in m ? null : m)));
    messages.forEach((m, i) => {
      const r = rooms[i];
      if (!r) return emit(m);
      if (!("disconnect" in m)) metrics.conflated.inc({ event: m.event }, m.rooms.length - r.length);
      if (r.length > 0) emit({ ...m, rooms: r });
    });
  }

  async function handlePublish(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refuse = (status: number, error: string) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error }));
    };
    if (req.method !== "POST") return refuse(405, "method not allowed");
    const auth = req.headers.authorization ?? "";
    if (!isLoopback(req.socket.remoteAddress) || !auth.startsWith("Bearer ") || !safeEqual(auth.slice(7), publishKey)) {
      metrics.refused.inc({ kind: "publish" });
      log.warn("sidecar: refused a publish", { from: req.socket.remoteAddress, reqId: acceptRequestId(req.headers[REQUEST_ID_HEADER]) });
      req.resume();
      return refuse(403, "forbidden");
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_PUBLISH_BYTES) return refuse(413, "too large");
        chunks.push(chunk);
      }
      const parsed = ZMessages.safeParse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      if (!parsed.success) return refuse(400, "malformed messages");
      emitAll(parsed.data.messages as unknown as RealtimeMessage[]);
      received += parsed.data.messages.length;
      log.debug?.("sidecar: published", { reqId: acceptRequestId(req.headers[REQUEST_ID_HEADER]), messages: parsed.data.messages.length });
      res.writeHead(204);
      res.end();
    } catch {
      refuse(400, "malformed body");
    }
  }

  // A socket whose page does not read (a stalled tab, a client that stopped its reads) lets the
  // sidecar buffer every packet for it: past the cap it is dropped, without keeping its session
  // (what it missed is what it could not read), and its page resyncs when it reconnects.
  const maxBuffered = deps.maxBufferedPackets ?? 1000;
  // The pub/sub Redis adapter keeps no sessions: nothing to recover there.
  const recovers = !deps.redisUrl || deps.redisAdapter === undefined || deps.redisAdapter === "streams";
  function capBuffer(socket: LiveSocket): void {
    const conn = socket.conn as unknown as {
      writeBuffer: unknown[];
      transport?: { socket?: { terminate?: () => void } };
      on(ev: "packetCreate", fn: () => void): void;
      close(discard?: boolean): void;
    };
    let dropping = false;
    conn.on("packetCreate", () => {
      if (dropping || conn.writeBuffer.length < maxBuffered) return;
      dropping = true;
      metrics.dropped.inc({ reason: "slow" });
      log.warn("sidecar: dropped a socket that does not read what it is sent", { socket: socket.id, buffered: conn.writeBuffer.length, address: socket.handshake.address });
      // A disconnection of the server's own (no session is kept), then the transport closed with
      // its buffer discarded, and the TCP connection ended without the closing handshake a
      // client that does not read would never answer (what the kernel holds for it goes too).
      const ws = conn.transport?.socket;
      socket.disconnect();
      conn.close(true);
      ws?.terminate?.();
    });
  }

  io.on("connection", (socket: LiveSocket) => {
    capBuffer(socket);
    // A new socket (not a recovered one) gets an offset at once, so it can recover even if
    // nothing else reaches it before its connection drops: in memory a packet to its own room;
    // with Redis the last stream entry it delivered (Socket.IO clients take an event's last string
    // argument as their offset), not a stream entry per connection that would crowd events out.
    // `local`: with recovery on, `socket.emit` and `io.to()` go through the adapter, which with
    // Redis appends to the stream (it did, one entry per connection, until a test counted them).
    if (recovers && !socket.recovered) {
      if (!deps.redisUrl) (io.to(socket.id).emit as (ev: string) => boolean)(OFFSET_EVENT);
      else if (reads.lastId) (io.local.to(socket.id).emit as (ev: string, offset: string) => boolean)(OFFSET_EVENT, reads.lastId);
    }
    const address = clientKey(socket.request);
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    socket.on("disconnect", () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
    let refused = 0;
    const productRooms = () => [...socket.rooms].filter((r) => r.startsWith("product:")).length;
    // Rooms the socket listens to (its own id's room and its session's room are not counted).
    const listening = () => [...socket.rooms].filter((r) => r !== socket.id && !r.startsWith("session:")).length;

    socket.onAny((event: string) => {
      if (isClientEvent(event)) return;
      refused += 1;
      metrics.refused.inc({ kind: "client_event" });
      if (refused <= 3) log.warn("sidecar: refused a client event", { socket: socket.id, event: event.slice(0, 60), address: socket.handshake.address });
      if (refused >= MAX_REFUSED_EMITS) socket.disconnect(true);
    });

    socket.on("subscribe", async (raw, ack) => {
      const reply = typeof ack === "function" ? ack : (_: SubscribeAck) => {};
      const parsed = ZSubscribeRequest.safeParse(raw);
      if (!parsed.success) return reply({ ok: false, error: "malformed subscription" });
      const wanted = parsed.data.products.map(productRoom).filter((r) => !socket.rooms.has(r));
      if (productRooms() + new Set(wanted).size > MAX_PRODUCT_ROOMS) {
        return reply({ ok: false, error: `at most ${MAX_PRODUCT_ROOMS} products per connection` });
      }
      if (parsed.data.token !== undefined) {
        const claims = verifyRoomToken(deps.secret, parsed.data.token);
        if (!claims || (await isRevoked(claims.sid))) {
          metrics.refused.inc({ kind: "subscription" });
          log.warn("sidecar: refused a private subscription", { socket: socket.id, revoked: Boolean(claims) });
          return reply({ ok: false, error: "private subscription refused: sign in again" });
        }
        // The session's room: revoking the session drops exactly the sockets its token opened.
        void socket.join([...claims.rooms.filter((r) => isPrivateRoom(r) && !r.startsWith("session:")), sessionRoom(claims.sid)]);
      }
      if (wanted.length) void socket.join(wanted);
      reply({ ok: true, rooms: listening() });
    });

    socket.on("unsubscribe", (raw, ack) => {
      const reply = typeof ack === "function" ? ack : (_: SubscribeAck) => {};
      const parsed = ZSubscribeRequest.safeParse(raw);
      if (!parsed.success) return reply({ ok: false, error: "malformed subscription" });
      for (const id of parsed.data.products) void socket.leave(productRoom(id));
      if (parsed.data.token !== undefined) {
        const claims = verifyRoomToken(deps.secret, parsed.data.token);
        for (const room of claims?.rooms ?? []) void socket.leave(room);
      }
      reply({ ok: true, rooms: listening() });
    });
  });

  return {
    io,
    httpServer,
    async listen(port, host = "0.0.0.0") {
      await redisReady;
      return new Promise<number>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          const addr = httpServer.address();
          resolve(typeof addr === "object" && addr ? addr.port : port);
        });
      });
    },
    async close() {
      await redisReady.catch(() => {});
      // io.close() disconnects every socket and closes the HTTP server.
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      // QUIT, not a dropped connection: the sessions Socket.IO just persisted for every socket it
      // closed (SETs still in flight) reach Redis, so their pages recover on the next sidecar.
      // Bounded: with Redis away, QUIT would wait in the offline queue for it to come back.
      await Promise.all(
        redisClients.map(async (c) => {
          await Promise.race([c.quit().catch(() => null), new Promise((r) => setTimeout(r, 1000).unref())]);
          c.disconnect();
        }),
      );
    },
  };
}
