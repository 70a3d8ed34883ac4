import type { CountedScan } from './live-scans.ts';

/** Counter increments of one grid on one day, as flat attribute names (`in`, `deny.fever`, `cp.<id>.in`). */
export interface ScanCountDelta {
  readonly gridId: string;
  readonly day: string;
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * Folds scans into one delta per grid and day, in memory, so a batch costs one counter write
 * per distinct grid-day whatever its number of scans. The same fold over a grid-day's records is
 * the exact recount.
 */
export function aggregateScanCounts(scans: readonly Omit<CountedScan, 'scanId'>[]): ScanCountDelta[] {
  const byKey = new Map<string, { gridId: string; day: string; counts: Record<string, number> }>();
  for (const scan of scans) {
    const key = `${scan.gridId}|${scan.day}`;
    let delta = byKey.get(key);
    if (!delta) byKey.set(key, (delta = { gridId: scan.gridId, day: scan.day, counts: {} }));
    const add = (name: string) => (delta.counts[name] = (delta.counts[name] ?? 0) + 1);
    const cp = `cp.${scan.checkpointId}`;
    add(scan.direction);
    add(`${cp}.${scan.direction}`);
    if (scan.verdict === 'deny') {
      add('denied');
      add(`deny.${scan.reason}`);
      add(`${cp}.denied`);
    }
    if (scan.fever) {
      add('fever');
      add(`${cp}.fever`);
    }
    if (scan.provisional) add('provisional');
  }
  return [...byKey.values()];
}
