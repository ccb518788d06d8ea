-- Identify a dead letter by queue (with key prefix), job id and enqueue time: job ids restart
-- when Redis is reset, and several environments may share one database.
ALTER TABLE "DeadLetter" ADD COLUMN "enqueuedAt" TIMESTAMP(3);
UPDATE "DeadLetter" SET "enqueuedAt" = "failedAt";
ALTER TABLE "DeadLetter" ALTER COLUMN "enqueuedAt" SET NOT NULL;

DROP INDEX "DeadLetter_queue_jobId_key";
CREATE UNIQUE INDEX "DeadLetter_queue_jobId_enqueuedAt_key" ON "DeadLetter"("queue", "jobId", "enqueuedAt");
