import { execFileSync, spawn } from 'node:child_process';
import { startFixtureSite } from '../test/fixture-site';

// Seeds the test database, serves the fixture site and runs a real worker process beside the
// web server for the whole run.
export default async function globalSetup() {
  execFileSync('node', ['--import', 'tsx', 'prisma/seed.ts'], { stdio: 'inherit' });
  execFileSync('node', ['--import', 'tsx', 'e2e/seed-e2e-users.ts'], { stdio: 'inherit' });
  const site = await startFixtureSite({ pages: 40, slowMs: 3_000, latencyMs: 30 });
  process.env.FIXTURE_URL = site.url;
  // 1,000 pages for the explorer; one title starts with "=" to prove reports never make it a formula.
  const big = await startFixtureSite({ pages: 1_000, genTitle: (n) => (n === 7 ? '=SUM(1,2) formula title' : `Generated page ${n}`) });
  process.env.FIXTURE_BIG_URL = big.url;
  const worker = spawn('node', ['--import', 'tsx', 'worker/main.ts'], {
    env: { ...process.env, RO_SERVICE: 'worker' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return async () => {
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
    await site.close();
    await big.close();
  };
}
