// The dev mailbox: the messages the shop wrote to DATA_DIR/mail because it has no mail server
// (SMTP_URL unset), newest first, links clickable, to a browser on this machine only. With SMTP_URL
// set, or for any other client, this page does not exist.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { requestAddress } from "@/server/limits";
import { devMailboxReadableBy, listFolderMail, mailDir } from "@/server/mail/mailer";

// "same-origin", not "no-referrer": a form posted from a no-referrer page carries `Origin: null`,
// which the route guard refuses (the digest button below); other sites still get no Referer.
export const metadata: Metadata = { title: "Dev mailbox", referrer: "same-origin", robots: { index: false } };
export const dynamic = "force-dynamic";

const URL_RE = /(https?:\/\/[^\s<>"]+)/g;

/** Text with its http(s) URLs as links (React escapes everything else). */
function Linkified({ text }: { text: string }) {
  return text.split(URL_RE).map((part, i) =>
    i % 2 === 1 ? (
      <a key={i} href={part} className="break-all text-brand-700 underline">
        {part}
      </a>
    ) : (
      <span key={i}>{part}</span>
    ),
  );
}

/** One message as it was sent: subject, time, addresses and text. */
function MailMessage({ message }: { message: Awaited<ReturnType<typeof listFolderMail>>[number] }) {
  return (
    <li className="rounded-md border border-slate-200 bg-white p-4" aria-label={message.subject}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 className="font-semibold">{message.subject}</h2>
        <time dateTime={message.date} className="text-xs text-slate-500">
          {new Date(message.date).toISOString().replace("T", " ").slice(0, 19)} UTC
        </time>
      </div>
      <p className="mt-1 text-sm break-all text-slate-600">
        To: {message.to} · From: {message.from}
      </p>
      <pre className="mt-3 font-sans text-sm whitespace-pre-wrap text-slate-800">
        <Linkified text={message.text} />
      </pre>
    </li>
  );
}

export default async function DevMailPage() {
  // Only for this machine's own browser: the mailbox holds reset links for any account.
  if (!devMailboxReadableBy(requestAddress(await headers()))) notFound();
  const messages = await listFolderMail();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">Dev mailbox</h1>
      <p className="mt-2 text-sm text-slate-600">
        This shop has no mail server (<code>SMTP_URL</code> is not set), so every email it sends is kept in <code className="break-all">{mailDir()}</code>{" "}
        and shown here, newest first, to a browser on this machine only. Set <code>SMTP_URL</code> before the shop faces the public.
      </p>
      <form method="post" action="/api/dev/mail/digest" className="mt-4 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col gap-1">
          <span className="text-slate-700">Day (UTC, YYYY-MM-DD; empty: today)</span>
          <input name="day" pattern="\d{4}-\d{2}-\d{2}" className="rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 font-medium hover:bg-slate-50">
          Send the low-stock digest now
        </button>
      </form>
      {messages.length === 0 ? (
        <p className="mt-8 text-slate-600">No mail yet.</p>
      ) : (
        <ol className="mt-6 flex flex-col gap-4" aria-label="Messages">
          {messages.map((m) => (
            <MailMessage key={m.id} message={m} />
          ))}
        </ol>
      )}
    </div>
  );
}
