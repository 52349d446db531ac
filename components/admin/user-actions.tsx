"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/client/trpc";
import { describeError } from "@/client/trpc-errors";
import { Button } from "@/components/ui/button";

type Role = "CUSTOMER" | "SELLER" | "ADMIN";

/** Role change and disable/enable for one user row. The server refuses changes to oneself too. */
export function UserActions({ user, isSelf }: { user: { id: string; email: string; role: Role; disabled: boolean }; isSelf: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [role, setRole] = useState<Role>(user.role);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const roleId = useId();
  const onError = (err: unknown) => setMessage({ tone: "error", text: describeError(err).message });
  const saveRole = useMutation(
    trpc.admin.users.setRole.mutationOptions({
      onSuccess: (u) => {
        setMessage({ tone: "ok", text: `Role is now ${u.role.toLowerCase()}` });
        router.refresh();
      },
      onError,
    }),
  );
  const setDisabled = useMutation(
    trpc.admin.users.setDisabled.mutationOptions({
      onSuccess: (u) => {
        setConfirming(false);
        setMessage({ tone: "ok", text: u.disabledAt ? "Account disabled" : "Account enabled" });
        router.refresh();
      },
      onError,
    }),
  );
  if (isSelf) return <span className="text-xs text-slate-500">This is you</span>;
  return (
    <div className="flex flex-col gap-2">
      <form
        className="flex items-center gap-2"
        aria-label={`Change the role of ${user.email}`}
        onSubmit={(e) => {
          e.preventDefault();
          setMessage(null);
          saveRole.mutate({ userId: user.id, role });
        }}
      >
        <label htmlFor={roleId} className="sr-only">Role of {user.email}</label>
        <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as Role)} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
          <option value="CUSTOMER">Customer</option>
          <option value="SELLER">Seller</option>
          <option value="ADMIN">Admin</option>
        </select>
        <Button type="submit" variant="secondary" className="px-2 py-1" pending={saveRole.isPending} pendingLabel="Saving…" disabled={role === user.role}>Save role</Button>
      </form>
      {user.disabled ? (
        <Button variant="secondary" className="px-2 py-1" disabled={setDisabled.isPending} onClick={() => setDisabled.mutate({ userId: user.id, disabled: false })}>
          Enable account
        </Button>
      ) : confirming ? (
        <div role="alertdialog" aria-label={`Disable ${user.email}?`} className="flex flex-col gap-2 rounded-md border border-red-200 bg-red-50 p-2 text-xs text-red-900">
          <p>Disable {user.email}? They cannot sign in, and open sessions end within a minute.</p>
          <div className="flex gap-2">
            <Button className="px-2 py-1" disabled={setDisabled.isPending} onClick={() => setDisabled.mutate({ userId: user.id, disabled: true })}>
              Yes, disable
            </Button>
            <Button variant="secondary" className="px-2 py-1" onClick={() => setConfirming(false)}>Keep enabled</Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" className="px-2 py-1" onClick={() => setConfirming(true)}>Disable account</Button>
      )}
      {message ? (
        <p role={message.tone === "error" ? "alert" : "status"} className={`text-xs ${message.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
