"use client";
import { useLiveStatus } from "@/client/live/live-provider";

const LABEL = { idle: "", live: "Live", connecting: "Connecting…", offline: "Offline, reconnecting…" } as const;
const DOT = { idle: "", live: "bg-emerald-500", connecting: "bg-amber-400", offline: "bg-slate-400" } as const;
const TITLE = {
  live: "Stock and prices on this page update as they change",
  idle: "",
  connecting: "Connecting to live updates",
  offline: "Live updates paused; the page catches up when the connection returns",
} as const;

/** A small, unobtrusive sign of whether stock and prices on the page are live. */
export function LiveIndicator() {
  const status = useLiveStatus();
  // Nothing on this page changes live: no connection, nothing to show.
  if (status === "idle") return <span hidden data-testid="live-status" data-state="idle" />;
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-600" title={TITLE[status]} data-testid="live-status" data-state={status}>
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${DOT[status]}`} />
      {LABEL[status]}
    </span>
  );
}
