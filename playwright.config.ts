import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium, never a downloaded browser (machines are offline).
const launchOptions = {
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: '.data/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  globalSetup: './e2e/global-setup.ts',
  use: { baseURL, ...devices['Desktop Chrome'], channel: undefined, launchOptions, screenshot: 'only-on-failure', trace: 'off' },
  webServer: {
    command: `node_modules/.bin/next start -H 127.0.0.1 -p ${port}`,
    // Not /api/health: it stays 503 until the worker (started in global-setup) sends a heartbeat.
    url: `${baseURL}/sign-in`,
    reuseExistingServer: false,
    // As `npm run down` and orchestrators stop it: SIGTERM runs the server's shutdown (which also
    // closes its Chromium). Playwright's default, SIGKILL, would leave that browser running.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
