// The secrets of two-factor authentication at rest and in transit:
//   - TOTP secrets are stored encrypted (AES-256-GCM, the user's id as associated data, so a
//     ciphertext copied onto another user's row does not decrypt);
//   - recovery codes carry 80 random bits and only their SHA-256 (salted with the user id) is kept;
//   - the enrolment ticket: a short-lived HMAC-signed statement "this caller just confirmed
//     enrolment", which upgrades the session that confirmed to a verified one (server/auth/options.ts).
import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { env, getAuthSecret } from "@/server/env";
import { readClaims, signClaims } from "@/server/security/signed-claims";

function derive(material: string, label: string): Buffer {
  return Buffer.from(hkdfSync("sha256", material, "livemarket", label, 32));
}

function secretKey(): Buffer {
  return derive(env.TWO_FACTOR_ENCRYPTION_KEY ?? getAuthSecret(), "totp-secret v1");
}

const b64 = (b: Buffer) => b.toString("base64url");

/** `v1.<iv>.<ciphertext>.<tag>`, base64url. */
export function encryptTotpSecret(secret: string, userId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey(), iv);
  cipher.setAAD(Buffer.from(userId));
  const ct = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", b64(iv), b64(ct), b64(cipher.getAuthTag())].join(".");
}

/** The secret, or null when it does not decrypt (another key, another user's row, tampered). */
export function decryptTotpSecret(stored: string, userId: string): string | null {
  const [v, iv, ct, tag] = stored.split(".");
  if (v !== "v1" || !iv || !ct || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", secretKey(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Recovery codes: 16 characters of Crockford's base32 (80 bits), shown as xxxx-xxxx-xxxx-xxxx.

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join("");
  return chars.match(/.{4}/g)!.join("-");
}

/** What a person typed, as the code it means: case, spaces and dashes ignored, and the letters
 * Crockford's alphabet leaves out read as the digits they look like. Null when it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const s = input
    .toLowerCase()
    .replace(/[\s-]/g, "")
    .replace(/[il]/g, "1")
    .replace(/o/g, "0");
  return /^[0-9a-hjkmnp-tv-z]{16}$/.test(s) ? s : null;
}

export function hashRecoveryCode(userId: string, normalized: string): string {
  return createHash("sha256").update(`${userId}:${normalized}`).digest("hex");
}

// ---------------------------------------------------------------------------------------------
// Enrolment tickets.

export const ENROLMENT_TICKET_TTL_MS = 5 * 60_000;
const TICKET_PURPOSE = "2fa-enrolment-ticket-v1";

interface TicketBody {
  uid: string;
  /** the enrolment it proves (User.totpEnabledAt, ms): a ticket dies with its enrolment */
  at: number;
  exp: number;
}

export function signEnrolmentTicket(uid: string, enabledAt: Date, now = Date.now()): string {
  return signClaims(getAuthSecret(), TICKET_PURPOSE, { uid, at: enabledAt.getTime(), exp: now + ENROLMENT_TICKET_TTL_MS } satisfies TicketBody);
}

/** The ticket's claims when its signature holds and it has not expired; null otherwise. */
export function readEnrolmentTicket(ticket: unknown, now = Date.now()): TicketBody | null {
  const claims = readClaims(getAuthSecret(), TICKET_PURPOSE, ticket);
  if (!claims || typeof claims.uid !== "string" || typeof claims.at !== "number" || typeof claims.exp !== "number") return null;
  return claims.exp > now ? { uid: claims.uid, at: claims.at, exp: claims.exp } : null;
}
