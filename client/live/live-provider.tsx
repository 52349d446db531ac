"use client";
// One provider per tab: it owns the Socket.IO connection (client/live/live-client.ts) and writes
// every event into the React Query cache (client/live/apply-live-event.ts). Pages say what they
// show with useLiveInventory(productIds) and, for the signed-in user's own orders or a seller's
// store, useLivePrivate().
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from "react";
import { useTRPCClient } from "@/client/trpc";
import type { LiveEvent } from "@/shared/events";
import { invalidateLiveQueries, writeLiveEvent } from "./apply-live-event";
import { LiveClient, RESYNC_SPREAD_MS, type LiveStatus } from "./live-client";

/** A tab out of view this long lets its connection go (LiveClient.pause); shown again, it
 * reconnects and resyncs (decision 187). */
export const HIDDEN_GRACE_MS = 30_000;

export interface RealtimeConfig {
  /** The sidecar's public URL; null: this page's host on `port`. */
  url: string | null;
  port: number;
}

interface LiveSnapshot {
  client: LiveClient | null;
  status: LiveStatus;
}

/** The connection and its status, outside React state: the effect that connects writes here. */
class LiveStore {
  private snapshot: LiveSnapshot = { client: null, status: "idle" };
  private listeners = new Set<() => void>();
  static readonly initial: LiveSnapshot = { client: null, status: "idle" };
  get = (): LiveSnapshot => this.snapshot;
  set(patch: Partial<LiveSnapshot>): void {
    const next = { ...this.snapshot, ...patch };
    if (next.client === this.snapshot.client && next.status === this.snapshot.status) return;
    this.snapshot = next;
    for (const l of this.listeners) l();
  }
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
}

const LiveContext = createContext<LiveStore>(new LiveStore());

function useLive(): LiveSnapshot {
  const store = useContext(LiveContext);
  return useSyncExternalStore(store.subscribe, store.get, () => LiveStore.initial);
}

export function LiveProvider({ config, children }: { config: RealtimeConfig; children: React.ReactNode }) {
  const queryClient = useQueryClient();
  const trpcClient = useTRPCClient();
  const [store] = useState(() => new LiveStore());

  useEffect(() => {
    const url = config.url ?? `${window.location.protocol}//${window.location.hostname}:${config.port}`;
    const client = new LiveClient({
      url,
      getToken: async () => (await trpcClient.realtime.token.query()).token,
      onEvent: (e: LiveEvent) => writeLiveEvent(queryClient, e),
      // Recovered: the missed events came through onEvent. Otherwise what live events feed is
      // refetched: at once when the page comes back into view, spread after a failure.
      onReconnected: ({ recovered, resumed }) => {
        if (recovered) return;
        if (resumed) void invalidateLiveQueries(queryClient);
        else resync = setTimeout(() => void invalidateLiveQueries(queryClient), Math.random() * RESYNC_SPREAD_MS);
      },
      onStatus: (status) => store.set({ status }),
    });
    let resync: ReturnType<typeof setTimeout> | undefined;
    let hiding: ReturnType<typeof setTimeout> | undefined;
    const onVisibility = () => {
      clearTimeout(hiding);
      if (document.visibilityState === "hidden") hiding = setTimeout(() => client.pause(), HIDDEN_GRACE_MS);
      else client.resume();
    };
    document.addEventListener("visibilitychange", onVisibility);
    store.set({ client });
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      clearTimeout(hiding);
      clearTimeout(resync);
      client.close();
      store.set({ client: null });
    };
  }, [config.url, config.port, queryClient, trpcClient, store]);

  return <LiveContext.Provider value={store}>{children}</LiveContext.Provider>;
}

export function useLiveStatus(): LiveStatus {
  return useLive().status;
}

/** Keeps the given products live on this page while it is mounted. */
export function useLiveInventory(productIds: readonly string[]): LiveStatus {
  const { client, status } = useLive();
  const key = [...new Set(productIds)].sort().join(",");
  useEffect(() => {
    if (!client || !key) return;
    return client.watchProducts(key.split(","));
  }, [client, key]);
  return status;
}

/** Joins the signed-in user's private rooms (their own orders; a seller's store) while mounted,
 * and calls `onEvent` for each event. */
export function useLivePrivate(onEvent?: (e: LiveEvent) => void): LiveStatus {
  const { client, status } = useLive();
  useEffect(() => {
    if (!client) return;
    const stop = client.watchPrivate();
    const unlisten = onEvent ? client.listen(onEvent) : () => {};
    return () => {
      unlisten();
      stop();
    };
  }, [client, onEvent]);
  return status;
}
