"use client";
import { useTranslations } from "next-intl";
import { useLiveStatus } from "@/client/live/live-provider";

const DOT = { idle: "", live: "bg-emerald-500", connecting: "bg-amber-400", offline: "bg-slate-400" } as const;

/**
 * A small, unobtrusive sign of whether stock and prices on the page are live. It sits in a slot
 * of fixed size whatever its state (nothing, a dot, a dot and a word), so the header does not
 * move when a page connects or loses its connection. Phones show the dot only; the word is
 * still read out.
 */
export function LiveIndicator() {
  const status = useLiveStatus();
  const t = useTranslations("layout.live");
  return (
    <span className="inline-flex h-5 w-2 shrink-0 items-center lg:w-24">
      {status === "idle" ? (
        // Nothing on this page changes live: no connection, nothing to show.
        <span hidden data-testid="live-status" data-state="idle" />
      ) : (
        <span className="inline-flex items-center gap-1.5 whitespace-nowrap text-xs text-slate-600" title={t(`${status}Title`)} data-testid="live-status" data-state={status}>
          <span aria-hidden="true" className={`h-2 w-2 shrink-0 rounded-full ${DOT[status]}`} />
          <span className="sr-only lg:not-sr-only">{t(status)}</span>
        </span>
      )}
    </span>
  );
}
