// POST /api/mail/unsubscribe?token=<signed token>: turns the low-stock digest off for the token's
// user (decision 169), no sign-in. Two callers: the confirm page's button (a form post from the
// app's own page, answered with a redirect back to it) and a mail client's one-click unsubscribe
// (RFC 8058: body "List-Unsubscribe=One-Click", no cookie, answered 200). A token that does not
// verify is a 404 and changes nothing.
import { z } from "zod";
import { routeHandler } from "@/server/api/route";
import { AppError } from "@/server/errors";
import { unsubscribeDigest, UNSUBSCRIBE_PATH } from "@/server/services/notifications/unsubscribe";
import { zText } from "@/shared/text";

export const dynamic = "force-dynamic";

const ZToken = zText().min(1).max(1000);

export const POST = routeHandler(
  "public",
  async ({ req, db, formData, body }) => {
    const parsed = ZToken.safeParse(new URL(req.url).searchParams.get("token"));
    if (!parsed.success) throw new AppError("VALIDATION", "This unsubscribe link is incomplete", { fieldErrors: { token: [z.prettifyError(parsed.error)] } });
    const oneClick = body.byteLength > 0 && (await formData()).get("List-Unsubscribe") === "One-Click";
    const { email } = await unsubscribeDigest(db, parsed.data);
    if (oneClick) return Response.json({ unsubscribed: true, email }, { headers: { "cache-control": "no-store" } });
    return new Response(null, { status: 303, headers: { location: `${UNSUBSCRIBE_PATH}${encodeURIComponent(parsed.data)}?done=1`, "cache-control": "no-store" } });
  },
  { body: { types: ["application/x-www-form-urlencoded", "multipart/form-data"], limit: 4096 } },
);
