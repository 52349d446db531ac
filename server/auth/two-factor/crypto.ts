// The secrets of two-factor authentication at rest and in transit:
//   - TOTP secrets are stored encrypted (AES-256-GCM, the user's id as associated data, so a
//     ciphertext copied onto another user's row does not decrypt);
//   - recovery codes carry 80 random bits and only their SHA-256 (salted with the user id) is kept;
//   - the enrolment ticket: a short-lived HMAC-signed statement "this caller just confirmed
//     enrolment", which upgrades the session that confirmed to a verified one (server/auth/options.ts).
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { env, getAuthSecret } from "@/server/env";
import { openSecret, sealSecret } from "@/server/security/sealed-secret";
import { readClaims, signClaims } from "@/server/security/signed-claims";

const totpKey = () => ({ material: env.TWO_FACTOR_ENCRYPTION_KEY ?? getAuthSecret(), purpose: "totp-secret v1" });

export function encryptTotpSecret(secret: string, userId: string): string {
  return sealSecret(totpKey(), secret, userId);
}

/** The secret, or null when it does not decrypt (another key, another user's row, tampered). */
export function decryptTotpSecret(stored: string, userId: string): string | null {
  return openSecret(totpKey(), stored, userId);
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
