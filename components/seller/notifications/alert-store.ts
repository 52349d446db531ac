// This tab's stock alerts for the seller: the recent list (kept in sessionStorage, so it lasts
// for the browser session across reloads), which are showing as toasts, and how many are new.
// Outside React state, read with useSyncExternalStore (like the live connection's status).
export interface StockAlert {
  /** variant id and version: one alert per change. */
  id: string;
  variantId: string;
  kind: "low" | "out";
  text: string;
  href: string;
  productTitle: string | null;
  at: number;
}

export interface AlertSnapshot {
  alerts: StockAlert[];
  toasts: string[];
  unread: number;
}

const KEY = "lm-seller-stock-alerts";
const KEEP = 20;
const MAX_TOASTS = 3;
const EMPTY: AlertSnapshot = { alerts: [], toasts: [], unread: 0 };

function load(): AlertSnapshot {
  if (typeof window === "undefined") return EMPTY;
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (!raw) return EMPTY;
    const parsed = JSON.parse(raw) as { alerts?: StockAlert[]; unread?: number };
    return { alerts: Array.isArray(parsed.alerts) ? parsed.alerts.slice(0, KEEP) : [], toasts: [], unread: Number(parsed.unread) || 0 };
  } catch {
    return EMPTY;
  }
}

class AlertStore {
  private snapshot: AlertSnapshot | null = null;
  private listeners = new Set<() => void>();

  get = (): AlertSnapshot => (this.snapshot ??= load());
  getServer = (): AlertSnapshot => EMPTY;
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private set(next: AlertSnapshot): void {
    this.snapshot = next;
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify({ alerts: next.alerts, unread: next.unread }));
    } catch {
      // storage full or disabled: the alerts still live for this page
    }
    for (const l of this.listeners) l();
  }

  add(alert: StockAlert): void {
    const s = this.get();
    if (s.alerts.some((a) => a.id === alert.id)) return;
    // A newer alert for the same variant replaces its toast.
    const replaced = new Set(s.alerts.filter((a) => a.variantId === alert.variantId).map((a) => a.id));
    this.set({
      alerts: [alert, ...s.alerts].slice(0, KEEP),
      toasts: [alert.id, ...s.toasts.filter((id) => !replaced.has(id))].slice(0, MAX_TOASTS),
      unread: s.unread + 1,
    });
  }

  dismissToast(id: string): void {
    const s = this.get();
    this.set({ ...s, toasts: s.toasts.filter((t) => t !== id) });
  }

  markRead(): void {
    const s = this.get();
    if (s.unread !== 0) this.set({ ...s, unread: 0 });
  }

  clear(): void {
    this.set({ alerts: [], toasts: [], unread: 0 });
  }
}

export const alertStore = new AlertStore();
