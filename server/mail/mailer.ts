// The shop's one way to send mail. With SMTP_URL: nodemailer over SMTP. Without (the embedded
// default): each message is written as a JSON file under DATA_DIR/mail, listed by the dev mailbox
// page (/dev/mail), so a newcomer can follow a reset link with no mail server at all.
//
// Callers send after their transaction has committed (a rolled-back request sends nothing) and
// through `deliver`, which logs a failure instead of throwing: mail is a side effect, and a broken
// mail server must not turn the request that caused it into a 5xx. See docs/decisions.md (45).
import "server-only";
import { isLoopbackAddress } from "@/server/limits/client-address";
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { env } from "@/server/env";
import { logger } from "@/server/observability/logger";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (List-Unsubscribe, Message-ID): passed to SMTP as they are, kept by the folder. */
  headers?: Record<string, string>;
}

/** A message as the folder keeps it. */
export interface StoredMail extends Mail {
  id: string;
  from: string;
  /** ISO 8601 */
  date: string;
}

export interface Mailer {
  readonly kind: "smtp" | "folder";
  /** Sends one message; rejects when it could not be handed over. */
  send(mail: Mail): Promise<void>;
}

/** Where the folder mailer writes: DATA_DIR/mail. */
export function mailDir(dataDir: string = env.DATA_DIR): string {
  return path.resolve(dataDir, "mail");
}

/** Writes each message to `dir` as `<date>-<random>.json`: first to a hidden temporary file,
 * flushed to disk, then renamed, so a process that dies mid-write leaves no half message and a
 * message once sent survives a crash. */
export function folderMailer(dir: string, from: string = env.MAIL_FROM): Mailer {
  return {
    kind: "folder",
    async send(mail) {
      await mkdir(dir, { recursive: true });
      const date = new Date();
      const id = `${date.toISOString().replace(/[:.]/g, "-")}-${randomBytes(6).toString("hex")}`;
      const stored: StoredMail = { id, from, date: date.toISOString(), to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, ...(mail.headers ? { headers: mail.headers } : {}) };
      const tmp = path.join(dir, `.${id}.tmp`);
      const file = await open(tmp, "wx", 0o600);
      try {
        await file.writeFile(JSON.stringify(stored, null, 2));
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(tmp, path.join(dir, `${id}.json`));
    },
  };
}

/** Sends over SMTP. `url`: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
export function smtpMailer(url: string, from: string = env.MAIL_FROM): Mailer {
  const transport = nodemailer.createTransport({
    url,
    // Fail in seconds, not nodemailer's minutes: nobody waits on these, but they hold a socket.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as nodemailer.TransportOptions);
  return {
    kind: "smtp",
    async send(mail) {
      // A Message-ID among the headers becomes the message's own (nodemailer's messageId option).
      const { "Message-ID": messageId, ...headers } = mail.headers ?? {};
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers, ...(messageId ? { messageId } : {}) });
    },
  };
}

const g = globalThis as unknown as { __livemarketMailer?: Mailer };

/** The app's mailer: SMTP when SMTP_URL is set, otherwise the DATA_DIR/mail folder. */
export function getMailer(): Mailer {
  if (g.__livemarketMailer) return g.__livemarketMailer;
  if (env.SMTP_URL) return (g.__livemarketMailer = smtpMailer(env.SMTP_URL));
  if (env.NODE_ENV === "production") {
    logger.warn("SMTP_URL is not set: mail is written to DATA_DIR/mail and anyone who reaches /dev/mail can read it", {
      dir: mailDir(),
    });
  }
  return (g.__livemarketMailer = folderMailer(mailDir()));
}

/** Is the dev mailbox (/dev/mail) on? Only while there is no mail server. */
export function devMailboxEnabled(): boolean {
  return !env.SMTP_URL;
}

/** May this client read the dev mailbox? Only from this machine itself (the newcomer's browser on
 * localhost): a reset link for any account lies in it, so a shop started without SMTP_URL and
 * reachable from elsewhere must not show it to the world. */
export function devMailboxReadableBy(clientAddress: string): boolean {
  return devMailboxEnabled() && isLoopbackAddress(clientAddress);
}

/** Sends and never throws: a failure is logged (with the recipient's domain only) and reported
 * as `false`. */
export async function deliver(mailer: Mailer, mail: Mail, what: string): Promise<boolean> {
  try {
    await mailer.send(mail);
    return true;
  } catch (err) {
    logger.error("mail not sent", { what, transport: mailer.kind, toDomain: mail.to.split("@").pop(), err });
    return false;
  }
}

/** The folder's messages, newest first (at most `limit`). Unreadable files are skipped. */
export async function listFolderMail(dir: string = mailDir(), limit = 100): Promise<StoredMail[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  // File names start with the ISO date, so a name sort is a date sort.
  const newest = names.filter((n) => n.endsWith(".json") && !n.startsWith(".")).sort().reverse().slice(0, limit);
  const out: StoredMail[] = [];
  for (const name of newest) {
    try {
      out.push(JSON.parse(await readFile(path.join(dir, name), "utf8")) as StoredMail);
    } catch {
      // a file someone else put there, or edited: not a message
    }
  }
  return out;
}
