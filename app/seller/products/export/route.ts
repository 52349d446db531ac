// CSV download of the seller's products: the table's filters and sort, every page.
import { routeHandler } from "@/server/api/route";
import { exportProductsCsv } from "@/server/services/seller-catalog/export-products";
import { parseTableParams } from "@/components/seller/products-table/params";

export const dynamic = "force-dynamic";

export const GET = routeHandler("seller", async ({ req, db, store }) => {
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
});
