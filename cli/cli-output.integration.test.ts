import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// A CI gate reads `cli … --json` from a shell pipe, often slower than the CLI writes it. A real
// pipe(2) (not the socket pair Node's own spawn creates) is what cut the output at 64 KB.
function runThroughSlowPipe(args: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    // pipefail: the status is the CLI's, not cat's.
    const child = spawn('bash', ['-o', 'pipefail', '-c', `node --import tsx cli/main.ts ${args} | (sleep 1; cat)`], {
      env: { ...process.env, RO_SERVICE: 'cli' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks).toString('utf8') }));
  });
}

describe('CLI output', () => {
  it('is complete through a slow pipe (checks --json is larger than a pipe buffer)', async () => {
    const { code, stdout } = await runThroughSlowPipe('checks --json');
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThan(65_536);
    const checks = JSON.parse(stdout) as { id: string }[];
    expect(checks.length).toBeGreaterThan(200);
  });
});
