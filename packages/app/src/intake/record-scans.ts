import type { ScanRecord } from '@firstline/domain';
import { aggregateScanCounts, dayOf, limiter } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

/** A batch of backlogs holds thousands of scans: cap the puts in flight, not the scans. */
const recordsInFlight = limiter(32);

/**
 * Records each scan of one message once (a conditional put per scan id: the source of truth);
 * returns the scans this call newly recorded, and throws the first failure after trying them all
 * so the message comes back with only the failed ones still unrecorded.
 */
export async function recordScans(ports: Pick<DistrictPorts, 'scans'>, scans: readonly ScanRecord[]): Promise<{ fresh: ScanRecord[]; failed: { scanId: string; error: Error }[] }> {
  const outcomes = await Promise.allSettled(scans.map((scan) => recordsInFlight(() => ports.scans.record(scan))));
  const fresh = scans.filter((_, i) => outcomes[i]!.status === 'fulfilled' && (outcomes[i] as PromiseFulfilledResult<boolean>).value);
  const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [{ scanId: scans[i]!.scanId, error: o.reason as Error }] : []));
  return { fresh, failed };
}

/**
 * Adds only newly recorded scans to the counters, aggregated so that counter writes grow with
 * distinct grid-days, not scans. A crash before this leaves a count short, never double; the day
 * close recounts from the records. A backlog landing on a closed day makes its report not final.
 */
export async function countRecordedScans(ports: Pick<DistrictPorts, 'scans' | 'snapshots' | 'defaultTimeZone'>, fresh: readonly ScanRecord[]): Promise<void> {
  await Promise.all(aggregateScanCounts(fresh).map((counts) => ports.scans.addCounts(counts)));
  await ports.snapshots.markLate(fresh.map((s) => s.day), dayOf(new Date(), ports.defaultTimeZone));
}
