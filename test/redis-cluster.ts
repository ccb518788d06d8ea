import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@/test/wait-for';

const run = promisify(execFile);

export type RedisCluster = {
  /** "127.0.0.1:P1,127.0.0.1:P2,…", the value for REDIS_CLUSTER_NODES. */
  nodes: string;
  ports: number[];
  /** redis-cli against one node (e.g. CONFIG SET on one master). */
  cli: (port: number, ...args: string[]) => Promise<string>;
  stop: () => Promise<void>;
};

/**
 * A private Redis Cluster of masters only (no replicas), for tests: one redis-server per port in a
 * temp dir, no persistence, joined with `redis-cli --cluster create`. Each node's cluster bus gets
 * `busPortOffset` above its port (Redis would use +10000, outside the ports a test may use).
 */
export async function startRedisCluster(ports: readonly number[], busPortOffset = 10): Promise<RedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'ro-redis-cluster-'));
  const children: ChildProcess[] = [];
  const cli = async (port: number, ...args: string[]) => (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args])).stdout.trim();
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      const args = ['--port', String(port), '--cluster-port', String(port + busPortOffset), '--bind', '127.0.0.1', '--cluster-enabled', 'yes',
        '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000', '--appendonly', 'no', '--save', '', '--maxmemory-policy', 'noeviction'];
      const child = spawn('redis-server', args, { cwd: dir, stdio: 'ignore' });
      children.push(child);
    }
    for (const port of ports) await waitFor(async () => (await cli(port, 'PING').catch(() => '')) === 'PONG', 10_000, `redis-server on ${port}`);
    const addresses = ports.map((p) => `127.0.0.1:${p}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
    // Every node must agree the cluster is up before clients can use every slot.
    for (const port of ports) await waitFor(async () => (await cli(port, 'CLUSTER', 'INFO')).includes('cluster_state:ok'), 20_000, `cluster_state:ok on ${port}`);
    return { nodes: addresses.join(','), ports: [...ports], cli, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
