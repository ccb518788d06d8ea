// Process helpers for the benchmarks (Linux /proc).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** True when the module at `moduleUrl` is the script node was started with (a thin CLI guard). */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}

/** The kernel's resident-set high-water mark of `pid` in MB, polled; `stop()` returns the peak seen. */
export function trackPeakRss(pid: number, everyMs = 200): { stop(): number } {
  let peakKb = 0;
  const read = () => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      /* process gone: keep the last value */
    }
  };
  const timer = setInterval(read, everyMs);
  return {
    stop() {
      read();
      clearInterval(timer);
      return peakKb / 1024;
    },
  };
}
