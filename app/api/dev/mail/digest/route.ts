// POST /api/dev/mail/digest (form field `day`, YYYY-MM-DD, default today in UTC): queues that
// day's low-stock digests now and has this process's mail worker send them, then answers with
// the dev mailbox. Exists only where /dev/mail does (no SMTP_URL, a browser on this machine): a
// newcomer sees the digest without waiting for MAIL_DIGEST_HOUR, and the e2e suite triggers it.
// A day whose digests were already queued sends nothing again (one per seller and day).
import { z } from "zod";
import { routeHandler } from "@/server/api/route";
import { getAppUrl } from "@/server/env";
import { AppError } from "@/server/errors";
import { devMailboxReadableBy } from "@/server/mail/mailer";
import { appMailWorker } from "@/server/services/notifications/app-worker";
import { DAY_RE, queueLowStockDigests, utcDay } from "@/server/services/notifications/digest";
import { zText } from "@/shared/text";

export const dynamic = "force-dynamic";

const ZDay = zText()
  .regex(DAY_RE, "Enter a day as YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "Enter a real day");

export const POST = routeHandler(
  "public",
  async ({ db, clientAddress, formData, body }) => {
    if (!devMailboxReadableBy(clientAddress)) throw new AppError("NOT_FOUND", "Not found");
    const raw = body.byteLength > 0 ? (await formData()).get("day") : null;
    const parsed = ZDay.safeParse(typeof raw === "string" && raw !== "" ? raw : utcDay(Date.now()));
    if (!parsed.success) throw new AppError("VALIDATION", "Enter a day as YYYY-MM-DD", { fieldErrors: { day: [z.prettifyError(parsed.error)] } });
    await queueLowStockDigests(db, parsed.data, getAppUrl());
    await (await appMailWorker())?.kick();
    return new Response(null, { status: 303, headers: { location: "/dev/mail", "cache-control": "no-store" } });
  },
  { body: { types: ["application/x-www-form-urlencoded", "multipart/form-data"], limit: 1024 } },
);
