-- CreateTable
CREATE TABLE "DailyAggregate" (
    "day" DATE NOT NULL,
    "auditsStarted" INTEGER NOT NULL DEFAULT 0,
    "auditsCompleted" INTEGER NOT NULL DEFAULT 0,
    "auditsFailed" INTEGER NOT NULL DEFAULT 0,
    "avgScore" DOUBLE PRECISION,
    "pagesCrawled" INTEGER NOT NULL DEFAULT 0,
    "final" BOOLEAN NOT NULL DEFAULT false,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DailyAggregate_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "DailyJobDuration" (
    "day" DATE NOT NULL,
    "jobName" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "p50Ms" INTEGER NOT NULL,
    "p95Ms" INTEGER NOT NULL,

    CONSTRAINT "DailyJobDuration_pkey" PRIMARY KEY ("day","jobName")
);

-- CreateTable
CREATE TABLE "QueueAlert" (
    "id" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "QueueAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QueueAlert_resolvedAt_openedAt_idx" ON "QueueAlert"("resolvedAt", "openedAt" DESC);

-- CreateIndex
CREATE INDEX "QueueAlert_queue_rule_resolvedAt_idx" ON "QueueAlert"("queue", "rule", "resolvedAt");

-- AddForeignKey
ALTER TABLE "DailyJobDuration" ADD CONSTRAINT "DailyJobDuration_day_fkey" FOREIGN KEY ("day") REFERENCES "DailyAggregate"("day") ON DELETE CASCADE ON UPDATE CASCADE;
