-- API keys (server/services/api-keys/): a key belongs to a store (storeId) or, with no store, is a
-- platform key made by an admin; it may expire; its last use (time and address) is shown. The
-- column that named the key's user becomes the user who created it. The audit log names the key
-- a change was made with (its id and its name at the time).

-- AlterTable
ALTER TABLE "ApiKey" DROP CONSTRAINT "ApiKey_userId_fkey";
DROP INDEX "ApiKey_userId_idx";
ALTER TABLE "ApiKey" RENAME COLUMN "userId" TO "createdById";
ALTER TABLE "ApiKey" ADD COLUMN "storeId" TEXT,
ADD COLUMN "expiresAt" TIMESTAMP(3),
ADD COLUMN "lastUsedAddress" TEXT;

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN "apiKeyId" TEXT,
ADD COLUMN "apiKeyName" TEXT;

-- CreateIndex
CREATE INDEX "ApiKey_storeId_createdAt_idx" ON "ApiKey"("storeId", "createdAt");

-- CreateIndex
CREATE INDEX "ApiKey_createdById_idx" ON "ApiKey"("createdById");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE CASCADE ON UPDATE CASCADE;
