-- Reports on the queue: kind, progress, checksum, requester and retention.
-- Report rows were never written before this migration, but any row that exists still gets a
-- value for the two NOT NULL timestamps (which then lose the default, as the schema has none).

-- CreateEnum
CREATE TYPE "ReportKind" AS ENUM ('WORKBOOK', 'FINDINGS', 'PAGES', 'ISSUES');

-- DropIndex
DROP INDEX "Report_auditId_idx";

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "expiresAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "kind" "ReportKind" NOT NULL DEFAULT 'WORKBOOK',
ADD COLUMN     "rowsTotal" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "rowsWritten" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sha256" TEXT,
ADD COLUMN     "startedAt" TIMESTAMP(3),
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "userId" TEXT;

ALTER TABLE "Report" ALTER COLUMN "expiresAt" DROP DEFAULT,
ALTER COLUMN "updatedAt" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "Report_auditId_createdAt_idx" ON "Report"("auditId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Report_expiresAt_idx" ON "Report"("expiresAt");

-- CreateIndex
CREATE INDEX "Report_status_updatedAt_idx" ON "Report"("status", "updatedAt");

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
