// Webhook signing secrets: made here, shown once, stored encrypted (AES-256-GCM with the
// endpoint's id as associated data, so a ciphertext copied onto another endpoint does not open).
// Encrypted rather than hashed: the sender needs the secret itself to sign every delivery.
import "server-only";
import { randomBytes } from "node:crypto";
import { env, getAuthSecret } from "@/server/env";
import { openSecret, sealSecret } from "@/server/security/sealed-secret";

const b64 = (b: Buffer) => b.toString("base64url");

const webhookKey = () => ({ material: env.WEBHOOK_ENCRYPTION_KEY ?? getAuthSecret(), purpose: "webhook-secret v1" });

/** `whsec_` and 32 random bytes (base64url). */
export function newWebhookSecret(): string {
  return `whsec_${b64(randomBytes(32))}`;
}

export function sealWebhookSecret(secret: string, endpointId: string): string {
  return sealSecret(webhookKey(), secret, endpointId);
}

/** The secret, or null when it does not open (another key, another endpoint's row, tampered). */
export function openWebhookSecret(stored: string, endpointId: string): string | null {
  return openSecret(webhookKey(), stored, endpointId);
}
