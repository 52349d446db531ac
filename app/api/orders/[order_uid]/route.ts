// GET /api/orders/{order_uid}: one order in the order event format, from the order cache.
import { orderApi } from "@/server/stream/order-api";

export const dynamic = "force-dynamic";
export async function GET(req: Request, segment: { params: Promise<{ order_uid: string }> }): Promise<Response> {
  return orderApi.getOne(req, (await segment.params).order_uid);
}
