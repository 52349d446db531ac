// Input vocabulary every zod schema at a boundary (tRPC inputs, route parameters, page search
// parameters) builds on, so that what reaches the database is something it can store:
//   - zText(): a string without NUL or other C0 control characters except tab/newline/CR, and
//     without lone UTF-16 surrogates (PostgreSQL refuses both: a 500 instead of a 400);
//   - zId(): a row id (cuid-like: letters, digits, "_" and "-", at most 64);
//   - int columns: z.int32() (zod's 32-bit integer, PostgreSQL's "integer").
// test/structure.test.ts checks that input schemas use zText() rather than z.string().
import { z } from "zod";

export const INT4_MAX = 2_147_483_647;

const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text PostgreSQL stores as written: no NUL (or other control characters but tab, LF, CR) and
 * well-formed UTF-16 (no lone surrogates). */
export function isStorableText(s: string): boolean {
  return !FORBIDDEN_CONTROL.test(s) && !LONE_SURROGATE.test(s);
}

export const UNSTORABLE_TEXT = "Remove control characters and invalid characters from this text";

/** z.string() for input: the same parameters, refusing text the database cannot store. */
export function zText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(isStorableText, { message: UNSTORABLE_TEXT, abort: true });
}

/** A row id as the app makes them. */
export function zId(message = "Not a valid id") {
  return z.string().min(1, message).max(64, message).regex(/^[A-Za-z0-9_-]+$/, message);
}
