/** @type {import('next').NextConfig} */
const nextConfig = {
  // `npm test` builds into its own directory so it never breaks the build the running app serves.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The worker and CLI share lib/ with the app; these must stay Node-side and unbundled.
  serverExternalPackages: ['puppeteer-core', 'pino', 'bullmq', 'ioredis', 'exceljs', 'pg', '@prisma/adapter-pg', 'piscina', 'rate-limiter-flexible'],
  poweredByHeader: false,
  // Bulk URL-list uploads go through a server action; MAX_UPLOAD_BYTES (default 10 MB) matches.
  experimental: { serverActions: { bodySizeLimit: '10mb' } },
  // `npm run typecheck` checks the whole repo (app, worker, CLI, tests) once; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
