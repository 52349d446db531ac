// The dev mailbox (/dev/mail) holds password reset links for any account: a shop started without
// SMTP_URL must show it to a browser on its own machine only. Attack: a client from elsewhere
// (or one whose address is unknown) asks for it.
import { describe, expect, it } from "vitest";
import { devMailboxEnabled, devMailboxReadableBy } from "./mailer";

describe("the dev mailbox", () => {
  it("is on without SMTP_URL (the test environment has none)", () => {
    expect(devMailboxEnabled()).toBe(true);
  });

  it("opens to this machine's own browser only", () => {
    for (const local of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.0.0.2"]) expect(devMailboxReadableBy(local), local).toBe(true);
    for (const remote of ["203.0.113.7", "10.0.0.5", "2001:db8::1", "::ffff:198.51.100.2", "unknown", "", "127.0.0.1.evil"]) {
      expect(devMailboxReadableBy(remote), remote).toBe(false);
    }
  });
});
