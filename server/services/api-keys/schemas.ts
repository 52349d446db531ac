// API keys: the input of a new key and what leaves the server about one (never its secret or
// hash). Shared by the REST API, the key pages and the CLI.
import "server-only";
import { z } from "zod";
import { API_SCOPES, type ApiScope } from "@/shared/api-scopes";
import { zText } from "@/shared/text";
import type { Prisma } from "@/generated/prisma/client.ts";

export const ZApiScope = z.enum(API_SCOPES);

export const ZCreateApiKeyInput = z.object({
  name: zText().trim().min(1, "Name the key").max(100, "At most 100 characters"),
  scopes: z
    .array(ZApiScope)
    .min(1, "Choose at least one scope")
    .max(API_SCOPES.length)
    .transform((s) => [...new Set(s)]),
  // Bounded: a Date past year 9999 (JavaScript allows 275760) is not storable, and was a 500.
  expiresAt: z.coerce.date().max(new Date("9999-12-31T23:59:59.999Z"), "Choose an expiry before the year 10000").nullable().optional(),
});
export type TCreateApiKeyInput = z.infer<typeof ZCreateApiKeyInput>;

export interface ApiKeyView {
  id: string;
  name: string;
  /** The public part of the secret (`lm_live_<prefix>_…`), to recognise a key. */
  prefix: string;
  scopes: ApiScope[];
  storeId: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  lastUsedAddress: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdBy: { id: string; name: string; email: string } | null;
}

export const apiKeySelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  storeId: true,
  createdAt: true,
  lastUsedAt: true,
  lastUsedAddress: true,
  expiresAt: true,
  revokedAt: true,
  createdBy: { select: { id: true, name: true, email: true } },
} satisfies Prisma.ApiKeySelect;

type Row = Prisma.ApiKeyGetPayload<{ select: typeof apiKeySelect }>;

export function toApiKeyView(row: Row): ApiKeyView {
  return { ...row, scopes: row.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)) };
}

/** Who creates or revokes a key: a signed-in user (the session's user) or the CLI's operator. */
export interface ApiKeyActor {
  id: string;
  role: "CUSTOMER" | "SELLER" | "ADMIN";
}

/** The caller of an API request made with a key (server/api/rest/). */
export interface ApiKeyPrincipal {
  kind: "api-key";
  keyId: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  /** The key's store; null for a platform key. */
  store: { id: string; name: string; slug: string } | null;
  /** The user the key acts as: the store's owner, or the admin who made a platform key. */
  userId: string;
}
