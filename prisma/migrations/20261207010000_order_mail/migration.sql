-- Order emails (docs/decisions.md 166-170): MailMessage, one row per email and recipient, keyed
-- by what it is for; OutboxEvent.mailAt/mailLockedUntil, the mail worker's own mark and lease;
-- User.lowStockDigest, the seller's digest preference.

-- CreateEnum
CREATE TYPE "MailMessageStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lowStockDigest" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "OutboxEvent" ADD COLUMN     "mailAt" TIMESTAMP(3),
ADD COLUMN     "mailLockedUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "MailMessage" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "outboxEventId" BIGINT,
    "status" "MailMessageStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MailMessage_key_key" ON "MailMessage"("key");

-- CreateIndex
CREATE INDEX "MailMessage_status_nextAttemptAt_idx" ON "MailMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "MailMessage_kind_createdAt_idx" ON "MailMessage"("kind", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxEvent_mailAt_id_idx" ON "OutboxEvent"("mailAt", "id");


-- Events recorded before this migration are not mailed: an upgrade must not send every past
-- order's confirmation at once.
UPDATE "OutboxEvent" SET "mailAt" = CURRENT_TIMESTAMP WHERE "mailAt" IS NULL;
