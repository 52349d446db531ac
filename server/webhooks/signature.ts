// The webhook signature, both ends: `Livemarket-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256
// of "<t>.<body>" keyed by the endpoint's secret>`. The receiver recomputes it over the raw body,
// compares in constant time and refuses a timestamp outside its tolerance (a replayed delivery).
// docs/api.md shows the same check for receivers; the tests' receiver uses this one.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Livemarket-Signature";
export const EVENT_ID_HEADER = "Livemarket-Event-Id";
/** Five minutes, like Stripe's default. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signatureHex(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The header value for `body` signed at `timestamp` (unix seconds). */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${signatureHex(secret, timestamp, body)}`;
}

/** Whether `header` is a valid signature of `body` (the raw request body, exactly as received)
 * made with `secret` within `toleranceSeconds` of `now` (ms). Several v1 values may be present. */
export function verifyWebhookSignature(opts: {
  secret: string;
  body: string;
  header: string | null | undefined;
  toleranceSeconds?: number;
  now?: number;
}): boolean {
  if (!opts.header) return false;
  const parts = opts.header.split(",").map((p) => p.trim().split("="));
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t)) return false;
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  if (Math.abs(now - t) > (opts.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(signatureHex(opts.secret, t, opts.body), "hex");
  return parts
    .filter(([k, v]) => k === "v1" && v !== undefined && /^[0-9a-f]{64}$/.test(v))
    .some(([, v]) => timingSafeEqual(Buffer.from(v!, "hex"), expected));
}
