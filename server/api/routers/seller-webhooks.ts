// Seller: the store's webhook endpoints and their delivery log (server/services/webhooks).
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
import { sellerProcedure, router } from "../trpc";

export const sellerWebhooksRouter = router({
  list: sellerProcedure.query(({ ctx }) => listWebhookEndpoints(ctx.db, { storeId: ctx.store.id })),
  /** Answers the signing secret, once. */
  create: sellerProcedure
    .input(ZCreateWebhookEndpointInput)
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => createWebhookEndpoint(tx, { actor: ctx.user, storeId: ctx.store.id, ...input }))),
  delete: sellerProcedure
    .input(ZWebhookEndpointIdInput)
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => deleteWebhookEndpoint(tx, { actor: ctx.user, storeId: ctx.store.id, id: input.id }))),
  enable: sellerProcedure
    .input(ZWebhookEndpointIdInput)
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => enableWebhookEndpoint(tx, { actor: ctx.user, storeId: ctx.store.id, id: input.id }))),
  deliveries: sellerProcedure.input(ZListWebhookDeliveriesInput).query(({ ctx, input }) => listWebhookDeliveries(ctx.db, { storeId: ctx.store.id, ...input })),
  redeliver: sellerProcedure
    .input(ZRedeliverWebhookInput)
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => redeliverWebhook(tx, { actor: ctx.user, storeId: ctx.store.id, deliveryId: input.deliveryId }))),
});
