// Pages written to hurt an analyser, served on 127.0.0.1 for integration and e2e tests:
//   /text    an "endless" body of <p> + 65,530 × "a" + </p> blocks (cut by the fetcher's cap)
//   /nested  100,000 nested <div>s
//   /        links to both, so an audit of the site meets each
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type HostileSite = { url: string; close(): Promise<void> };

const BLOCK = `<p>${'a'.repeat(65_530)}</p>\n`;

export function nestedDivs(depth: number): string {
  return `<!doctype html><html lang="en"><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}</body></html>`;
}

export async function startHostileSite(options: { textBytes?: number; nestedDepth?: number } = {}): Promise<HostileSite> {
  const textBytes = options.textBytes ?? 8 * 1024 * 1024;
  const nested = nestedDivs(options.nestedDepth ?? 100_000);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/robots.txt') return void res.writeHead(404).end();
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end('<!doctype html><html lang="en"><head><title>Hostile pages</title></head><body><h1>Hostile pages</h1><a href="/text">text</a> <a href="/nested">nested</a></body></html>');
    }
    if (path === '/nested') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(nested);
    }
    if (path === '/text') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write('<!doctype html><html lang="en"><head><title>Text</title></head><body>');
      let sent = 0;
      const pump = () => {
        while (sent < textBytes) {
          sent += BLOCK.length;
          if (!res.write(BLOCK)) return void res.once('drain', pump);
        }
        res.end('</body></html>');
      };
      res.on('error', () => {});
      return pump();
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
