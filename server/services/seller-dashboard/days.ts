// The one definition of "today" and of day boundaries for the seller dashboard: calendar days
// in UTC. Order timestamps are stored as UTC wall time (`timestamp` without zone), so a UTC day
// is a plain range on the column and the same on every backend and server time zone. The page
// says "UTC" next to every daily figure.

import "server-only";
export const DASHBOARD_TIME_ZONE = "UTC";
export const SERIES_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC at the start of the day holding `now`. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** "YYYY-MM-DD" of a UTC day (what the SQL's to_char(date_trunc('day', …)) gives). */
export function utcDayKey(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The last `days` UTC days ending with today, oldest first, and the instant the first begins. */
export function seriesWindow(now: Date, days = SERIES_DAYS): { since: Date; today: string; keys: string[] } {
  const today = startOfUtcDay(now);
  const since = new Date(today.getTime() - (days - 1) * DAY_MS);
  const keys = Array.from({ length: days }, (_, i) => utcDayKey(new Date(since.getTime() + i * DAY_MS)));
  return { since, today: utcDayKey(today), keys };
}
