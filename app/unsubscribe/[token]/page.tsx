// The low-stock digest's unsubscribe link (decision 169): no sign-in, one button. Opening the page
// changes nothing (mail scanners open links); the button posts to /api/mail/unsubscribe, which
// turns the digest off and comes back here with ?done=1. A token that does not verify is a 404.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { unsubscribeTarget, UNSUBSCRIBE_POST_PATH } from "@/server/services/notifications/unsubscribe";

// The token is in this page's address: no other site gets it as a Referer. "same-origin", not
// "no-referrer": the button's form post would carry `Origin: null`, which the route guard refuses.
export const metadata: Metadata = { title: "Unsubscribe", referrer: "same-origin", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function UnsubscribePage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await params;
  if (token.length > 1000) notFound();
  let target: { email: string; subscribed: boolean };
  try {
    target = await unsubscribeTarget(await getDb(), decodeURIComponent(token));
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  const done = (await searchParams).done === "1" && !target.subscribed;
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">Low-stock digest</h1>
      {done || !target.subscribed ? (
        <p role="status" className="break-words text-slate-700">
          You are unsubscribed: <strong className="break-words">{target.email}</strong> no longer receives the daily low-stock digest. You can turn it back on in your{" "}
          <Link href="/seller/settings/email" className="text-brand-700 underline">
            email settings
          </Link>
          .
        </p>
      ) : (
        <form method="post" action={`${UNSUBSCRIBE_POST_PATH}?token=${encodeURIComponent(decodeURIComponent(token))}`} className="flex flex-col gap-4">
          <p className="break-words text-slate-700">
            Stop sending the daily low-stock digest to <strong className="break-words">{target.email}</strong>? Order emails are not affected.
          </p>
          <button type="submit" className="self-start rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            Unsubscribe
          </button>
        </form>
      )}
    </div>
  );
}
