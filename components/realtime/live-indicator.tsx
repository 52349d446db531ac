"use client";
import { useLiveStatus } from "@/client/live/live-provider";

const LABEL = { idle: "", live: "Live", connecting: "Connecting…", offline: "Offline" } as const;
const DOT = { idle: "", live: "bg-emerald-500", connecting: "bg-amber-400", offline: "bg-slate-400" } as const;
const TITLE = {
  live: "Stock and prices on this page update as they change",
  idle: "",
  connecting: "Connecting to live updates",
  offline: "Live updates paused; the page catches up when the connection returns",
} as const;

/**
 * A small, unobtrusive sign of whether stock and prices on the page are live. It sits in a slot
 * of fixed size whatever its state (nothing, a dot, a dot and a word), so the header does not
 * move when a page connects or loses its connection. Phones show the dot only; the word is
 * still read out.
 */
export function LiveIndicator() {
  const status = useLiveStatus();
  return (
    <span className="inline-flex h-5 w-2 shrink-0 items-center lg:w-24">
      {status === "idle" ? (
        // Nothing on this page changes live: no connection, nothing to show.
        <span hidden data-testid="live-status" data-state="idle" />
      ) : (
        <span className="inline-flex items-center gap-1.5 whitespace-nowrap text-xs text-slate-600" title={TITLE[status]} data-testid="live-status" data-state={status}>
          <span aria-hidden="true" className={`h-2 w-2 shrink-0 rounded-full ${DOT[status]}`} />
          <span className="sr-only lg:not-sr-only">{LABEL[status]}</span>
        </span>
      )}
    </span>
  );
}
