// CSV download of the seller's products: the table's filters and sort, every page.
import { getDb } from "@/server/db";
import { getSession } from "@/server/auth/session";
import { exportProductsCsv } from "@/server/services/seller-catalog/export-products";
import { parseTableParams } from "@/components/seller/products-table/params";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const session = await getSession();
  if (!session) return new Response("Sign in to continue", { status: 401 });
  if (session.user.role !== "SELLER") return new Response("Seller access only", { status: 403 });
  const db = await getDb();
  const store = await db.store.findUnique({ where: { ownerId: session.user.id }, select: { id: true, slug: true } });
  if (!store) return new Response("This seller has no store yet", { status: 403 });
  const { page: _p, pageSize: _s, ...filter } = parseTableParams(new URL(req.url).searchParams);
  const csv = await exportProductsCsv(db, store.id, filter);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${store.slug}-products-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
