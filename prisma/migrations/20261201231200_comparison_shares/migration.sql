-- A share link points at one audit or one comparison (lib/shares/shares.ts sets exactly one, with no CHECK
-- constraint because the wasm schema engine used offline cannot describe one).
-- AlterTable
ALTER TABLE "Share" ADD COLUMN     "comparisonId" TEXT,
ALTER COLUMN "auditId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "Share_comparisonId_createdAt_idx" ON "Share"("comparisonId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "Share" ADD CONSTRAINT "Share_comparisonId_fkey" FOREIGN KEY ("comparisonId") REFERENCES "Comparison"("id") ON DELETE CASCADE ON UPDATE CASCADE;
