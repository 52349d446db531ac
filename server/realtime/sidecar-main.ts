// Entry point of the sidecar process (`npm run sidecar`; `npm start` runs it beside the app).
import "server-only";
import { env, getAppUrl, getAuthSecret } from "@/server/env";
import { logger } from "@/server/observability/logger";
import { parseTrustedProxies } from "@/server/limits/client-address";
import { createRealtimeServer } from "./sidecar";

async function main(): Promise<void> {
  const appOrigin = new URL(getAppUrl()).origin;
  // The same app is often opened as localhost or 127.0.0.1: accept both spellings.
  const alias = appOrigin.includes("//localhost") ? appOrigin.replace("//localhost", "//127.0.0.1") : appOrigin.replace("//127.0.0.1", "//localhost");
  const origins = [...new Set([appOrigin, alias, ...(env.REALTIME_EXTRA_ORIGINS ?? [])])];
  const server = createRealtimeServer({
    corsOrigins: origins,
    secret: getAuthSecret(),
    redisUrl: env.REDIS_URL,
    redisAdapter: env.REALTIME_REDIS_ADAPTER,
    maxBufferedPackets: env.SIDECAR_MAX_BUFFERED_PACKETS,
    conflate: env.SIDECAR_CONFLATE === "on",
    maxConnectionsPerAddress: env.SIDECAR_MAX_CONNECTIONS_PER_ADDRESS,
    trustedProxies: parseTrustedProxies(env.TRUSTED_PROXIES),
    logger,
    metricsToken: env.METRICS_TOKEN,
  });
  const port = await server.listen(env.SIDECAR_PORT);
  logger.info("sidecar listening", { port, redis: Boolean(env.REDIS_URL) });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("sidecar stopping", { signal });
    await server.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err: unknown) => {
  logger.error("sidecar failed to start", { err });
  process.exit(1);
});
