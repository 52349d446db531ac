// The reservation sweeper's pass (run by server/jobs/reservation-sweeper.ts in every app
// process): card checkouts still PENDING_PAYMENT after their `reservedUntil` lost their request
// (the process died between the steps, or the gateway never answered). Each is released
// (settle-payment.ts: PAYMENT_FAILED, the units back through the ledger) in a transaction of its
// own that claims it with FOR UPDATE SKIP LOCKED, so several sweepers (several app instances)
// share the work and never release one twice; a late confirm waits for the claim and then finds
// the order released. After COMMIT whatever the gateway may have authorised is voided.
import "server-only";
import type { Db } from "@/server/db/client";
import { inTransaction } from "@/server/db/transaction";
import { metrics } from "@/server/observability/metrics";
import type { PaymentProvider } from "@/server/services/payments/provider";
import { providerById } from "@/server/services/payments/provider-registry";
import { voidQuietly } from "./checkout";
import { releaseOrder } from "./settle-payment";

export interface SweepOptions {
  /** At most this many orders per pass (the next pass takes the rest). */
  limit?: number;
  /** The provider that wrote a payment row (tests bring their own). */
  providers?: (id: string) => PaymentProvider | null;
}

interface Lapsed {
  id: string;
  orderUid: string;
  totalMinor: number;
  currency: string;
  provider: string | null;
}

/** Releases lapsed reservations; answers how many this call released. */
export async function releaseLapsedReservations(db: Db, opts: SweepOptions = {}): Promise<number> {
  const limit = opts.limit ?? 200;
  const providers = opts.providers ?? providerById;
  const voids: Promise<void>[] = [];
  let released = 0;
  for (let n = 0; n < limit; n++) {
    const order = await inTransaction(db, async (tx) => {
      const [lapsed] = await tx.$queryRaw<Lapsed[]>`
        SELECT o.id, o."orderUid", o."totalMinor", o.currency, p.provider
        FROM "Order" o LEFT JOIN "Payment" p ON p."orderId" = o.id
        WHERE o.status = 'PENDING_PAYMENT' AND o."reservedUntil" <= timezone('UTC', now())
        ORDER BY o."reservedUntil", o.id
        LIMIT 1
        FOR UPDATE OF o SKIP LOCKED`;
      if (!lapsed) return null;
      const done = await releaseOrder(tx, lapsed.id, {
        actorId: null,
        note: "Payment not confirmed in time",
        failureReason: "The payment was not confirmed before the reservation lapsed",
      });
      return done ? lapsed : undefined;
    });
    if (order === null) break;
    if (!order) continue;
    released += 1;
    metrics.reservationsReleased.inc({ reason: "expired" });
    const provider = order.provider ? providers(order.provider) : null;
    if (provider?.remote) voids.push(voidQuietly(provider, order));
  }
  await Promise.all(voids);
  return released;
}
