// What must never reach a log line, whoever writes the line: credentials and secrets by the name
// of their field (authorization and cookie headers, passwords, tokens, API keys, TOTP and
// recovery codes, card numbers), and, in any string, what looks like an API key, a bearer
// credential or a payment card number (13–19 digits passing the Luhn check).
// Applied to every log line by server/observability/logger.ts (pino's `formatters.log`).
import "server-only";

export const REDACTED = "[redacted]";

/** Field names whose value is a secret, whatever it looks like. */
const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|apikey|secret|.*[-_]secret|.*Secret|client[-_]?secret|password|.*password|.*Password|passwd|passphrase|token|.*[-_]token|.*Token|access[-_]?token|refresh[-_]?token|session[-_]?token|totp|totp[-_]?code|totpCode|otp|code2fa|two[-_]?factor[-_]?code|twoFactorCode|recovery[-_]?code|recoveryCode|recoveryCodes|card|card[-_]?number|cardNumber|pan|cvc|cvv|signature|x-livemarket-signature)$/i;

const API_KEY_IN_TEXT = /\blm_live_[A-Za-z0-9_-]+/g;
const BEARER_IN_TEXT = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
// 13 to 19 digits, possibly grouped by single spaces or dashes.
const CARD_CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/g;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function redactText(s: string): string {
  if (s.length < 13 && !s.includes("lm_live_") && !/bearer|basic/i.test(s)) return s;
  return s
    .replace(API_KEY_IN_TEXT, REDACTED)
    .replace(BEARER_IN_TEXT, (_, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(CARD_CANDIDATE, (m) => {
      const digits = m.replace(/[ -]/g, "");
      return digits.length >= 13 && digits.length <= 19 && luhn(digits) ? REDACTED : m;
    });
}

const MAX_DEPTH = 8;

/** A copy of `value` with secrets replaced by "[redacted]"; errors keep name, message and stack
 * (redacted too); cycles and very deep values are cut. */
export function redact(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  seen.add(value);
  if (value instanceof Error) {
    const out: Record<string, unknown> = { type: value.name, message: redactText(value.message) };
    if (value.stack) out.stack = redactText(value.stack);
    const code = (value as { code?: unknown }).code;
    if (typeof code === "string" || typeof code === "number") out.code = code;
    if (value.cause !== undefined) out.cause = redact(value.cause, depth + 1, seen);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Headers) return redact(Object.fromEntries(value.entries()), depth + 1, seen);
  if (value instanceof Map) return redact(Object.fromEntries(value), depth + 1, seen);
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined && v !== "" ? REDACTED : redact(v, depth + 1, seen);
  }
  return out;
}
