/**
 * At most `concurrency` of the tasks passed to the returned function run at once; the rest wait
 * their turn. Keeps a batch of thousands of writes from opening thousands of sockets.
 */
export function limiter(concurrency: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= concurrency) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      queue.shift()?.();
    }
  };
}

/** Runs `work` over `items`, `concurrency` at a time. */
export async function eachLimited<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const limit = limiter(concurrency);
  await Promise.all(items.map((item) => limit(() => work(item))));
}
