// Order steps go back out on livemarket:orders:status from the outbox: a new order received as an
// event and a seller's step, each as the order event format plus status and changed_at, once.
import { describe, expect, it } from "vitest";
import { useTestDb } from "@/test/backends";
import { inTransaction } from "@/server/db/transaction";
import { applyOrderEvent } from "@/server/services/orders/order-event-apply";
import { transitionPart } from "@/server/services/fulfilment/transition";
import { orderEvent } from "@/test/stream/helpers";
import { PgStreamTransport } from "./pg-transport";
import { StatusPublisher } from "./status-publisher";
import { ORDERS_STATUS } from "./transport";

describe("order status publisher", () => {
  const t = useTestDb("pglite");

  it("publishes a received order and each later step, in the event format plus status and changed_at", async () => {
    const transport = new PgStreamTransport(t.db);
    const publisher = new StatusPublisher(t.db, transport);
    while ((await publisher.publishBatch()) > 0); // what the seed recorded
    await t.db.$executeRaw`DELETE FROM "StreamMessage"`;

    const v = await t.db.variant.findFirstOrThrow({ where: { stock: { gt: 0 }, product: { status: "ACTIVE" } }, select: { chrtId: true, product: { select: { storeId: true, store: { select: { ownerId: true } } } } } });
    const e = orderEvent([{ chrtId: v.chrtId }]);
    const r = await inTransaction(t.db, (tx) => applyOrderEvent(tx, e));
    if (r.result === "duplicate") throw new Error("unexpected duplicate");
    while ((await publisher.publishBatch()) > 0);
    const part = await t.db.shipment.findFirstOrThrow({ where: { orderId: r.orderId } });
    await inTransaction(t.db, (tx) =>
      transitionPart(tx, { userId: v.product.store.ownerId, storeId: v.product.storeId }, { orderId: r.orderId, to: "PACKED", expectedVersion: part.version }),
    );
    while ((await publisher.publishBatch()) > 0);

    const got = await transport.take(ORDERS_STATUS, "reader", { count: 10, blockMs: 0, claimIdleMs: 60_000 });
    const messages = got.map((m) => JSON.parse(m.payload!) as Record<string, unknown>);
    expect(messages.map((m) => [m.order_uid, m.status])).toEqual([[e.order_uid, "PAID"], [e.order_uid, "PACKED"]]);
    const { status: _s, changed_at, ...rest } = messages[1]!;
    expect(rest).toEqual(e);
    expect(new Date(changed_at as string).getTime()).toBeGreaterThan(0);
    await transport.ack(ORDERS_STATUS, got.map((m) => m.id));
    expect(await publisher.publishBatch()).toBe(0);
  });
});
