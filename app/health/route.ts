import { routeHandler } from "@/server/api/route";

export const dynamic = "force-dynamic";

/** Liveness: the app process answers (it checks nothing else: restart the process when this
 * fails, not when a dependency is away; that is GET /ready). */
export const GET = routeHandler("public", async () =>
  Response.json({ ok: true, pid: process.pid, uptimeSeconds: Math.round(process.uptime()) }, { headers: { "cache-control": "no-store" } }),
);
