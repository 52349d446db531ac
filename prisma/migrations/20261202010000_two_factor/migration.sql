-- TOTP two-factor authentication (server/auth/two-factor/, docs/security.md "Two-factor
-- authentication"): the last accepted time step (replay refusal), when 2FA was turned on, the
-- demo accounts' exemption from the staff requirement, and one-time recovery codes (hashed).
ALTER TABLE "User" ADD COLUMN "totpEnabledAt" TIMESTAMP(3),
ADD COLUMN "totpLastStep" INTEGER,
ADD COLUMN "twoFactorExempt" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "TwoFactorRecoveryCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TwoFactorRecoveryCode_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "TwoFactorRecoveryCode_userId_codeHash_key" ON "TwoFactorRecoveryCode"("userId", "codeHash");

ALTER TABLE "TwoFactorRecoveryCode" ADD CONSTRAINT "TwoFactorRecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A database seeded before this migration: its demo accounts (the seed's fixed ids, which
-- prisma/seed/seed.ts derives from their emails, with the seed's fixed creation time) get the
-- exemption a fresh seed gives them. Accounts anyone else created never match.
UPDATE "User" SET "twoFactorExempt" = true
WHERE "createdAt" = TIMESTAMP '2025-11-01 12:00:00'
  AND ("id", "email") IN (
    ('usr_042dad40839b4055f856', 'customer@livemarket.test'),
    ('usr_e5a3a624b3f918cb6337', 'admin@livemarket.test'),
    ('usr_08485bb64382b737e8f8', 'seller1@livemarket.test'),
    ('usr_d808ec9a81ef5aa431cf', 'seller2@livemarket.test'),
    ('usr_31381606ccb2e4f260d1', 'seller3@livemarket.test')
  );
