// Webhook endpoints of a store (storeId) or of the platform (storeId null, admins): create (the
// signing secret is answered once and stored encrypted), list, delete, enable again after the
// worker disabled one. The caller (router, REST handler, CLI) has checked who may act for the
// scope and opens the transaction.
import "server-only";
import type { DbClient, Tx } from "@/server/db/transaction";
import { newId } from "@/server/db/ids";
import { webhooksAllowPrivate } from "@/server/env";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { newWebhookSecret, sealWebhookSecret } from "@/server/webhooks/secret";
import { assertWebhookUrl } from "@/server/webhooks/url-guard";
import { WEBHOOK_EVENTS, type WebhookEventType } from "@/shared/api-scopes";
import { ZCreateWebhookEndpointInput, type TCreateWebhookEndpointInput, type WebhookEndpointView } from "./schemas";

export interface WebhookActor {
  id: string;
  role: string;
}

/** At most this many endpoints per store (and for the platform). */
export const MAX_ENDPOINTS = 20;

const ENDPOINT_SELECT = {
  id: true,
  storeId: true,
  url: true,
  description: true,
  topics: true,
  secretHint: true,
  failingSince: true,
  disabledAt: true,
  disabledReason: true,
  createdAt: true,
} as const;

interface EndpointRow {
  id: string;
  storeId: string | null;
  url: string;
  description: string | null;
  topics: string[];
  secretHint: string;
  failingSince: Date | null;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
}

const isEvent = (t: string): t is WebhookEventType => (WEBHOOK_EVENTS as readonly string[]).includes(t);

function view(r: EndpointRow): WebhookEndpointView {
  return {
    id: r.id,
    storeId: r.storeId,
    url: r.url,
    description: r.description,
    events: r.topics.filter(isEvent),
    secretHint: r.secretHint,
    state: r.disabledAt ? "disabled" : r.failingSince ? "failing" : "active",
    failingSince: r.failingSince,
    disabledAt: r.disabledAt,
    disabledReason: r.disabledReason,
    createdAt: r.createdAt,
  };
}

/** Platform endpoints belong to admins only, whatever the caller checked. */
function assertScope(actor: WebhookActor, storeId: string | null) {
  if (storeId === null && actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only admins manage platform webhooks");
}

export async function createWebhookEndpoint(
  tx: Tx,
  args: { actor: WebhookActor; storeId: string | null; url: string; events: WebhookEventType[]; description?: string },
  opts: { allowPrivate?: boolean } = {},
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  assertScope(args.actor, args.storeId);
  const input = ZCreateWebhookEndpointInput.parse({ url: args.url, events: args.events, description: args.description } satisfies TCreateWebhookEndpointInput);
  assertWebhookUrl(input.url, opts.allowPrivate ?? webhooksAllowPrivate());
  const count = await tx.webhookEndpoint.count({ where: { storeId: args.storeId } });
  if (count >= MAX_ENDPOINTS) throw new AppError("CONFLICT", `At most ${MAX_ENDPOINTS} webhook endpoints; delete one first`);
  const id = newId();
  const secret = newWebhookSecret();
  const row = await tx.webhookEndpoint.create({
    data: {
      id,
      storeId: args.storeId,
      url: input.url,
      description: input.description || null,
      topics: [...new Set(input.events)],
      secret: sealWebhookSecret(secret, id),
      secretHint: secret.slice(-4),
      createdById: args.actor.id,
    },
    select: ENDPOINT_SELECT,
  });
  await recordAudit(tx, {
    actorId: args.actor.id,
    action: "webhook.create",
    entityType: "WebhookEndpoint",
    entityId: id,
    before: null,
    after: { storeId: args.storeId, url: row.url, events: row.topics },
  });
  return { endpoint: view(row), secret };
}

export async function listWebhookEndpoints(db: DbClient, args: { storeId: string | null }): Promise<WebhookEndpointView[]> {
  const rows = await db.webhookEndpoint.findMany({ where: { storeId: args.storeId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: ENDPOINT_SELECT });
  return rows.map(view);
}

/** The endpoint of this scope, locked; NOT_FOUND for another scope's. */
async function ownEndpoint(tx: Tx, storeId: string | null, id: string) {
  const row = await tx.webhookEndpoint.findFirst({ where: { id, storeId }, select: ENDPOINT_SELECT });
  if (!row) throw new AppError("NOT_FOUND", "Webhook endpoint not found");
  return row;
}

export async function deleteWebhookEndpoint(tx: Tx, args: { actor: WebhookActor; storeId: string | null; id: string }): Promise<void> {
  assertScope(args.actor, args.storeId);
  const row = await ownEndpoint(tx, args.storeId, args.id);
  await tx.webhookEndpoint.deleteMany({ where: { id: row.id, storeId: args.storeId } });
  await recordAudit(tx, { actorId: args.actor.id, action: "webhook.delete", entityType: "WebhookEndpoint", entityId: row.id, before: { url: row.url, events: row.topics }, after: null });
}

/** Turns a disabled (or failing) endpoint back on: its pending deliveries go out again. */
export async function enableWebhookEndpoint(tx: Tx, args: { actor: WebhookActor; storeId: string | null; id: string }): Promise<WebhookEndpointView> {
  assertScope(args.actor, args.storeId);
  const row = await ownEndpoint(tx, args.storeId, args.id);
  const saved = await tx.webhookEndpoint.update({ where: { id: row.id }, data: { disabledAt: null, disabledReason: null, failingSince: null }, select: ENDPOINT_SELECT });
  if (row.disabledAt) {
    await recordAudit(tx, { actorId: args.actor.id, action: "webhook.enable", entityType: "WebhookEndpoint", entityId: row.id, before: { disabledReason: row.disabledReason }, after: null });
  }
  return view(saved);
}
