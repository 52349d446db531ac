// Where the app may send a browser after sign-in or registration (the sign-in and register pages,
// next-auth's redirect callback): same-origin paths only. The value is parsed with URL against
// the app's origin, the way a browser would (browsers drop tabs and newlines, read "\" as "/"
// and resolve dot segments), and only a path that stays on that origin is kept, normalised.
// Anything else, or anything odd (control characters, backslashes), sends the browser home.

const PLACEHOLDER_ORIGIN = "http://app.invalid";
const MAX_LENGTH = 2048;

function isLocalPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
}

/**
 * `value` (a query parameter: a string, or the first of several) as a same-origin path, or "/".
 * `appOrigin` (e.g. "https://shop.example") also admits the app's own absolute URLs.
 */
export function safeCallbackUrl(value: unknown, appOrigin?: string): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v !== "string" || v.length === 0 || v.length > MAX_LENGTH) return "/";
  // Control characters (tab, CR, LF, NUL...) and backslashes are never part of a path we make.
  if (/[\u0000-\u001f\u007f\\]/.test(v)) return "/";
  let base: URL;
  try {
    base = new URL(appOrigin ?? PLACEHOLDER_ORIGIN);
  } catch {
    base = new URL(PLACEHOLDER_ORIGIN);
  }
  const absolute = !v.startsWith("/");
  if (absolute && (!appOrigin || !/^https?:\/\//i.test(v))) return "/";
  let url: URL;
  try {
    url = new URL(v, base.origin);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin || url.username || url.password) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!isLocalPath(path)) return "/";
  // What a browser makes of the answer must still be the app's own origin.
  return new URL(path, base.origin).origin === base.origin ? path : "/";
}
