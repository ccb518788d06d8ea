import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';

// One client per process; in dev, Next's hot reload would otherwise open a new pool per edit.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; pgPool?: pg.Pool };

/**
 * The connection pool under Prisma, for the few hot bulk statements whose parameters Prisma's
 * client would otherwise compile and convert on every call (see save-page-result.ts).
 */
export const pgPool = globalForPrisma.pgPool ?? new pg.Pool({ connectionString: env.DATABASE_URL });

// disposeExternalPool: $disconnect still closes every connection, as before.
export const db = globalForPrisma.prisma ?? new PrismaClient({ adapter: new PrismaPg(pgPool, { disposeExternalPool: true, onPoolError: (err) => logger.warn({ err: err.message }, 'idle database connection failed') }) });
if (env.NODE_ENV !== 'production') Object.assign(globalForPrisma, { prisma: db, pgPool });
