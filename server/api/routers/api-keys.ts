// API keys on the seller's and the admin's pages: seller.apiKeys.* manage the caller's own
// store's keys (the store comes from the guard, never from the input), admin.apiKeys.* the
// platform's keys (no store). Same services as the CLI and the REST API
// (server/services/api-keys); the secret leaves the server once, in `create`'s answer; `list`
// never has it. Creating and revoking write audit entries (in the services).
import "server-only";
import { z } from "zod";
import { inTransaction } from "@/server/db/transaction";
import { createApiKey, listApiKeys, revokeApiKey, ZCreateApiKeyInput } from "@/server/services/api-keys";
import { zId } from "@/shared/text";
import { platformOwnerProcedure, router, storeOwnerProcedure, type OwnerProcedure } from "../trpc";

/** The create form: name, scopes, optional expiry (the service checks it is in the future). */
export const ZApiKeyCreateForm = ZCreateApiKeyInput.strict();
export const ZApiKeyRevokeInput = z.object({ id: zId("No such API key") }).strict();

function apiKeysRouter(p: OwnerProcedure) {
  return router({
    /** The owner's keys, newest first, revoked ones included; never a secret. */
    list: p.query(({ ctx }) => listApiKeys(ctx.db, { storeId: ctx.owner.storeId })),
    /** A new key (only a platform key may carry `admin`); the answer's `secret` is the only time it is shown. */
    create: p.input(ZApiKeyCreateForm).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => createApiKey(tx, { ...ctx.owner, ...input }))),
    /** Revokes one of the owner's keys (anyone else's: NOT_FOUND). */
    revoke: p.input(ZApiKeyRevokeInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => revokeApiKey(tx, { ...ctx.owner, id: input.id }))),
  });
}

export const sellerApiKeysRouter = apiKeysRouter(storeOwnerProcedure);
export const adminApiKeysRouter = apiKeysRouter(platformOwnerProcedure);
