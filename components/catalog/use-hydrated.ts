import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** false in server HTML and during hydration, true once JavaScript runs the page. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
