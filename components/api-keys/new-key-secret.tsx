"use client";
// A new API key's secret, shown once right after it is made: the key, a copy button, and a plain
// warning that it will not be shown again (only its hash is kept).
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function NewKeySecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  return (
    <div role="region" aria-labelledby="new-api-key-title" className="flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-4">
      <h3 id="new-api-key-title" className="font-semibold text-amber-950">
        Your new key “{name}”
      </h3>
      <p className="text-sm font-medium text-amber-900">
        Copy it now and keep it somewhere safe, such as your password manager or the other program&apos;s settings. You won&apos;t see it again: we keep only a
        fingerprint of it. If you lose it, revoke it and create a new one.
      </p>
      <label htmlFor="new-api-key-secret" className="sr-only">
        The new API key
      </label>
      {/* A textarea so the whole key wraps at phone width (an input would cut it off). */}
      <textarea
        id="new-api-key-secret"
        data-testid="new-api-key-secret"
        readOnly
        value={secret}
        rows={2}
        spellCheck={false}
        autoComplete="off"
        onFocus={(e) => e.currentTarget.select()}
        className="w-full resize-none rounded border border-amber-300 bg-white px-2 py-2 font-mono text-xs break-all sm:text-sm"
      />
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          onClick={() => {
            navigator.clipboard?.writeText(secret).then(
              () => setCopied("yes"),
              () => setCopied("failed"),
            );
          }}
        >
          {copied === "yes" ? "Copied" : "Copy key"}
        </Button>
        <Button onClick={onDone}>I have saved it</Button>
        {copied === "failed" ? <span className="text-sm text-red-700">Copying was blocked: select the key and copy it yourself.</span> : null}
      </div>
    </div>
  );
}
