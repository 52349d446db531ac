// Shared by the stream tests and the benchmark: the fixture as an event with a fresh order_uid,
// and the transports each run covers.
import { readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { TOrderEvent } from "@/server/services/orders/order-event";

export const FIXTURE: TOrderEvent = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../fixtures/order-event.json"), "utf8"));

export function orderEvent(items: { chrtId: number }[], uid = `t${randomBytes(9).toString("hex")}`): TOrderEvent {
  const base = structuredClone(FIXTURE);
  const item = base.items[0]!;
  return {
    ...base,
    order_uid: uid,
    payment: { ...base.payment, transaction: uid },
    items: items.map((i, n) => ({ ...item, chrt_id: i.chrtId, rid: `${uid}-${n}` })),
  };
}
