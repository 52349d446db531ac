// `webhook add | list | replay`: store and platform webhook endpoints through the webhook service
// (server/services/webhooks), the same rules as the settings pages. `add` prints only the
// signing secret on stdout (it is shown once); everything else goes to stderr.
//
// Who the CLI acts as (the audit log names them): the store's owner for a store's endpoint, and
// `--as <email>` (an enabled admin) for platform endpoints or when the owner can no longer act.
import type { Command } from "commander";
import type { Db } from "@/server/db/client";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { createWebhookEndpoint, listWebhookEndpoints, redeliverWebhook, type WebhookActor } from "@/server/services/webhooks";
import { WEBHOOK_EVENTS, type WebhookEventType } from "@/shared/api-scopes";

/** What this file needs from the CLI runner (scripts/cli.ts's CliDeps has these and more). */
export interface WebhookCliDeps {
  db(): Promise<Db>;
  stdout(text: string): void;
  stderr(text: string): void;
}

const usage = (message: string) => new AppError("VALIDATION", message);

function parseEvents(value: string): WebhookEventType[] {
  const events = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (events.length === 0 || unknown.length) {
    throw usage(`--events: ${unknown.length ? `unknown event ${unknown.map((e) => `"${e}"`).join(", ")}` : "name at least one"}; choose from ${WEBHOOK_EVENTS.join(", ")}`);
  }
  return events as WebhookEventType[];
}

async function storeBySlug(db: Db, slug: string) {
  const store = await db.store.findUnique({ where: { slug: slug.trim().toLowerCase() }, select: { id: true, slug: true, ownerId: true } });
  if (!store) throw new AppError("NOT_FOUND", `No store with the slug "${slug}"`);
  return store;
}

async function actorFor(db: Db, opts: { as?: string; store: { ownerId: string; slug: string } | null }): Promise<WebhookActor> {
  if (opts.as) {
    const user = await db.user.findUnique({ where: { email: opts.as.trim().toLowerCase() }, select: { id: true, role: true, disabledAt: true } });
    if (!user || user.disabledAt) throw new AppError("NOT_FOUND", `--as: no enabled account with the email ${opts.as}`);
    if (!opts.store && user.role !== "ADMIN") throw new AppError("FORBIDDEN", `--as: ${opts.as} is not an admin`);
    return { id: user.id, role: user.role };
  }
  if (!opts.store) throw usage("Platform webhooks are managed by admins: name one with --as <admin email>");
  const owner = await db.user.findUniqueOrThrow({ where: { id: opts.store.ownerId }, select: { id: true, role: true, disabledAt: true } });
  if (owner.role !== "SELLER" || owner.disabledAt) throw new AppError("FORBIDDEN", `The owner of ${opts.store.slug} is no longer an enabled seller; name an admin with --as <email>`);
  return { id: owner.id, role: owner.role };
}

export function register(program: Command, deps: WebhookCliDeps): void {
  const webhook = program.command("webhook").description("store and platform webhook endpoints");

  webhook
    .command("add")
    .description("add an endpoint and print its signing secret (only the secret, on stdout; it is shown once)")
    .option("--store <slug>", "an endpoint for this store's events")
    .option("--platform", "a platform endpoint (every store's events; needs --as)")
    .requiredOption("--url <url>", "the http(s) URL that receives the POSTs")
    .requiredOption("--events <list>", `comma-separated: ${WEBHOOK_EVENTS.join(", ")}`, parseEvents)
    .option("--description <text>", "what the endpoint is for")
    .option("--as <email>", "act as this user (an enabled admin; default for stores: the owner)")
    .action(async (opts: { store?: string; platform?: boolean; url: string; events: WebhookEventType[]; description?: string; as?: string }) => {
      if (Boolean(opts.store) === Boolean(opts.platform)) throw usage("Name exactly one of --store <slug> or --platform");
      const db = await deps.db();
      const store = opts.store ? await storeBySlug(db, opts.store) : null;
      const actor = await actorFor(db, { as: opts.as, store });
      const { endpoint, secret } = await inTransaction(db, (tx) =>
        createWebhookEndpoint(tx, { actor, storeId: store?.id ?? null, url: opts.url, events: opts.events, description: opts.description }),
      );
      deps.stderr(`Added ${store ? `an endpoint for ${store.slug}` : "a platform endpoint"} (id ${endpoint.id}) for ${endpoint.events.join(", ")}. The secret below is shown once.\n`);
      deps.stdout(`${secret}\n`);
    });

  webhook
    .command("list")
    .description("list endpoints with their state (all of them, or one store's, or the platform's)")
    .option("--store <slug>", "only this store's endpoints")
    .option("--platform", "only platform endpoints")
    .action(async (opts: { store?: string; platform?: boolean }) => {
      const db = await deps.db();
      const scopes: { label: string; storeId: string | null }[] = [];
      if (opts.store) {
        const store = await storeBySlug(db, opts.store);
        scopes.push({ label: store.slug, storeId: store.id });
      } else if (opts.platform) {
        scopes.push({ label: "platform", storeId: null });
      } else {
        scopes.push({ label: "platform", storeId: null });
        for (const s of await db.store.findMany({ where: { webhooks: { some: {} } }, select: { id: true, slug: true }, orderBy: { slug: "asc" } })) scopes.push({ label: s.slug, storeId: s.id });
      }
      const rows: string[][] = [];
      for (const scope of scopes) {
        for (const e of await listWebhookEndpoints(db, { storeId: scope.storeId })) {
          rows.push([e.id, scope.label, e.state, e.events.join(","), e.url, e.disabledReason ?? ""]);
        }
      }
      const header = ["ID", "SCOPE", "STATE", "EVENTS", "URL", "REASON"];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd();
      deps.stdout([line(header), ...rows.map(line)].join("\n") + "\n");
    });

  webhook
    .command("replay")
    .description("deliver one delivery again now (same event id and body)")
    .argument("<deliveryId>", "the delivery's id (from the delivery log)")
    .option("--as <email>", "act as this user (an enabled admin; default for stores: the owner)")
    .action(async (deliveryId: string, opts: { as?: string }) => {
      const db = await deps.db();
      const d = await db.webhookDelivery.findUnique({ where: { id: deliveryId.trim() }, select: { id: true, endpoint: { select: { storeId: true, store: { select: { slug: true, ownerId: true } } } } } });
      if (!d) throw new AppError("NOT_FOUND", `No webhook delivery with the id "${deliveryId}"`);
      const actor = await actorFor(db, { as: opts.as, store: d.endpoint.store });
      await inTransaction(db, (tx) => redeliverWebhook(tx, { actor, storeId: d.endpoint.storeId, deliveryId: d.id }));
      deps.stderr(`Delivery ${d.id} queued; the app's webhook worker sends it within a second or two.\n`);
    });
}
