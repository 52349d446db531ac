// What a key page says before its form: what keys are for, how to send one, how to end one.
export function ApiKeysIntro({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex max-w-3xl flex-col gap-2 text-sm text-slate-700">
      <p>{children}</p>
      <p>
        Send a key in the <code className="font-mono text-xs">Authorization: Bearer lm_live_…</code> header of requests to{" "}
        <code className="font-mono text-xs">/api/v1</code> (the{" "}
        <a href="/docs/api" className="text-brand-700 underline">
          API reference
        </a>{" "}
        lists what each scope allows). A key is shown once, when you create it. Revoke a key you no longer use or that may have leaked: it stops working at once.
      </p>
    </div>
  );
}
