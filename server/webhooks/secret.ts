// Webhook signing secrets: made here, shown once, stored encrypted (AES-256-GCM with the
// endpoint's id as associated data, so a ciphertext copied onto another endpoint does not open).
// Encrypted rather than hashed: the sender needs the secret itself to sign every delivery.
import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env, getAuthSecret } from "@/server/env";

const b64 = (b: Buffer) => b.toString("base64url");

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", env.WEBHOOK_ENCRYPTION_KEY ?? getAuthSecret(), "livemarket", "webhook-secret v1", 32));
}

/** `whsec_` and 32 random bytes (base64url). */
export function newWebhookSecret(): string {
  return `whsec_${b64(randomBytes(32))}`;
}

/** `v1.<iv>.<ciphertext>.<tag>`, base64url. */
export function sealWebhookSecret(secret: string, endpointId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(endpointId));
  const ct = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", b64(iv), b64(ct), b64(cipher.getAuthTag())].join(".");
}

/** The secret, or null when it does not open (another key, another endpoint's row, tampered). */
export function openWebhookSecret(stored: string, endpointId: string): string | null {
  const [v, iv, ct, tag] = stored.split(".");
  if (v !== "v1" || !iv || !ct || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(endpointId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
