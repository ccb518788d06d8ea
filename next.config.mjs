/** @type {import('next').NextConfig} */
const nextConfig = {
  // The worker and CLI share lib/ with the app; these must stay Node-side and unbundled.
  serverExternalPackages: ['puppeteer-core', 'pino', 'bullmq', 'ioredis', 'exceljs', 'pg', '@prisma/adapter-pg'],
  poweredByHeader: false,
  // `npm run typecheck` checks the whole repo (app, worker, CLI, tests) once; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
