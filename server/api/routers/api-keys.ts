// API keys on the seller's and the admin's pages: seller.apiKeys.* manage the caller's own
// store's keys (the store comes from the guard, never from the input), admin.apiKeys.* the
// platform's keys (no store). Same services as the CLI and the REST API
// (server/services/api-keys); the secret leaves the server once, in `create`'s answer; `list`
// never has it. Creating and revoking write audit entries (in the services).
import "server-only";
import { z } from "zod";
import { inTransaction } from "@/server/db/transaction";
import { createApiKey, listApiKeys, revokeApiKey, ZCreateApiKeyInput, type ApiKeyActor } from "@/server/services/api-keys";
import { zId } from "@/shared/text";
import { adminProcedure, router, sellerProcedure } from "../trpc";

/** The create form: name, scopes, optional expiry (the service checks it is in the future). */
export const ZApiKeyCreateForm = ZCreateApiKeyInput.strict();
export const ZApiKeyRevokeInput = z.object({ id: zId("No such API key") }).strict();

const actorOf = (user: { id: string; role: ApiKeyActor["role"] }): ApiKeyActor => ({ id: user.id, role: user.role });

export const sellerApiKeysRouter = router({
  /** The store's keys, newest first, revoked ones included; never a secret. */
  list: sellerProcedure.query(({ ctx }) => listApiKeys(ctx.db, { storeId: ctx.store.id })),
  /** A new key for the store; the answer's `secret` is the only time it is shown. */
  create: sellerProcedure
    .input(ZApiKeyCreateForm)
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => createApiKey(tx, { actor: actorOf(ctx.user), storeId: ctx.store.id, ...input }))),
  /** Revokes one of the store's keys (another store's: NOT_FOUND). */
  revoke: sellerProcedure
    .input(ZApiKeyRevokeInput)
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => revokeApiKey(tx, { actor: actorOf(ctx.user), storeId: ctx.store.id, id: input.id }))),
});

export const adminApiKeysRouter = router({
  /** Platform keys (no store), newest first; never a secret. */
  list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.db, { storeId: null })),
  /** A new platform key (the only kind that may carry `admin`); the secret is shown once. */
  create: adminProcedure
    .input(ZApiKeyCreateForm)
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => createApiKey(tx, { actor: actorOf(ctx.user), storeId: null, ...input }))),
  /** Revokes a platform key (a store's key: NOT_FOUND here). */
  revoke: adminProcedure
    .input(ZApiKeyRevokeInput)
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => revokeApiKey(tx, { actor: actorOf(ctx.user), storeId: null, id: input.id }))),
});
