import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';

// Seeds the test database and runs a real worker process beside the web server for the whole run.
export default async function globalSetup() {
  execFileSync('node', ['--import', 'tsx', 'prisma/seed.ts'], { stdio: 'inherit' });
  const worker = spawn('node', ['--import', 'tsx', 'worker/main.ts'], {
    env: { ...process.env, RO_SERVICE: 'worker' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return async () => {
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
  };
}
