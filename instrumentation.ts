// Runs once when a Next.js server process starts: start the outbox relay, so events recorded
// by any process (including one that died before relaying them) reach the sidecars.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startAppRelay } = await import("@/server/realtime/app-relay");
  await startAppRelay();
}
