"use client";
// Webhook endpoints of a store (seller settings) or of the platform (admin): add one (the signing
// secret is shown once), see each one's state (failing, disabled and why), its delivery log with
// status, latency and the receiver's answer, redeliver, enable again, delete. Narrow screens get
// stacked cards; nothing scrolls sideways.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/client/trpc";
import { describeError } from "@/client/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { WEBHOOK_EVENTS, type WebhookEventType } from "@/shared/api-scopes";
import type { WebhookDeliveryView, WebhookEndpointView } from "@/server/services/webhooks/schemas";
import { DateTime } from "@/components/ui/date-time";

const EVENT_HELP: Record<WebhookEventType, string> = {
  "order.placed": "a new order (a store gets its share)",
  "order.status_changed": "an order part moved (paid, packed, shipped…)",
  "order.cancelled": "an order part was cancelled",
  "stock.changed": "a variant's stock changed",
  "price.changed": "a variant's price changed",
  "product.updated": "a product was created, saved or changed status",
};

const when = (d: Date | string | null) => (d ? <DateTime value={d} /> : "—");

type Scope = "seller" | "admin";

function useWebhookApi(scope: Scope) {
  const trpc = useTRPC();
  return scope === "seller" ? trpc.seller.webhooks : trpc.admin.webhooks;
}

export function WebhookManager({ scope }: { scope: Scope }) {
  const api = useWebhookApi(scope);
  const list = useQuery(api.list.queryOptions());
  return (
    <div className="flex flex-col gap-8">
      <CreateEndpoint scope={scope} />
      <section aria-labelledby="webhook-endpoints" className="flex flex-col gap-3">
        <h2 id="webhook-endpoints" className="text-lg font-semibold">
          Endpoints
        </h2>
        {list.isPending ? <p className="text-sm text-slate-600">Loading…</p> : null}
        {list.error ? <Alert>{describeError(list.error).message}</Alert> : null}
        {list.data?.length === 0 ? <p className="text-sm text-slate-600">No endpoints yet.</p> : null}
        <ul className="flex flex-col gap-4">
          {list.data?.map((e) => (
            <li key={e.id}>
              <EndpointCard scope={scope} endpoint={e} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function CreateEndpoint({ scope }: { scope: Scope }) {
  const api = useWebhookApi(scope);
  const qc = useQueryClient();
  const [events, setEvents] = useState<WebhookEventType[]>(["order.placed"]);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useMutation(
    api.create.mutationOptions({
      onSuccess: (res) => {
        setSecret({ url: res.endpoint.url, secret: res.secret });
        setCopied(false);
        void qc.invalidateQueries({ queryKey: api.list.queryKey() });
      },
    }),
  );
  const err = create.error ? describeError(create.error) : null;
  const eventsId = useId();
  return (
    <section aria-labelledby="webhook-add" className="flex max-w-2xl flex-col gap-3">
      <h2 id="webhook-add" className="text-lg font-semibold">
        Add an endpoint
      </h2>
      {secret ? (
        <Alert tone="success">
          <p>
            Endpoint added for <span className="break-all">{secret.url}</span>. Its signing secret is shown <strong>only now</strong>: keep it with the receiver, which
            uses it to verify each delivery&apos;s <code>Livemarket-Signature</code>.
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code aria-label="Signing secret" className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900">
              {secret.secret}
            </code>
            <Button
              variant="secondary"
              className="px-2 py-1"
              onClick={() => void navigator.clipboard?.writeText(secret.secret).then(() => setCopied(true), () => setCopied(false))}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
            <Button variant="ghost" className="px-2 py-1" onClick={() => setSecret(null)}>
              Done
            </Button>
          </div>
        </Alert>
      ) : null}
      <form
        className="flex flex-col gap-3"
        onSubmit={(ev) => {
          ev.preventDefault();
          const form = new FormData(ev.currentTarget);
          create.mutate(
            { url: String(form.get("url") ?? ""), description: String(form.get("description") ?? "") || undefined, events },
            { onSuccess: () => (ev.target as HTMLFormElement).reset() },
          );
        }}
      >
        <Field label="Endpoint URL" name="url" type="url" required placeholder="https://example.com/webhooks/livemarket" error={err?.fieldErrors.url} autoComplete="off" />
        <Field label="Description (optional)" name="description" maxLength={200} error={err?.fieldErrors.description} />
        <fieldset className="flex flex-col gap-1" aria-describedby={err?.fieldErrors.events ? eventsId : undefined}>
          <legend className="text-sm font-medium text-slate-800">Events</legend>
          {WEBHOOK_EVENTS.map((type) => (
            <label key={type} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-1"
                checked={events.includes(type)}
                onChange={(e) => setEvents((cur) => (e.target.checked ? [...cur, type] : cur.filter((t) => t !== type)))}
              />
              <span>
                <code className="font-mono text-xs">{type}</code> <span className="text-slate-600">— {EVENT_HELP[type]}</span>
              </span>
            </label>
          ))}
          {err?.fieldErrors.events ? (
            <p id={eventsId} className="text-sm text-red-700">
              {err.fieldErrors.events}
            </p>
          ) : null}
        </fieldset>
        {err && Object.keys(err.fieldErrors).length === 0 ? <Alert>{err.message}</Alert> : null}
        <div>
          <Button type="submit" disabled={create.isPending || events.length === 0}>
            {create.isPending ? "Adding…" : "Add endpoint"}
          </Button>
        </div>
      </form>
    </section>
  );
}

function StateBadge({ endpoint }: { endpoint: WebhookEndpointView }) {
  const styles = { active: "bg-green-100 text-green-800", failing: "bg-amber-100 text-amber-900", disabled: "bg-red-100 text-red-800" } as const;
  const text = { active: "Active", failing: `Failing since ${when(endpoint.failingSince)}`, disabled: "Disabled" } as const;
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${styles[endpoint.state]}`}>{text[endpoint.state]}</span>;
}

function EndpointCard({ scope, endpoint }: { scope: Scope; endpoint: WebhookEndpointView }) {
  const api = useWebhookApi(scope);
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const refresh = () => void qc.invalidateQueries({ queryKey: api.list.queryKey() });
  const del = useMutation(api.delete.mutationOptions({ onSuccess: refresh }));
  const enable = useMutation(api.enable.mutationOptions({ onSuccess: refresh }));
  const error = del.error ?? enable.error;
  const headingId = useId();
  return (
    <article aria-labelledby={headingId} className="flex flex-col gap-2 rounded-md border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="min-w-0 break-all font-mono text-sm font-semibold">
          {endpoint.url}
        </h3>
        <StateBadge endpoint={endpoint} />
      </div>
      {endpoint.description ? <p className="text-sm text-slate-700">{endpoint.description}</p> : null}
      <p className="text-xs text-slate-600">
        {endpoint.events.join(", ")} · secret …{endpoint.secretHint} · added {when(endpoint.createdAt)}
      </p>
      {endpoint.state === "disabled" ? (
        <Alert>
          <p>{endpoint.disabledReason ?? "Disabled."}</p>
          <p className="mt-1">Fix the receiver, then enable the endpoint: its pending deliveries go out again.</p>
        </Alert>
      ) : null}
      {error ? <Alert>{describeError(error).message}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" className="px-3 py-1" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? "Hide deliveries" : "Deliveries"}
        </Button>
        {endpoint.state === "disabled" ? (
          <Button variant="secondary" className="px-3 py-1" disabled={enable.isPending} onClick={() => enable.mutate({ id: endpoint.id })}>
            Enable
          </Button>
        ) : null}
        {confirming ? (
          <>
            <Button className="px-3 py-1" disabled={del.isPending} onClick={() => del.mutate({ id: endpoint.id })}>
              Delete for good
            </Button>
            <Button variant="ghost" className="px-3 py-1" onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </>
        ) : (
          <Button variant="ghost" className="px-3 py-1" onClick={() => setConfirming(true)}>
            Delete
          </Button>
        )}
      </div>
      {open ? <DeliveryLog scope={scope} endpointId={endpoint.id} /> : null}
    </article>
  );
}

function DeliveryLog({ scope, endpointId }: { scope: Scope; endpointId: string }) {
  const api = useWebhookApi(scope);
  const qc = useQueryClient();
  const log = useQuery({ ...api.deliveries.queryOptions({ endpointId }), refetchInterval: 5000 });
  const redeliver = useMutation(api.redeliver.mutationOptions({ onSuccess: () => void qc.invalidateQueries({ queryKey: api.deliveries.queryKey({ endpointId }) }) }));
  return (
    <section aria-label="Delivery log" className="flex flex-col gap-2">
      <div className="flex items-center gap-2">
        <h4 className="text-sm font-semibold">Latest deliveries</h4>
        <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={() => void log.refetch()}>
          Refresh
        </Button>
      </div>
      {log.error ? <Alert>{describeError(log.error).message}</Alert> : null}
      {redeliver.error ? <Alert>{describeError(redeliver.error).message}</Alert> : null}
      {log.data?.items.length === 0 ? <p className="text-sm text-slate-600">No deliveries yet: they appear here after the next event.</p> : null}
      <ul className="flex flex-col divide-y divide-slate-100 rounded border border-slate-100">
        {log.data?.items.map((d) => (
          <DeliveryRow key={d.id} d={d} onRedeliver={() => redeliver.mutate({ deliveryId: d.id })} busy={redeliver.isPending} />
        ))}
      </ul>
    </section>
  );
}

function DeliveryRow({ d, onRedeliver, busy }: { d: WebhookDeliveryView; onRedeliver: () => void; busy: boolean }) {
  const tone = { DELIVERED: "text-green-700", PENDING: "text-amber-700", FAILED: "text-red-700" }[d.status];
  return (
    <li className="flex flex-col gap-1 p-2 text-sm" data-testid="webhook-delivery">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <code className="font-mono text-xs">{d.eventType}</code>
        <span className={`font-medium ${tone}`}>{d.status.toLowerCase()}</span>
        <span className="text-xs text-slate-600">
          {d.lastStatus ? `HTTP ${d.lastStatus}` : d.attempts ? "no answer" : "not tried yet"}
          {d.lastLatencyMs !== null ? ` · ${d.lastLatencyMs} ms` : ""} · {d.attempts} attempt{d.attempts === 1 ? "" : "s"} · {when(d.createdAt)}
        </span>
        <Button variant="ghost" className="ml-auto px-2 py-0.5 text-xs" disabled={busy} onClick={onRedeliver}>
          Redeliver
        </Button>
      </div>
      <p className="break-all font-mono text-xs text-slate-500">{d.eventId}</p>
      {d.status === "PENDING" && d.nextAttemptAt && d.attempts > 0 ? <p className="text-xs text-slate-600">Next attempt {when(d.nextAttemptAt)}</p> : null}
      {d.lastError ? <p className="break-words text-xs text-red-700">{d.lastError}</p> : null}
      {d.lastResponse ? (
        <details className="text-xs">
          <summary className="cursor-pointer text-slate-600">Response</summary>
          <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2">{d.lastResponse}</pre>
        </details>
      ) : null}
    </li>
  );
}
