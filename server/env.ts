// The only place that reads process.env: parsed once with zod, typed everywhere else.
import "server-only";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { parseLimitOverrides } from "@/server/limits/definitions";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // Unset: embedded PostgreSQL (PGlite) in DATA_DIR. Set: a PostgreSQL server.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "REDIS_URL must be a redis:// URL")
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // App processes behind the one PORT (node:cluster), started by `npm start`. More than one needs
  // DATABASE_URL and REDIS_URL: the embedded database belongs to one process, and the limits and
  // the catalogue cache's invalidations are shared through Redis (decisions.md 113).
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  SIDECAR_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  // Where browsers reach the sidecar; unset: the page's host on SIDECAR_PORT.
  SIDECAR_PUBLIC_URL: z.string().url().optional(),
  // Where the app reaches its sidecar without Redis; unset: 127.0.0.1 on SIDECAR_PORT.
  SIDECAR_INTERNAL_URL: z.string().url().optional(),
  // More origins allowed to open sockets besides the app's own (comma-separated URLs).
  REALTIME_EXTRA_ORIGINS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((o) => new URL(o.trim()).origin) : undefined)),
  // Origins (comma-separated URLs) whose pages may call the REST API (/api/v1) from a browser:
  // CORS is answered for them only. The API never reads cookies, so this grants no session.
  API_CORS_ORIGINS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((o) => o.trim()).filter(Boolean).map((o) => new URL(o).origin) : [])),
  // Sockets one client address may hold open on a sidecar at once.
  SIDECAR_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(50),
  // Packets a sidecar may hold for one socket that does not read them; past it the socket is
  // dropped (its page resyncs on reconnect) so stalled clients cannot grow its memory.
  SIDECAR_MAX_BUFFERED_PACKETS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  // "on" (default): a product room hears only the newest stock, price and rating of a variant
  // among events a sidecar reads together (decision 201); "off": every event, even when behind.
  SIDECAR_CONFLATE: z.enum(["on", "off"]).default("on"),
  // With REDIS_URL: "streams" (default; missed events are recovered on reconnect and survive a
  // Redis restart) or "pubsub" (the Socket.IO Redis adapter + emitter; no recovery).
  REALTIME_REDIS_ADAPTER: z.enum(["streams", "pubsub"]).default("streams"),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // How log lines look: "auto" (default) prints human-readable lines when stderr is a terminal
  // and JSON lines otherwise; "json" and "pretty" force one (server/observability/logger.ts).
  LOG_FORMAT: z.enum(["auto", "json", "pretty"]).default("auto"),
  // GET /metrics on the app and the sidecar: unset, open to whoever reaches the port; set (16+
  // characters), only to `Authorization: Bearer <token>` (Prometheus's `authorization` block).
  // (An empty value, as a compose file's `${METRICS_TOKEN:-}` gives, means unset.)
  METRICS_TOKEN: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(16, "METRICS_TOKEN must be 16+ characters").optional()),
  // GET /ready answers 503 when more incoming order events than this wait for the consumer.
  READY_MAX_STREAM_LAG: z.coerce.number().int().min(0).max(1_000_000_000).default(10_000),
  // GET /ready answers 503 when the oldest unpublished outbox event is older than this (seconds).
  READY_MAX_OUTBOX_LAG_SECONDS: z.coerce.number().min(1).max(86_400).default(60),
  // The catalogue read cache (server/services/catalog/catalog-cache.ts, decisions 124-128): how
  // many answers one process keeps (0 turns the cache off), the age after which an answer is
  // read again even though no change was announced (a safety net, not what keeps answers fresh:
  // every committed change invalidates what it touches; 0 = no age limit).
  CATALOG_CACHE_MAX_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(5000),
  CATALOG_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  // ...and the memory its answers may take, estimated (their JSON size, times 3: the answer, its
  // serialised forms and object overhead), in MiB.
  CATALOG_CACHE_MAX_MB: z.coerce.number().int().min(1).max(65_536).default(64),
  // Cached catalogue reads over tRPC answered by the app server before Next.js routes them
  // (server/http/catalog-lane.ts): the same bytes, faster. "0"/"false" sends them through Next.js.
  CATALOG_FAST_LANE: z
    .enum(["0", "1", "true", "false", ""])
    .optional()
    .transform((v) => v === undefined || v === "" || v === "1" || v === "true"),
  // Tests: make a missing Prometheus (promtool) a failure instead of a skip (CI sets it).
  REQUIRE_PROMETHEUS: z
    .enum(["0", "1", "true", "false", ""])
    .optional()
    .transform((v) => v === "1" || v === "true"),
  // Set by Next.js while it builds: nothing should start serving then.
  NEXT_PHASE: z.string().optional(),
  // Two-factor (TOTP): staff (sellers and admins) must enrol before any seller or admin page or
  // procedure works; demo seed accounts are exempt. "false"/"0" turns the requirement off
  // (2FA stays available to everyone who wants it).
  REQUIRE_2FA_FOR_STAFF: z
    .enum(["0", "1", "true", "false", ""])
    .optional()
    .transform((v) => v === undefined || v === "" || v === "1" || v === "true"),
  // Two-factor code attempts (TOTP or recovery codes) per account per 15 minutes.
  TWO_FACTOR_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(5),
  // Key that encrypts stored TOTP secrets (AES-256-GCM). Unset: derived from NEXTAUTH_SECRET; then
  // changing that secret makes authenticator codes fail until each user signs in with a recovery
  // code and enrols again. Set it (32+ characters) to rotate NEXTAUTH_SECRET freely.
  TWO_FACTOR_ENCRYPTION_KEY: z.string().min(32).optional(),
  // Webhooks (server/webhooks): "1" lets endpoints point at private, loopback and link-local
  // addresses (a receiver on the same machine or network). Unset: allowed in development and
  // tests, refused in production (SSRF), checked again on the address each delivery connects to.
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(["0", "1", "true", "false", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? undefined : v === "1" || v === "true")),
  // Key that encrypts stored webhook signing secrets (AES-256-GCM). Unset: derived from
  // NEXTAUTH_SECRET (changing that secret then means creating the endpoints again).
  WEBHOOK_ENCRYPTION_KEY: z.string().min(32).optional(),
  // Outgoing mail (password reset links). Unset: no mail server; every message is written as a
  // JSON file under DATA_DIR/mail and listed at /dev/mail (a development instance: anyone who
  // reaches the app can read them). Set (smtp:// or smtps://user:pass@host:port): sent by SMTP.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must be an smtp:// or smtps:// URL")
    .optional(),
  // The From of every message the shop sends.
  MAIL_FROM: z.string().min(3).default("Livemarket <no-reply@livemarket.test>"),
  // The hour of the day (UTC, 0-23) from which the sellers' daily low-stock digest goes out.
  MAIL_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  // Proxies whose X-Forwarded-For is believed (comma-separated IPs and CIDRs, e.g.
  // "10.0.0.0/8,127.0.0.1"). Unset: none; the client address is the socket's peer.
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .refine(
      (v) =>
        (v ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
          .every((item) => {
            const [ip = "", bits, extra] = item.split("/");
            const kind = isIP(ip);
            return kind !== 0 && extra === undefined && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (kind === 4 ? 32 : 128)));
          }),
      "TRUSTED_PROXIES must be comma-separated IP addresses or CIDRs (e.g. 10.0.0.0/8,127.0.0.1)",
    ),
  // Rate limits (server/limits/definitions.ts has the table and its defaults). RATE_LIMITS
  // overrides some: "register.ip=10/3600,orders.user=20/3600" (points/seconds).
  RATE_LIMITS: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      try {
        parseLimitOverrides(v);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
      }
    }),
  // Multiplies every limit's allowance (1 = the defaults). Test runs that create many users and
  // orders from one address raise it; never needed in production.
  RATE_LIMIT_MULTIPLIER: z.coerce.number().min(1).max(100_000).default(1),
  // The input fuzz test (test/fuzz.test.ts): cases per procedure, and the seed that makes a run
  // reproducible (a failure prints its seed: set it here to replay it).
  FUZZ_RUNS: z.coerce.number().int().min(1).max(100_000).default(16),
  FUZZ_SEED: z.coerce.number().int().default(20261201),
  // Card checkout (server/services/orders/checkout.ts): how long a checkout's reserved stock
  // waits for its payment before the sweeper gives it back (the request died, or the gateway
  // never answered). Longer than any authorisation takes; short enough that a crash hides a
  // popular item's units for minutes, not hours (docs/decisions.md 120).
  ORDER_RESERVATION_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  // How often each app process looks for lapsed reservations (several processes may: each
  // reservation is released once).
  ORDER_RESERVATION_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  // The offline test-card provider waits this long before answering, like a networked gateway
  // (benchmarks and the crash test use it; 0 in normal use).
  PAYMENT_TEST_LATENCY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  // Test runs point here at a throwaway PostgreSQL server database.
  TEST_DATABASE_URL: z.string().optional(),
  REQUIRE_POSTGRES: z
    .enum(["0", "1", "true", "false", ""])
    .optional()
    .transform((v) => v === "1" || v === "true"),
  REQUIRE_REDIS: z
    .enum(["0", "1", "true", "false", ""])
    .optional()
    .transform((v) => v === "1" || v === "true"),
});

export type Env = z.infer<typeof EnvSchema>;

function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(process.env);

/** This process's environment with `extra` on top (undefined unsets), for a child process. */
export function childProcessEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** Absolute path of the embedded database folder. */
export function pgliteDir(dataDir: string = env.DATA_DIR): string {
  return path.resolve(dataDir, "pglite");
}

/**
 * The next-auth signing secret. Read lazily so that `next build` (which imports modules
 * without a secret) works; `npm start` always provides a generated, persisted secret.
 */
export function getAuthSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  if (env.NODE_ENV === "production") {
    throw new Error("NEXTAUTH_SECRET is required in production (npm start generates one)");
  }
  return "livemarket-development-secret-not-for-production-use";
}

/** The app's public URL. */
export function getAppUrl(): string {
  return env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
}

/** Whether webhook endpoints may point at private, loopback and link-local addresses. */
export function webhooksAllowPrivate(): boolean {
  return env.WEBHOOK_ALLOW_PRIVATE ?? env.NODE_ENV !== "production";
}
