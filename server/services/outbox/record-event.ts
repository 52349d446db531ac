// Transactional outbox: events are written in the same transaction as the change they describe
// and relayed after commit by server/realtime/relay.ts (at least once; a duplicate is harmless
// because every event carries a version). Payloads are checked against the event contract
// (shared/events.ts) here, where they are written: a bad payload fails its transaction instead of
// reaching the relay. Variant stock and price events are written by
// server/services/inventory/variant-change.ts, in the statement that changes the variant.
import "server-only";
import { Prisma } from "@/generated/prisma/client.ts";
import type { Tx } from "@/server/db/transaction";
import { invalidateCatalogAfterCommit, invalidateCommitted, tagsOfEvents } from "@/server/services/catalog/catalog-invalidation";
import type { z } from "zod";
import { OUTBOX_EVENTS, type EventName } from "@/shared/events";

/** A payload as written (fields with defaults may be left out). */
type OutboxPayloadInput<E extends EventName> = z.input<(typeof OUTBOX_EVENTS)[E]>;

export interface OutboxEventInput {
  topic: EventName;
  aggregateId: string;
  payload: Prisma.InputJsonValue;
}

export function outboxEvent<E extends EventName>(topic: E, aggregateId: string, payload: OutboxPayloadInput<E>): OutboxEventInput {
  return { topic, aggregateId, payload: OUTBOX_EVENTS[topic].parse(payload) as Prisma.InputJsonValue };
}

/** The INSERT of `events`: a statement of its own (recordEvents) or a CTE of a larger one.
 * `onlyIf`, a condition of that statement (say `EXISTS (SELECT 1 FROM o)`, a CTE's row), writes
 * the events only when it holds. */
export function outboxInsert(events: readonly OutboxEventInput[], at: Prisma.Sql = Prisma.sql`timezone('UTC', now())`, onlyIf?: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "OutboxEvent" (topic, "aggregateId", payload, "createdAt")
    SELECT x.topic, x."aggregateId", x.payload, ${at}
    FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS x(topic text, "aggregateId" text, payload jsonb)${onlyIf ? Prisma.sql` WHERE ${onlyIf}` : Prisma.empty}`;
}

export async function recordEvents(tx: Tx, events: readonly OutboxEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.$executeRaw(outboxInsert(events));
  eventsRecorded(tx, events);
}

/** What every writer of outbox rows does besides inserting them: once the transaction commits,
 * the catalogue cache forgets what the events' changes touch (catalog-tags.ts). recordEvents
 * calls it; a writer that puts `outboxInsert` into its own statement calls it itself
 * (test/structure.test.ts checks). variant-change.ts invalidates from its rows instead. */
export function eventsRecorded(tx: Tx, events: readonly OutboxEventInput[]): void {
  invalidateCatalogAfterCommit(tx, tagsOfEvents(events));
}

/** eventsRecorded for a statement that committed on its own (no transaction: the payment confirm
 * of settle-payment.ts), called after it returned, with the events it wrote. */
export function eventsCommitted(events: readonly OutboxEventInput[]): Promise<void> {
  return invalidateCommitted(tagsOfEvents(events));
}
