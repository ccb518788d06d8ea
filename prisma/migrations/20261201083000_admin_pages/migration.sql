-- Admin pages: disabling users, and recording why a dead letter was discarded or which job replayed it.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "disabledAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "DeadLetter" ADD COLUMN "discardReason" TEXT,
ADD COLUMN "replayedJobId" TEXT;
