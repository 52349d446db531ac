-- Webhooks (issue 11): endpoints with an encrypted signing secret, their events, failing-since and
-- disabling with a reason; one delivery row per event and endpoint carrying the exact body sent
-- on every attempt; a second, independent fan-out mark on the outbox (the socket relay keeps its
-- own publishedAt and lease). The two tables existed unused: no rows to carry over.
DELETE FROM "WebhookDelivery";
DELETE FROM "WebhookEndpoint";

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- DropIndex
DROP INDEX "WebhookDelivery_deliveredAt_nextAttemptAt_idx";

-- DropIndex
DROP INDEX "WebhookDelivery_endpointId_outboxEventId_key";

-- AlterTable
ALTER TABLE "OutboxEvent" ADD COLUMN     "webhooksAt" TIMESTAMP(3),
ADD COLUMN     "webhooksLockedUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WebhookEndpoint" DROP COLUMN "active",
ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "description" TEXT,
ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "disabledReason" TEXT,
ADD COLUMN     "failingSince" TIMESTAMP(3),
ADD COLUMN     "secretHint" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "body" TEXT NOT NULL,
ADD COLUMN     "eventId" TEXT NOT NULL,
ADD COLUMN     "eventType" TEXT NOT NULL,
ADD COLUMN     "giveUpAt" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "lastLatencyMs" INTEGER,
ADD COLUMN     "lastResponse" TEXT,
ADD COLUMN     "lockedUntil" TIMESTAMP(3),
ADD COLUMN     "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING';

-- CreateIndex
CREATE INDEX "OutboxEvent_webhooksAt_id_idx" ON "OutboxEvent"("webhooksAt", "id");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_createdAt_idx" ON "WebhookDelivery"("endpointId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_endpointId_eventId_key" ON "WebhookDelivery"("endpointId", "eventId");

-- Events recorded before webhooks existed had no endpoint to go to: not fanned out now.
UPDATE "OutboxEvent" SET "webhooksAt" = CURRENT_TIMESTAMP WHERE "webhooksAt" IS NULL;
