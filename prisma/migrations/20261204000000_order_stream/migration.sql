-- Order events from other systems (issue 12): the stream's embedded transport, dead letters, the
-- shortfall of an order received as an event, and the status stream's own outbox mark.

-- AlterEnum (new values are not used in this migration: PostgreSQL refuses that in one transaction)
ALTER TYPE "StockReason" ADD VALUE 'EXTERNAL_ORDER';
ALTER TYPE "OrderStatus" ADD VALUE 'NEEDS_ATTENTION';

-- AlterTable
ALTER TABLE "OrderItem" ADD COLUMN "shortQuantity" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_shortQuantity_check" CHECK ("shortQuantity" >= 0 AND "shortQuantity" <= quantity);

-- AlterTable: events recorded before this migration are history, not news for the status stream.
ALTER TABLE "OutboxEvent" ADD COLUMN "streamAt" TIMESTAMP(3),
ADD COLUMN "streamLockedUntil" TIMESTAMP(3);
UPDATE "OutboxEvent" SET "streamAt" = timezone('UTC', now());

-- CreateTable
CREATE TABLE "StreamMessage" (
    "id" BIGSERIAL NOT NULL,
    "stream" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "deliveries" INTEGER NOT NULL DEFAULT 0,
    "consumer" TEXT,
    "takenAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StreamMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StreamDeadLetter" (
    "id" BIGSERIAL NOT NULL,
    "stream" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StreamDeadLetter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OutboxEvent_streamAt_id_idx" ON "OutboxEvent"("streamAt", "id");
CREATE INDEX "StreamMessage_stream_id_idx" ON "StreamMessage"("stream", "id");
CREATE INDEX "StreamDeadLetter_createdAt_idx" ON "StreamDeadLetter"("createdAt");
