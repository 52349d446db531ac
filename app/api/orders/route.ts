// GET /api/orders: orders newest first, in the order event format (server/stream/order-api.ts).
import { orderApi } from "@/server/stream/order-api";

export const dynamic = "force-dynamic";
export const GET = orderApi.list;
