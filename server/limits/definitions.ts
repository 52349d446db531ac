// The named rate limits: how many points (requests, or failures for sign-in) a key may spend in
// a window of `duration` seconds. Each is counted per client address (`ip`) and, where a user
// is known, per user (`user`). The defaults are set so that a person using the shop never meets
// them; RATE_LIMITS overrides any of them ("orders.user=20/3600"), RATE_LIMIT_MULTIPLIER scales
// them all (test runs that create hundreds of users from one address).
import "server-only";

export interface LimitRule {
  points: number;
  /** Window, seconds. */
  duration: number;
}

export const LIMIT_DEFAULTS = {
  // Sign-in attempts from one address, whatever the accounts, successes given back: the hard
  // limit per address on failed (and in-flight) sign-ins.
  "signIn.ip": { points: 30, duration: 15 * 60 },
  // Failed sign-ins for one account from one address: this many are free, then each further
  // failure makes that pair wait 1 s, 2 s, 4 s… up to `duration` seconds. Other addresses (the
  // owner's) are not slowed. The pair's count is forgotten a day after its last failure.
  "signIn.pair": { points: 5, duration: 15 * 60 },
  "register.ip": { points: 10, duration: 60 * 60 },
  "orders.user": { points: 20, duration: 60 * 60 },
  "orders.ip": { points: 60, duration: 60 * 60 },
  "cart.user": { points: 120, duration: 60 },
  "cart.ip": { points: 300, duration: 60 },
  "search.user": { points: 120, duration: 60 },
  "search.ip": { points: 300, duration: 60 },
  "uploads.user": { points: 60, duration: 60 * 60 },
  "uploads.ip": { points: 120, duration: 60 * 60 },
  "imports.user": { points: 30, duration: 60 * 60 },
  "imports.ip": { points: 60, duration: 60 * 60 },
  // Review writes (a review saved or edited, a seller's reply): far above what a person writes.
  "reviews.user": { points: 30, duration: 60 * 60 },
  "reviews.ip": { points: 120, duration: 60 * 60 },
  // The REST API (/api/v1): every request spends a point per API key, per customer token's user,
  // or per address for anonymous calls; answered with RateLimit-* headers.
  "api.key": { points: 600, duration: 60 },
  "api.user": { points: 300, duration: 60 },
  "api.ip": { points: 300, duration: 60 },
} satisfies Record<string, LimitRule>;

export type LimitKey = keyof typeof LIMIT_DEFAULTS;
/** A limit applied per address and per user: "orders" → orders.ip and orders.user. */
export type LimitName = "register" | "orders" | "cart" | "search" | "uploads" | "imports" | "reviews";

/** Parses RATE_LIMITS ("orders.user=20/3600, search.ip=600/60"); unknown names are errors. */
export function parseLimitOverrides(spec: string | undefined): Partial<Record<LimitKey, LimitRule>> {
  const out: Partial<Record<LimitKey, LimitRule>> = {};
  for (const item of (spec ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-zA-Z]+\.(?:ip|user|pair|key))=(\d+)\/(\d+)$/.exec(item);
    if (!m || !(m[1]! in LIMIT_DEFAULTS)) throw new Error(`RATE_LIMITS: "${item}" is not <limit>=<points>/<seconds> with a known limit (${Object.keys(LIMIT_DEFAULTS).join(", ")})`);
    const rule = { points: Number(m[2]), duration: Number(m[3]) };
    if (rule.points < 1 || rule.duration < 1) throw new Error(`RATE_LIMITS: "${item}" needs at least 1 point and 1 second`);
    out[m[1] as LimitKey] = rule;
  }
  return out;
}

/** The rules in force: defaults, then overrides, then the multiplier on points (signIn.pair's
 * free failures are not scaled: see createLimits). */
export function resolveLimitRules(overrides: Partial<Record<LimitKey, LimitRule>>, multiplier: number): Record<LimitKey, LimitRule> {
  const rules = {} as Record<LimitKey, LimitRule>;
  for (const key of Object.keys(LIMIT_DEFAULTS) as LimitKey[]) {
    const base = overrides[key] ?? LIMIT_DEFAULTS[key];
    rules[key] = { points: Math.max(1, Math.round(base.points * multiplier)), duration: base.duration };
  }
  return rules;
}
