"use client";
// Every date a page shows goes through <DateTime>: written in the viewer's time zone and labelled
// with it (shared/dates.ts). The server cannot know the browser's zone, so the server's HTML and
// the hydrating render use UTC (labelled "UTC"), and the browser re-renders in its own zone right
// after hydration (useSyncExternalStore's server snapshot): no hydration mismatch (React #418),
// whatever the zone of the server or of the viewer.
import { useLocale } from "next-intl";
import { useSyncExternalStore } from "react";
import { INTL_LOCALE } from "@/shared/locale";
import { formatInZone, type DateStyle } from "@/shared/dates";

const noSubscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const serverZone = () => "UTC";

/** The viewer's IANA time zone once hydrated; "UTC" on the server and while hydrating. */
export function useViewerTimeZone(): string {
  return useSyncExternalStore(noSubscribe, browserZone, serverZone);
}

/** Formats in the viewer's zone (see useViewerTimeZone), for text that is not a lone date. */
export function useFormatDate(): (value: Date | string | number, style?: DateStyle) => string {
  const zone = useViewerTimeZone();
  const locale = INTL_LOCALE[useLocale()];
  return (value, style) => formatInZone(value, zone, style, locale);
}

export function DateTime({ value, style = "datetime", className, testId }: { value: Date | string | number; style?: DateStyle; className?: string; testId?: string }) {
  const zone = useViewerTimeZone();
  const locale = INTL_LOCALE[useLocale()];
  const d = value instanceof Date ? value : new Date(value);
  return (
    <time dateTime={Number.isNaN(d.getTime()) ? undefined : d.toISOString()} className={className} data-testid={testId}>
      {formatInZone(d, zone, style, locale)}
    </time>
  );
}
