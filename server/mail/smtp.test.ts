// SMTP_URL mode against a real SMTP server on loopback (smtp-server, the library nodemailer's
// authors test with): a reset request ends as a message on the wire, and a server that refuses
// mail leaves the request's answer as it was.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDb } from "@/test/backends";
import { createAccountLimits } from "@/server/auth/account-limits";
import { hashPassword } from "@/server/auth/password";
import { requestPasswordReset } from "@/server/auth/password-reset";
import { smtpMailer } from "./mailer";

interface Received {
  from: string;
  to: string[];
  user?: string;
  raw: string;
}

function startServer(opts: { refuse?: boolean } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === "shop" && auth.password === "s3cret") cb(null, { user: auth.username });
      else cb(new Error("Invalid username or password"));
    },
    onRcptTo(_address, _session, cb) {
      if (opts.refuse) {
        const err = new Error("Mailbox unavailable") as Error & { responseCode: number };
        err.responseCode = 550;
        cb(err);
      } else cb();
    },
    onData(stream, session, cb) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (c: string) => (raw += c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw,
        });
        cb();
      });
    },
  });
  return {
    received,
    server,
    listen: () => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("SMTP_URL mode", () => {
  const t = useTestDb("pglite");
  const ok = startServer();
  const refusing = startServer({ refuse: true });
  let port = 0;
  let refusingPort = 0;
  beforeAll(async () => {
    port = await ok.listen();
    refusingPort = await refusing.listen();
  });
  afterAll(async () => {
    await ok.close();
    await refusing.close();
  });

  it("sends the reset mail over SMTP, authenticated, from MAIL_FROM, with the link", async () => {
    const user = await t.db.user.create({ data: { email: "smtp-reset@example.com", name: "Smtp Person", passwordHash: await hashPassword("whatever-password") } });
    const mailer = smtpMailer(`smtp://shop:s3cret@127.0.0.1:${port}`, "Shop <no-reply@shop.test>");
    expect(mailer.kind).toBe("smtp");
    const { work } = await requestPasswordReset(t.db, { email: user.email }, "a", { mailer, limits: createAccountLimits(), appUrl: "https://shop.test" });
    expect(await work).toBe("sent");
    expect(ok.received).toHaveLength(1);
    const [msg] = ok.received;
    expect(msg).toMatchObject({ from: "no-reply@shop.test", to: ["smtp-reset@example.com"], user: "shop" });
    expect(msg!.raw).toContain("Subject: Reset your Livemarket password");
    // The link, unfolded from quoted-printable.
    const body = msg!.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    expect(body).toMatch(/https:\/\/shop\.test\/reset-password\?token=[A-Za-z0-9_-]{43}/);
  });

  it("a server that refuses the mail costs the request nothing but a log line", async () => {
    const user = await t.db.user.create({ data: { email: "smtp-refused@example.com", name: "Refused", passwordHash: "x" } });
    const mailer = smtpMailer(`smtp://127.0.0.1:${refusingPort}`);
    const { work } = await requestPasswordReset(t.db, { email: user.email }, "a", { mailer, limits: createAccountLimits() });
    expect(await work).toBe("mail-failed");
    expect(refusing.received).toHaveLength(0);
  });
});
