"use client";
// One provider per tab: it owns the Socket.IO connection (components/realtime/live-client.ts) and
// writes every stock and price event into the React Query cache (lib/live/apply-live-event.ts).
// Pages say what they show with useLiveInventory(productIds) or useLiveStore().
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState } from "react";
import { applyLiveEventToCache } from "@/lib/live/apply-live-event";
import { useTRPC, useTRPCClient } from "@/lib/trpc/client";
import { LiveClient, type LiveEvent, type LiveStatus } from "./live-client";

export interface RealtimeConfig {
  /** The sidecar's public URL; null: this page's host on `port`. */
  url: string | null;
  port: number;
}

interface LiveContextValue {
  client: LiveClient | null;
  status: LiveStatus;
}

const LiveContext = createContext<LiveContextValue>({ client: null, status: "connecting" });

export function LiveProvider({ config, children }: { config: RealtimeConfig; children: React.ReactNode }) {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const [value, setValue] = useState<LiveContextValue>({ client: null, status: "connecting" });

  useEffect(() => {
    const url = config.url ?? `${window.location.protocol}//${window.location.hostname}:${config.port}`;
    const client = new LiveClient({
      url,
      getStoreToken: async () => (await trpcClient.realtime.storeToken.query()).token,
      onEvent: (e: LiveEvent) => {
        if (e.type === "order:placed") {
          void queryClient.invalidateQueries({ queryKey: trpc.seller.pathKey() });
          return;
        }
        applyLiveEventToCache(queryClient, e.payload);
      },
      // Events sent while we were away are gone: fetch what is on screen again.
      onReconnected: () => void queryClient.refetchQueries({ type: "active" }),
      onStatus: (status) => setValue((v) => (v.status === status ? v : { ...v, status })),
    });
    setValue({ client, status: "connecting" });
    return () => client.close();
  }, [config.url, config.port, queryClient, trpc, trpcClient]);

  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLiveStatus(): LiveStatus {
  return useContext(LiveContext).status;
}

/** Keeps the given products live on this page while it is mounted. */
export function useLiveInventory(productIds: readonly string[]): LiveStatus {
  const { client, status } = useContext(LiveContext);
  const key = [...new Set(productIds)].sort().join(",");
  useEffect(() => {
    if (!client || !key) return;
    return client.watchProducts(key.split(","));
  }, [client, key]);
  return status;
}

/** Seller pages: joins the seller's store room and calls `onEvent` for each store event. */
export function useLiveStore(onEvent?: (e: LiveEvent) => void): LiveStatus {
  const { client, status } = useContext(LiveContext);
  useEffect(() => {
    if (!client) return;
    const stop = client.watchStore();
    const unlisten = onEvent ? client.listen(onEvent) : () => {};
    return () => {
      unlisten();
      stop();
    };
  }, [client, onEvent]);
  return status;
}
