-- The request that started an audit, so its jobs and log lines can be found from the audit.
ALTER TABLE "Audit" ADD COLUMN "correlationId" TEXT;
