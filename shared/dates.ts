// The one way dates and times are written for people: in a given IANA time zone (the viewer's,
// see components/ui/date-time.tsx), always labelled with that zone ("Dec 2, 2026, 9:41 PM PST"),
// so a time read on a server (UTC) and the same time read in a browser never disagree silently.
// Pure and isomorphic: the same inputs give the same text on the server and in the browser.

export type DateStyle = "datetime" | "date" | "time";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: DateStyle, timeZone: string, locale: string): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}|${locale}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === "date"
        ? { year: "numeric", month: "short", day: "numeric", timeZone }
        : style === "time"
          ? { hour: "numeric", minute: "2-digit", timeZoneName: "short", timeZone }
          : { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short", timeZone };
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** A zone the runtime knows, or UTC (a cookie or a browser may name one it does not). */
export function knownTimeZone(zone: string | null | undefined): string {
  if (!zone) return "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}

/** "Dec 2, 2026, 9:41 PM PST" (datetime), "Dec 2, 2026" (date), "9:41 PM PST" (time). A date
 * alone carries no zone label: it is the calendar day in `timeZone`. `locale` is the BCP 47 tag
 * of the reader's language (the storefront's: shared/locale.ts INTL_LOCALE): "2. Dez. 2026, 21:41 GMT-8" in de-DE. */
export function formatInZone(value: Date | string | number, timeZone: string, style: DateStyle = "datetime", locale = "en-US"): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return "—";
  return plainSpaces(formatter(style, knownTimeZone(timeZone), locale).format(d));
}

/** ICU writes a narrow no-break space before "AM"/"PM" (and thin spaces in ranges); Node keeps it
 * but Chromium's V8 turns it back into a plain space, so the server's HTML and the browser's
 * render differed in every zone (React #418). Both sides write plain spaces. */
function plainSpaces(text: string): string {
  return text.replace(/[\u202f\u2009\u00a0]/g, " ");
}

/** For text that leaves the page (CSV, mail, logs): the instant in UTC, labelled. */
export function formatUtc(value: Date | string | number, style: DateStyle = "datetime"): string {
  return formatInZone(value, "UTC", style);
}

const dayFormats = {
  short: new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }),
  weekday: new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" }),
  medium: new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }),
};

/** A calendar day given as "YYYY-MM-DD" (a bucket of figures, not an instant): "Dec 2",
 * "Wed, Dec 2" or "Dec 2, 2026", the same in every zone. */
export function formatCalendarDay(day: string, style: keyof typeof dayFormats = "short"): string {
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : plainSpaces(dayFormats[style].format(d));
}
