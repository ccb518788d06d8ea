import { spawn, type ChildProcess } from 'node:child_process';

/** Starts a real worker process (worker/main.ts) and resolves once it reports "worker started". */
export async function spawnWorker(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<ChildProcess & { logs: string[] }> {
  const child = spawn('node', [...nodeArgs, '--import', 'tsx', 'worker/main.ts'], {
    env: { ...process.env, RO_SERVICE: 'worker', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { logs: string[] };
  child.logs = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${child.logs.join('')}`)), 30_000);
    const onData = (chunk: Buffer) => {
      child.logs.push(chunk.toString());
      if (chunk.toString().includes('"worker started"')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => child.logs.push(c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${child.logs.join('')}`));
    });
  });
  return child;
}

export async function stopWorker(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}
