import { gunzipSync, gzipSync } from 'node:zlib';
import type { PackedScan, Reason } from '@firstline/domain';

/** How the scan store packs a batch's scans: grouped, cut into items, and encoded compactly. */

export const minBy = <T>(items: readonly T[], key: (item: T) => string) => items.map(key).reduce((a, b) => (b < a ? b : a));
export const groupBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
};
export const chunks = <T>(items: readonly T[], size: number) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** A pack's scans as gzip'd JSON rows: repeated grid and checkpoint ids compress to almost nothing. */
type PackRow = [scanId: string, gridId: string, checkpointId: string, direction: 0 | 1, denied: 0 | 1, reason: Reason, flags: number];
export const encodePack = (scans: readonly PackedScan[]) => gzipSync(JSON.stringify(scans.map((s): PackRow => [
  s.scanId, s.gridId, s.checkpointId, s.direction === 'in' ? 0 : 1, s.verdict === 'deny' ? 1 : 0, s.reason,
  (s.fever ? 1 : 0) | (s.provisional ? 2 : 0) | (s.live ? 4 : 0),
])));
export const decodePack = (item: Record<string, unknown>, day: string): PackedScan[] => (JSON.parse(gunzipSync(item['scans'] as Uint8Array).toString()) as PackRow[])
  .map(([scanId, gridId, checkpointId, direction, denied, reason, flags]) => ({
    scanId, gridId, checkpointId, day, direction: direction === 0 ? 'in' : 'out', verdict: denied ? 'deny' : 'allow', reason,
    fever: (flags & 1) !== 0, ...((flags & 2) !== 0 ? { provisional: true as const } : {}), live: (flags & 4) !== 0,
  }));
