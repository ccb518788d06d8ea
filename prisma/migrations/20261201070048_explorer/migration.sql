-- The audit explorer. "Pages linking here": each page keeps the normalised URLs it links to, and a
-- GIN index answers "which pages of this audit link to URL x" without reading every page's facts.
-- Rows written before this column read as linking nowhere (their inlinks show empty).
-- A page's site findings name its URL without a pageId: (auditId, url, …) finds them per page, and
-- with checkId in it, counting each check's distinct URLs reads the index alone.

-- AlterTable
ALTER TABLE "Page" ADD COLUMN     "linksTo" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "Page_linksTo_idx" ON "Page" USING GIN ("linksTo");

-- CreateIndex
CREATE INDEX "Finding_auditId_url_checkId_idx" ON "Finding"("auditId", "url", "checkId");
