// The browser side of the realtime channel: one Socket.IO connection per tab, reference-counted
// room subscriptions for what the page shows, and listeners. React binds to it in
// live-provider.tsx; this file has no React so its bookkeeping stays simple.
import { io, type Socket } from "socket.io-client";
import { MAX_PRODUCT_ROOMS, type ClientToServerEvents, type ServerToClientEvents, type OrderPlaced, type PriceChanged, type StockChanged } from "@/shared/events";

/** "idle": nothing on this page is live, so no connection was opened. */
export type LiveStatus = "idle" | "connecting" | "live" | "offline";

export type LiveEvent =
  | { type: "stock:changed"; payload: StockChanged }
  | { type: "price:changed"; payload: PriceChanged }
  | { type: "order:placed"; payload: OrderPlaced };

export interface LiveClientOptions {
  url: string;
  /** A fresh store token, when this page watches the seller's store. */
  getStoreToken: () => Promise<string | null>;
  onEvent: (e: LiveEvent) => void;
  /** Called after a reconnection once rooms are joined again: refetch what is on screen. */
  onReconnected: () => void;
  onStatus: (s: LiveStatus) => void;
}

export class LiveClient {
  private socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private products = new Map<string, number>();
  private storeWatchers = 0;
  private joinedStore = false;
  private toJoin = new Set<string>();
  private toLeave = new Set<string>();
  private flushQueued = false;
  private everConnected = false;
  private listeners = new Set<(e: LiveEvent) => void>();

  constructor(private readonly opts: LiveClientOptions) {
    this.socket = io(opts.url, {
      transports: ["websocket"],
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
      // Opened by the first page part that watches something, not by every page of the site.
      autoConnect: false,
    });
    this.socket.on("connect", () => void this.onConnect());
    this.socket.on("disconnect", () => {
      this.joinedStore = false;
      opts.onStatus("offline");
    });
    this.socket.on("connect_error", () => opts.onStatus(this.everConnected ? "offline" : "connecting"));
    const forward = (e: LiveEvent) => {
      opts.onEvent(e);
      for (const l of this.listeners) l(e);
    };
    this.socket.on("stock:changed", (payload) => forward({ type: "stock:changed", payload }));
    this.socket.on("price:changed", (payload) => forward({ type: "price:changed", payload }));
    this.socket.on("order:placed", (payload) => forward({ type: "order:placed", payload }));
  }

  close(): void {
    this.socket.close();
  }

  listen(fn: (e: LiveEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Opens the connection the first time something is watched; it then stays open. */
  private ensureConnected(): void {
    if (this.socket.connected || this.socket.active) return;
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

  watchStore(): () => void {
    this.ensureConnected();
    this.storeWatchers += 1;
    if (this.storeWatchers === 1) void this.joinStore();
    return () => {
      this.storeWatchers -= 1;
      // Leaving needs no token round trip: the room simply stops mattering; a reconnect drops it.
    };
  }

  private async joinStore(): Promise<void> {
    if (!this.socket.connected || this.joinedStore) return;
    const token = await this.opts.getStoreToken().catch(() => null);
    if (!token || !this.socket.connected) return;
    const ack = await this.socket.emitWithAck("subscribe", { products: [], storeToken: token }).catch(() => null);
    this.joinedStore = Boolean(ack?.ok);
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
    this.everConnected = true;
    this.toJoin.clear();
    this.toLeave.clear();
    // Rooms belong to the old connection: join again first, then catch up on what was missed.
    await Promise.all([this.subscribeAll([...this.products.keys()]), this.storeWatchers > 0 ? this.joinStore() : null]);
    this.opts.onStatus("live");
    if (reconnect) this.opts.onReconnected();
  }
}
