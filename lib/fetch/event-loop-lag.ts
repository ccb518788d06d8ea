// A timing taken by this process includes however long its event loop was busy elsewhere: a
// crawler running checks can make a fast server look slow. This measures that delay so timing
// findings can be skipped when the clock reading says more about us than about the server.
export type LagWatch = { worstMs(): number; stop(): void };

export function watchEventLoopLag(intervalMs = 20): LagWatch {
  let last = performance.now();
  let worst = 0;
  const sample = () => {
    const now = performance.now();
    worst = Math.max(worst, now - last - intervalMs);
    last = now;
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    worstMs: () => {
      // A tick that is overdue right now counts too.
      worst = Math.max(worst, performance.now() - last - intervalMs);
      return Math.max(0, Math.round(worst));
    },
    stop: () => clearInterval(timer),
  };
}
