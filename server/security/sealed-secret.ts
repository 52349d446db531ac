// Secrets we must be able to read back (TOTP seeds, webhook signing secrets) are stored sealed:
// AES-256-GCM under a key derived (HKDF) from the deployment's key material and a purpose label,
// with the owning row's id as associated data, so a ciphertext copied onto another row, or sealed
// for another purpose, does not open. Stored form: `v1.<iv>.<ciphertext>.<tag>`, base64url.
import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const b64 = (b: Buffer) => b.toString("base64url");

function key(material: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", material, "livemarket", purpose, 32));
}

export interface SealingKey {
  /** The key material (an env key, else the auth secret). */
  material: string;
  /** What the secret is for, e.g. "totp-secret v1": a key per purpose. */
  purpose: string;
}

export function sealSecret(k: SealingKey, secret: string, ownerId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(k.material, k.purpose), iv);
  cipher.setAAD(Buffer.from(ownerId));
  const ct = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", b64(iv), b64(ct), b64(cipher.getAuthTag())].join(".");
}

/** The secret, or null when it does not open (another key or purpose, another row, tampered). */
export function openSecret(k: SealingKey, stored: string, ownerId: string): string | null {
  const [v, iv, ct, tag] = stored.split(".");
  if (v !== "v1" || !iv || !ct || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(k.material, k.purpose), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(ownerId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
