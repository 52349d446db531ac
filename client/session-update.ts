// Asks next-auth to re-issue this browser's session cookie (its jwt callback runs with trigger
// "update", server/auth/options.ts): with the ticket that confirming two-factor enrolment answered,
// the session becomes verified; without, it re-reads the account (after turning 2FA off).
import { getCsrfToken } from "next-auth/react";

export async function updateSession(data: { twoFactorTicket?: string } = {}): Promise<boolean> {
  const csrfToken = await getCsrfToken();
  const res = await fetch("/api/auth/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ csrfToken, data }),
  });
  return res.ok;
}
