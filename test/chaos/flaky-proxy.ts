// An HTTP forwarder in front of a fixture site that fails a fraction of page requests at random:
// half answer 503, half have their connection reset. Seeded, so a run can be replayed exactly.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FlakyProxy = {
  url: string;
  /** Every injected fault: the path and how it failed. */
  faults: { path: string; kind: '503' | 'reset' }[];
  /** Requests seen that could have been failed. */
  eligible: number;
  close(): Promise<void>;
};

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function startFlakyProxy(target: string, options: { rate: number; seed: number; paths: RegExp }): Promise<FlakyProxy> {
  const random = seededRandom(options.seed);
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const state: Pick<FlakyProxy, 'faults' | 'eligible'> = { faults: [], eligible: 0 };
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    if (options.paths.test(path)) {
      state.eligible++;
      const draw = random();
      if (draw < options.rate) {
        const kind = draw < options.rate / 2 ? '503' : 'reset';
        state.faults.push({ path, kind });
        if (kind === 'reset') return void req.socket.destroy();
        return void res.writeHead(503, { 'content-type': 'text/plain' }).end('temporarily unavailable');
      }
    }
    const forward = http.request({ hostname: upstream.hostname, port: upstream.port, path, method: req.method, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get faults() {
      return state.faults;
    },
    get eligible() {
      return state.eligible;
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
