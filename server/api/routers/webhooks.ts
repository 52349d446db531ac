// Webhook endpoints and their delivery log (server/services/webhooks): seller.webhooks.* for the
// seller's store (the store comes from the guard, never from the input), admin.webhooks.* for
// the platform's endpoints (they receive every store's events). One router over an Owner.
import "server-only";
import { inTransaction } from "@/server/db/transaction";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  enableWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  redeliverWebhook,
  ZCreateWebhookEndpointInput,
  ZListWebhookDeliveriesInput,
  ZRedeliverWebhookInput,
  ZWebhookEndpointIdInput,
} from "@/server/services/webhooks";
import { platformOwnerProcedure, router, storeOwnerProcedure, type OwnerProcedure } from "../trpc";

function webhooksRouter(p: OwnerProcedure) {
  return router({
    list: p.query(({ ctx }) => listWebhookEndpoints(ctx.db, { storeId: ctx.owner.storeId })),
    /** Answers the signing secret, once. */
    create: p.input(ZCreateWebhookEndpointInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => createWebhookEndpoint(tx, { ...ctx.owner, ...input }))),
    delete: p.input(ZWebhookEndpointIdInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => deleteWebhookEndpoint(tx, { ...ctx.owner, id: input.id }))),
    /** Back on after the worker disabled it (or the owner did). */
    enable: p.input(ZWebhookEndpointIdInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => enableWebhookEndpoint(tx, { ...ctx.owner, id: input.id }))),
    deliveries: p.input(ZListWebhookDeliveriesInput).query(({ ctx, input }) => listWebhookDeliveries(ctx.db, { storeId: ctx.owner.storeId, ...input })),
    redeliver: p.input(ZRedeliverWebhookInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => redeliverWebhook(tx, { ...ctx.owner, deliveryId: input.deliveryId }))),
  });
}

export const sellerWebhooksRouter = webhooksRouter(storeOwnerProcedure);
export const adminWebhooksRouter = webhooksRouter(platformOwnerProcedure);
