-- The outbox relay claims a batch by setting a short lease, publishes it, then marks it
-- published. A relay that dies mid-batch leaves only a lease, which expires, so another relay
-- (or the same one after restart) publishes the batch: at least once, never lost.
ALTER TABLE "OutboxEvent" ADD COLUMN "lockedUntil" TIMESTAMP(3);
