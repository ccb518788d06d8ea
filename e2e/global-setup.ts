import { execFileSync, spawn } from 'node:child_process';
import { startFixtureSite } from '../test/fixture-site';

// Seeds the test database, serves the fixture site and runs a real worker process beside the
// web server for the whole run.
export default async function globalSetup() {
  execFileSync('node', ['--import', 'tsx', 'prisma/seed.ts'], { stdio: 'inherit' });
  const site = await startFixtureSite({ pages: 40, slowMs: 3_000, latencyMs: 30 });
  process.env.FIXTURE_URL = site.url;
  const worker = spawn('node', ['--import', 'tsx', 'worker/main.ts'], {
    env: { ...process.env, RO_SERVICE: 'worker' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return async () => {
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
    await site.close();
  };
}
