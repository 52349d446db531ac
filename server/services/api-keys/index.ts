// API keys: create (secret shown once), list, revoke, and authenticate a presented secret.
import "server-only";
export { createApiKey, type CreateApiKeyInput } from "./create-api-key";
export { listApiKeys } from "./list-api-keys";
export { revokeApiKey } from "./revoke-api-key";
export { authenticateApiKey } from "./authenticate-api-key";
export { ZCreateApiKeyInput, ZApiScope, type ApiKeyView, type ApiKeyActor, type ApiKeyPrincipal } from "./schemas";
