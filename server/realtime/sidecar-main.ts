// Entry point of the sidecar process (`npm run sidecar`; `npm start` runs it beside the app).
import { env } from "@/server/env";
import { logger } from "@/server/observability/logger";
import { createRealtimeServer } from "./sidecar";

async function main(): Promise<void> {
  const appOrigin = env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).origin : `http://localhost:${env.PORT}`;
  const server = createRealtimeServer({ corsOrigins: [appOrigin] });
  const port = await server.listen(env.SIDECAR_PORT);
  logger.info("sidecar listening", { port });

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
