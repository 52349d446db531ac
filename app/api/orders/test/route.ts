// POST /api/orders/test: publishes the fixture order with a fresh order_uid to the order stream.
import { orderApi } from "@/server/stream/order-api";

export const dynamic = "force-dynamic";
export const POST = orderApi.postTest;
