-- CreateEnum
CREATE TYPE "ComparisonStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED');

-- AlterTable
ALTER TABLE "Audit" ADD COLUMN     "comparisonId" TEXT,
ADD COLUMN     "comparisonPosition" INTEGER,
ADD COLUMN     "siteId" TEXT;

-- CreateTable
CREATE TABLE "Site" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "startPath" TEXT NOT NULL DEFAULT '/',
    "name" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Site_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comparison" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "status" "ComparisonStatus" NOT NULL DEFAULT 'QUEUED',
    "url" TEXT NOT NULL,
    "rivals" TEXT[],
    "keyword" TEXT,
    "maxPages" INTEGER,
    "result" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Comparison_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Site_userId_origin_startPath_key" ON "Site"("userId", "origin", "startPath");

-- CreateIndex
CREATE INDEX "Comparison_userId_createdAt_idx" ON "Comparison"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Comparison_status_idx" ON "Comparison"("status");

-- CreateIndex
CREATE INDEX "Audit_siteId_createdAt_idx" ON "Audit"("siteId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Audit_comparisonId_idx" ON "Audit"("comparisonId");

-- AddForeignKey
ALTER TABLE "Audit" ADD CONSTRAINT "Audit_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Audit" ADD CONSTRAINT "Audit_comparisonId_fkey" FOREIGN KEY ("comparisonId") REFERENCES "Comparison"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Site" ADD CONSTRAINT "Site_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comparison" ADD CONSTRAINT "Comparison_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Backfill: every existing professional audit with an owner gets its site (same normalisation as
-- lib/sites/site-key.ts: lower-case scheme and host, default port dropped, path without query).
CREATE TEMP TABLE "_audit_site" AS
WITH parsed AS (
    SELECT a."id", a."userId",
           lower(substring(a."url" from '^([a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]+)')) AS raw_origin,
           coalesce(nullif(substring(a."url" from '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]+([^?#]*)'), ''), '/') AS start_path
    FROM "Audit" a
    WHERE a."userId" IS NOT NULL AND a."kind" = 'PROFESSIONAL' AND a."parentId" IS NULL
)
SELECT "id", "userId", start_path,
       CASE
         WHEN raw_origin LIKE 'http://%:80' THEN left(raw_origin, length(raw_origin) - 3)
         WHEN raw_origin LIKE 'https://%:443' THEN left(raw_origin, length(raw_origin) - 4)
         ELSE raw_origin
       END AS origin
FROM parsed
WHERE raw_origin IS NOT NULL;

INSERT INTO "Site" ("id", "userId", "origin", "startPath")
SELECT DISTINCT 'site_' || md5("userId" || origin || start_path), "userId", origin, start_path
FROM "_audit_site"
ON CONFLICT DO NOTHING;

UPDATE "Audit" a SET "siteId" = s."id"
FROM "_audit_site" n JOIN "Site" s ON s."userId" = n."userId" AND s."origin" = n.origin AND s."startPath" = n.start_path
WHERE a."id" = n."id";

DROP TABLE "_audit_site";
