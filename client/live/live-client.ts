// The browser side of the realtime channel: one Socket.IO connection per tab, reference-counted
// room subscriptions for what the page shows (products, and the signed-in user's private rooms),
// and listeners. React binds to it in live-provider.tsx; this file has no React so its
// bookkeeping stays simple.
// Reconnections (decisions 185, 187): the sidecar keeps a dropped socket's rooms and the events it
// missed for two minutes, so a reconnect within that time is "recovered" (the missed events
// arrive, in order, through the usual listeners) and the page refetches nothing; otherwise the
// page resyncs (`onReconnected(false)`). Attempts are spread with jittered exponential backoff,
// so a restarted sidecar is not met by all its clients at once. A hidden tab lets its
// connection go (`pause`) and takes it back, recovered when it can be, when shown (`resume`).
import { io, type Socket } from "socket.io-client";
import { LIVE_EVENT_NAMES, MAX_PRODUCT_ROOMS, type ClientToServerEvents, type LiveEvent, type LiveEventName, type ServerToClientEvents } from "@/shared/events";

/** Reconnection backoff: attempt n waits about 1 s * 2^n (at most 15 s), each time anywhere
 * between 10% and 190% of that; five attempts fit in 30 s even at their longest. */
export const RECONNECT = { delayMs: 1000, delayMaxMs: 15_000, randomization: 0.9 } as const;
/** After the sidecar itself closed the socket (Socket.IO does not retry then), the first attempt
 * waits a random time up to this. */
export const SERVER_DISCONNECT_SPREAD_MS = 5000;
/** Pages that could not recover after a failure refetch within this, each at a random moment,
 * so a sidecar restart does not bring every page's refetch to the app at once. */
export const RESYNC_SPREAD_MS = 3000;

/** "idle": nothing on this page is live, so no connection was opened. */
export type LiveStatus = "idle" | "connecting" | "live" | "offline";


export interface LiveClientOptions {
  url: string;
  /** A fresh token for the signed-in user's private rooms (null when signed out). */
  getToken: () => Promise<string | null>;
  onEvent: (e: LiveEvent) => void;
  /** Called after a reconnection once rooms are joined again. `recovered`: the sidecar sent what
   * was missed (nothing to refetch); otherwise refetch what live events feed. `resumed`: after
   * `resume()` (the page came back into view), not after a failure. */
  onReconnected: (how: { recovered: boolean; resumed: boolean }) => void;
  onStatus: (s: LiveStatus) => void;
}

export class LiveClient {
  private socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private products = new Map<string, number>();
  private privateWatchers = 0;
  private joinedPrivate = false;
  private toJoin = new Set<string>();
  private toLeave = new Set<string>();
  private flushQueued = false;
  private everConnected = false;
  private listeners = new Set<(e: LiveEvent) => void>();
  /** Whether the private rooms were joined when the connection dropped (a recovery keeps them). */
  private privateBeforeDrop = false;
  private paused = false;
  private resuming = false;
  private serverRetry: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly opts: LiveClientOptions) {
    this.socket = io(opts.url, {
      transports: ["websocket"],
      reconnectionDelay: RECONNECT.delayMs,
      reconnectionDelayMax: RECONNECT.delayMaxMs,
      randomizationFactor: RECONNECT.randomization,
      // Opened by the first page part that watches something, not by every page of the site.
      autoConnect: false,
    });
    this.socket.on("connect", () => void this.onConnect());
    this.socket.on("disconnect", (reason) => {
      this.privateBeforeDrop = this.joinedPrivate;
      this.joinedPrivate = false;
      opts.onStatus("offline");
      // Socket.IO does not reconnect after the server's own disconnection (a restart's, a slow
      // socket dropped, a revoked session): try again, after a random delay so that the sockets
      // a sidecar dropped together do not come back together.
      if (reason === "io server disconnect" && !this.paused) {
        clearTimeout(this.serverRetry);
        this.serverRetry = setTimeout(() => {
          if (!this.paused && !this.socket.connected) this.socket.connect();
        }, Math.random() * SERVER_DISCONNECT_SPREAD_MS);
      }
    });
    this.socket.on("connect_error", () => opts.onStatus(this.everConnected ? "offline" : "connecting"));
    const forward = (e: LiveEvent) => {
      opts.onEvent(e);
      for (const l of this.listeners) l(e);
    };
    for (const type of LIVE_EVENT_NAMES) {
      (this.socket.on as (event: LiveEventName, fn: (payload: unknown) => void) => unknown)(type, (payload) => forward({ type, payload } as LiveEvent));
    }
  }

  close(): void {
    clearTimeout(this.serverRetry);
    this.socket.close();
  }

  /** The page went out of view: let the connection go, as a network failure would, so the
   * sidecar keeps this socket's rooms and missed events for the recovery window and sends it
   * nothing meanwhile. */
  pause(): void {
    if (this.paused) return;
    this.paused = true;
    clearTimeout(this.serverRetry);
    this.socket.io.reconnection(false);
    if (this.socket.connected) this.socket.io.engine.close();
  }

  /** The page is in view again: reconnect (recovered if it was away for less than the window). */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.socket.io.reconnection(true);
    if (!this.everConnected || this.socket.connected) return;
    this.resuming = true;
    this.opts.onStatus("connecting");
    this.socket.connect();
  }

  listen(fn: (e: LiveEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Opens the connection the first time something is watched; it then stays open. */
  private ensureConnected(): void {
    if (this.paused || this.socket.connected || this.socket.active) return;
    this.opts.onStatus("connecting");
    this.socket.connect();
  }

  watchProducts(ids: string[]): () => void {
    const unique = [...new Set(ids)];
    this.ensureConnected();
    for (const id of unique) {
      const n = this.products.get(id) ?? 0;
      this.products.set(id, n + 1);
      if (n === 0) {
        this.toLeave.delete(id);
        this.toJoin.add(id);
      }
    }
    this.scheduleFlush();
    return () => {
      for (const id of unique) {
        const n = (this.products.get(id) ?? 1) - 1;
        if (n > 0) {
          this.products.set(id, n);
          continue;
        }
        this.products.delete(id);
        this.toJoin.delete(id);
        this.toLeave.add(id);
      }
      this.scheduleFlush();
    };
  }

  /** The signed-in user's private rooms: their own (order status) and, for a seller, the store's. */
  watchPrivate(): () => void {
    this.ensureConnected();
    this.privateWatchers += 1;
    if (this.privateWatchers === 1) void this.joinPrivate();
    return () => {
      this.privateWatchers -= 1;
      // Leaving needs no token round trip: the rooms simply stop mattering; a reconnect drops them.
    };
  }

  private async joinPrivate(): Promise<void> {
    if (!this.socket.connected || this.joinedPrivate) return;
    const token = await this.opts.getToken().catch(() => null);
    if (!token || !this.socket.connected) return;
    const ack = await this.socket.emitWithAck("subscribe", { products: [], token }).catch(() => null);
    this.joinedPrivate = Boolean(ack?.ok);
  }

  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    // Batch the subscriptions of everything that mounts in one render.
    setTimeout(() => {
      this.flushQueued = false;
      this.flush();
    }, 0);
  }

  private flush(): void {
    if (!this.socket.connected) return; // onConnect subscribes to everything
    if (this.toLeave.size) this.socket.emit("unsubscribe", { products: [...this.toLeave] });
    if (this.toJoin.size) this.subscribeAll([...this.toJoin]);
    this.toJoin.clear();
    this.toLeave.clear();
  }

  private subscribeAll(ids: string[]): Promise<unknown> {
    // The sidecar bounds rooms per socket; a page never shows that many products.
    const limited = ids.slice(0, MAX_PRODUCT_ROOMS);
    return this.socket.emitWithAck("subscribe", { products: limited }).catch(() => null);
  }

  private async onConnect(): Promise<void> {
    const reconnect = this.everConnected;
    const resumed = this.resuming;
    this.resuming = false;
    this.everConnected = true;
    if (reconnect && this.socket.recovered) {
      // The sidecar gave the socket its rooms back and is sending what it missed: only what
      // changed on the page meanwhile is left to say.
      this.joinedPrivate = this.privateBeforeDrop;
      this.flush();
      if (this.privateWatchers > 0 && !this.joinedPrivate) await this.joinPrivate();
      this.opts.onStatus("live");
      this.opts.onReconnected({ recovered: true, resumed });
      return;
    }
    this.toJoin.clear();
    this.toLeave.clear();
    // Rooms belong to the old connection: join again first, then catch up on what was missed.
    await Promise.all([this.subscribeAll([...this.products.keys()]), this.privateWatchers > 0 ? this.joinPrivate() : null]);
    this.opts.onStatus("live");
    if (reconnect) this.opts.onReconnected({ recovered: false, resumed });
  }
}
