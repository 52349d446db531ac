// Building blocks of the REST API's schemas: timestamps (ISO 8601 strings), money (integer minor
// units with its currency), lists (a page of `data` with the cursor and the `next` link), query
// parameters (strings coerced to the services' types).
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { AppError } from "@/server/errors";

export const ZTimestamp = z.iso.datetime().meta({ description: "ISO 8601, UTC", example: "2026-12-03T10:15:00.000Z" });
export const ZMinor = z.int32().meta({ description: "Money in the currency's minor units (cents)" });
export const ZCurrency = zText().length(3).meta({ description: "ISO 4217 code", example: "USD" });

/** A list's page: its items, the opaque cursor of the next page and the link to it. */
export function ZListOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      nextCursor: zText().nullable().meta({ description: "Pass as ?cursor= for the next page; null on the last page" }),
      next: zText().nullable().meta({ description: "The URL of the next page (also in the Link header); null on the last page" }),
    })
    .meta({ id });
}

/** An integer query parameter. */
export const qInt = (min: number, max: number) => z.coerce.number<string>().pipe(z.int32().min(min).max(max));
/** A boolean query parameter ("true" / "false"). */
export const qBool = () => z.enum(["true", "false"]).transform((v) => v === "true");
/** A query parameter that may repeat (?brand=a&brand=b). */
export const qList = <T extends z.ZodType<string>>(item: T) => z.union([item, z.array(item)]);
export const qCursor = () => zText().min(1).max(200).meta({ description: "The nextCursor of the previous page" });

/** A row id in a path. */
export const pId = (description: string) => zText().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "Not a valid id").meta({ description });

/** A page of `data` with the cursor's `next` link and Link header. */
export function listResult<T>(url: URL, data: T[], nextCursor: string | null) {
  let next: string | null = null;
  if (nextCursor) {
    const u = new URL(url);
    u.searchParams.set("cursor", nextCursor);
    next = `${u.pathname}${u.search}`;
  }
  return { status: 200, body: { data, nextCursor, next }, headers: next ? { link: `<${next}>; rel="next"` } : undefined };
}

/** JSON the way it leaves: Dates as ISO strings (what the response schemas describe). */
export function json<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** The version an If-Match header names ("3", "\"3\"" or W/"3"), or a VALIDATION error. */
export function ifMatchVersion(req: Request): number {
  const raw = req.headers.get("if-match");
  const m = raw ? /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw) : null;
  if (!m) throw new AppError("VALIDATION", "Send If-Match with the version you loaded (its ETag)", { fieldErrors: { "header.If-Match": ["Required: the version you loaded"] } });
  return Number(m[1]);
}
