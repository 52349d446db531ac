"use client";
// Account security: where the account is signed in. Each session with its browser, address and
// when it was last seen; sign out one of them, or every one (this device included).
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useDescribeError } from "@/client/i18n-errors";
import { useTRPC } from "@/client/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TitledSection } from "@/components/ui/titled-section";
import { describeUserAgent } from "@/shared/user-agent";
import { DateTime } from "@/components/ui/date-time";


export function SessionsSection() {
  const t = useTranslations("security.sessions");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: sessions } = useSuspenseQuery(trpc.account.sessions.queryOptions());
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
  const revoke = useMutation(trpc.account.revokeSession.mutationOptions());
  const everywhere = useMutation(trpc.account.signOutEverywhere.mutationOptions());

  async function revokeOne(sessionId: string) {
    setError(null);
    try {
      await revoke.mutateAsync({ sessionId });
    } catch (err) {
      setError(describeError(err).message);
    }
    await refresh();
  }

  async function signOutEverywhere() {
    setError(null);
    try {
      await everywhere.mutateAsync();
    } catch (err) {
      setError(describeError(err).message);
      return;
    }
    await signOut({ callbackUrl: "/signin" });
  }

  return (
    <TitledSection
      id="sessions"
      title={t("title")}
      className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
    >
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {error ? <Alert>{error}</Alert> : null}
      <ul className="flex flex-col divide-y divide-slate-200 rounded-md border border-slate-200" aria-label={t("list")}>
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between" data-testid="session-row">
            <div className="flex min-w-0 flex-col gap-0.5">
              <span className="font-medium text-slate-900">
                {describeUserAgent(s.userAgent)}
                {s.current ? <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">{t("thisDevice")}</span> : null}
              </span>
              <span className="break-words text-xs text-slate-500" title={s.userAgent}>
                {s.address || t("unknownAddress")} · {t("lastSeen")} <DateTime value={s.lastSeenAt} />
              </span>
              <span className="text-xs text-slate-500">
                {t("signedIn")} <DateTime value={s.createdAt} />
              </span>
            </div>
            {s.current ? (
              <Button variant="secondary" className="shrink-0 self-start whitespace-nowrap sm:self-auto" onClick={() => void signOut({ callbackUrl: "/signin" })}>
                {t("signOutThis")}
              </Button>
            ) : (
              <Button
                variant="secondary"
                className="shrink-0 self-start whitespace-nowrap sm:self-auto"
                disabled={revoke.isPending}
                onClick={() => void revokeOne(s.id)}
                aria-label={t("signOutOne", { device: describeUserAgent(s.userAgent), address: s.address || t("unknownAddressLower") })}
              >
                {t("signOut")}
              </Button>
            )}
          </li>
        ))}
      </ul>
      <div>
        <Button variant="secondary" pending={everywhere.isPending} pendingLabel={t("signingOut")} onClick={() => void signOutEverywhere()}>
          {t("everywhere")}
        </Button>
      </div>
    </TitledSection>
  );
}
