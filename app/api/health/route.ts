import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for `npm start`, load balancers and tests. */
export async function GET() {
  try {
    const db = await getDb();
    await db.$queryRaw`SELECT 1`;
    return Response.json({ ok: true });
  } catch (err) {
    return Response.json({ ok: false, error: (err as Error).message }, { status: 503 });
  }
}
