-- Feature flags: a percentage rollout for async mode, and the history of every change (who, when,
-- before → after). Flags themselves are created with their defaults on first read (lib/flags).

-- AlterTable
ALTER TABLE "FeatureFlag" ADD COLUMN     "rolloutPercent" INTEGER NOT NULL DEFAULT 100;

-- CreateTable
CREATE TABLE "FeatureFlagChange" (
    "id" TEXT NOT NULL,
    "flagKey" TEXT NOT NULL,
    "userId" TEXT,
    "before" JSONB NOT NULL,
    "after" JSONB NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeatureFlagChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FeatureFlagChange_changedAt_idx" ON "FeatureFlagChange"("changedAt" DESC);

-- CreateIndex
CREATE INDEX "FeatureFlagChange_flagKey_changedAt_idx" ON "FeatureFlagChange"("flagKey", "changedAt" DESC);

-- AddForeignKey
ALTER TABLE "FeatureFlagChange" ADD CONSTRAINT "FeatureFlagChange_flagKey_fkey" FOREIGN KEY ("flagKey") REFERENCES "FeatureFlag"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeatureFlagChange" ADD CONSTRAINT "FeatureFlagChange_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
