// A key's secret: `lm_live_<prefix>_<random>`, the prefix (8 random bytes, hex) the public
// lookup id, the random part 32 bytes (256 bits). Only the SHA-256 of the whole secret is kept:
// with 256 bits of randomness a slow hash (argon2) adds nothing against guessing and would cost
// every API request tens of milliseconds (docs/decisions.md).
import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { API_KEY_PATTERN, API_KEY_PREFIX } from "@/shared/api-scopes";

export function newApiKeySecret(): { prefix: string; secret: string; hash: string } {
  const prefix = randomBytes(8).toString("hex");
  const secret = `${API_KEY_PREFIX}${prefix}_${randomBytes(32).toString("base64url")}`;
  return { prefix, secret, hash: hashApiKeySecret(secret) };
}

export function hashApiKeySecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The prefix of a well-formed secret, else null. */
export function parseApiKeySecret(presented: string): { prefix: string } | null {
  const m = API_KEY_PATTERN.exec(presented);
  return m ? { prefix: m[1]! } : null;
}

export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKeySecret(presented), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
