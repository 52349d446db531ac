// Admin: the platform webhook endpoints (they receive every store's events) and their delivery log (server/services/webhooks).
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
import { adminProcedure, router } from "../trpc";

export const adminWebhooksRouter = router({
  list: adminProcedure.query(({ ctx }) => listWebhookEndpoints(ctx.db, { storeId: null })),
  /** Answers the signing secret, once. */
  create: adminProcedure
    .input(ZCreateWebhookEndpointInput)
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => createWebhookEndpoint(tx, { actor: { id: ctx.user.id, role: "ADMIN" }, storeId: null, ...input }))),
  delete: adminProcedure
    .input(ZWebhookEndpointIdInput)
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => deleteWebhookEndpoint(tx, { actor: { id: ctx.user.id, role: "ADMIN" }, storeId: null, id: input.id }))),
  enable: adminProcedure
    .input(ZWebhookEndpointIdInput)
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => enableWebhookEndpoint(tx, { actor: { id: ctx.user.id, role: "ADMIN" }, storeId: null, id: input.id }))),
  deliveries: adminProcedure.input(ZListWebhookDeliveriesInput).query(({ ctx, input }) => listWebhookDeliveries(ctx.db, { storeId: null, ...input })),
  redeliver: adminProcedure
    .input(ZRedeliverWebhookInput)
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => redeliverWebhook(tx, { actor: { id: ctx.user.id, role: "ADMIN" }, storeId: null, deliveryId: input.deliveryId }))),
});
