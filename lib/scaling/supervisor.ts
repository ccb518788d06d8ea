import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { PoolName } from '@/lib/queue/pools';
import type { QueueLoad } from '@/lib/queue/queue-stats';
import { decideScale, restartDelayMs, type PoolLimits, type ScalingPolicy } from '@/lib/scaling/decide-scale';

// Keeps each pool between its min and max worker processes (see decide-scale.ts for when), restarts
// crashed ones with backoff, and removes processes with SIGTERM: the worker stops taking jobs and
// finishes the running ones (worker/main.ts), so scaling down never loses a job.

export type SpawnSpec = { command: string; args: string[]; env?: NodeJS.ProcessEnv };

export type SupervisorOptions = {
  pools: Partial<Record<PoolName, PoolLimits>>;
  policy: ScalingPolicy;
  intervalMs: number;
  /** Reads a pool's backlog (lib/queue/queue-stats getQueueLoad in production). */
  readLoad: (pool: PoolName) => Promise<QueueLoad>;
  /** How to start one process of a pool. */
  spawnSpec: (pool: PoolName) => SpawnSpec;
  log: Logger;
  /** A process that ran this long before crashing resets the backoff. */
  healthyAfterMs?: number;
  now?: () => number;
};

type Member = { child: ChildProcess; startedAt: number; stopping: boolean };
type PoolState = { members: Set<Member>; lastScaledAt: number | null; lastWaitingAt: number | null; crashes: number; restartTimer?: NodeJS.Timeout };

export type SupervisorEvent =
  | { type: 'scaled'; pool: PoolName; from: number; to: number; reason: string }
  | { type: 'crashed'; pool: PoolName; code: number | null; signal: string | null; restartInMs: number }
  | { type: 'exited'; pool: PoolName; code: number | null };

export class Supervisor extends EventEmitter<{ event: [SupervisorEvent] }> {
  private readonly state = new Map<PoolName, PoolState>();
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: SupervisorOptions) {
    super();
    this.now = options.now ?? Date.now;
    for (const pool of Object.keys(options.pools) as PoolName[]) this.state.set(pool, { members: new Set(), lastScaledAt: null, lastWaitingAt: null, crashes: 0 });
  }

  /** Processes running and not told to stop. */
  running(pool: PoolName): number {
    return [...(this.state.get(pool)?.members ?? [])].filter((m) => !m.stopping).length;
  }

  /** Processes alive, including ones finishing their jobs after SIGTERM. */
  alive(pool: PoolName): number {
    return this.state.get(pool)?.members.size ?? 0;
  }

  start(): this {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    return this;
  }

  /** One observation and decision per pool; a tick still running is not overlapped. */
  async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      for (const [pool, st] of this.state) {
        let load: QueueLoad;
        try {
          load = await this.options.readLoad(pool);
        } catch (err) {
          // Redis unreachable: keep what runs; only the minimum is enforced.
          this.options.log.warn({ pool, err: err instanceof Error ? err.message : String(err) }, 'supervisor: cannot read the queue load');
          load = { waiting: 0, oldestWaitingMs: null };
          st.lastWaitingAt = this.now();
        }
        const now = this.now();
        if (load.waiting > 0) st.lastWaitingAt = now;
        // A process waiting for its crash backoff counts, or the rule would start a second one.
        const processes = this.running(pool) + (st.restartTimer ? 1 : 0);
        const decision = decideScale({ now, waiting: load.waiting, oldestWaitingMs: load.oldestWaitingMs, processes, lastScaledAt: st.lastScaledAt, lastWaitingAt: st.lastWaitingAt }, this.options.pools[pool]!, this.options.policy);
        if (decision.action === 'hold' || this.stopped) continue;
        st.lastScaledAt = now;
        this.emit('event', { type: 'scaled', pool, from: processes, to: decision.target, reason: decision.reason });
        this.options.log.info({ pool, from: processes, to: decision.target, reason: decision.reason }, 'supervisor: scaling');
        if (decision.action === 'up') for (let i = processes; i < decision.target; i++) this.spawn(pool);
        else for (let i = decision.target; i < processes; i++) this.stopOne(pool);
      }
    } finally {
      this.ticking = false;
    }
  }

  private spawn(pool: PoolName): void {
    const st = this.state.get(pool)!;
    const spec = this.options.spawnSpec(pool);
    const child = spawn(spec.command, spec.args, { env: spec.env ?? process.env, stdio: ['ignore', 'inherit', 'inherit'] });
    const member: Member = { child, startedAt: this.now(), stopping: false };
    st.members.add(member);
    child.once('exit', (code, signal) => {
      st.members.delete(member);
      if (member.stopping || this.stopped) {
        this.emit('event', { type: 'exited', pool, code });
        return;
      }
      // Crashed (or refused to start): restart with backoff; a process that ran a while resets it.
      st.crashes = this.now() - member.startedAt >= (this.options.healthyAfterMs ?? 60_000) ? 1 : st.crashes + 1;
      const restartInMs = restartDelayMs(st.crashes);
      this.emit('event', { type: 'crashed', pool, code, signal, restartInMs });
      this.options.log.error({ pool, pid: child.pid, code, signal, restartInMs }, 'supervisor: worker process exited unexpectedly');
      clearTimeout(st.restartTimer);
      st.restartTimer = setTimeout(() => {
        st.restartTimer = undefined;
        if (!this.stopped && this.running(pool) < this.options.pools[pool]!.max) this.spawn(pool);
      }, restartInMs);
    });
  }

  /** The newest process goes first: the older ones have warm caches and likely longer jobs. */
  private stopOne(pool: PoolName): void {
    const members = [...this.state.get(pool)!.members].filter((m) => !m.stopping);
    const newest = members.sort((a, b) => b.startedAt - a.startedAt)[0];
    if (!newest) return;
    newest.stopping = true;
    newest.child.kill('SIGTERM');
  }

  /** SIGTERM every process and wait until they have finished their jobs and exited. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    const exits: Promise<void>[] = [];
    for (const st of this.state.values()) {
      clearTimeout(st.restartTimer);
      for (const m of st.members) {
        m.stopping = true;
        if (m.child.exitCode === null && m.child.signalCode === null) {
          exits.push(new Promise((resolve) => m.child.once('exit', () => resolve())));
          m.child.kill('SIGTERM');
        }
      }
    }
    await Promise.all(exits);
  }
}
