/**
 * The morning spike the templates are held to (a Wuchang-sized district), and what follows from it.
 * The tests derive every figure from these inputs instead of reading back the manifest's numbers, so
 * a throttle or a reservation lowered below the spike fails them.
 */
export const districtSpike = {
  scansPerSecond: 6000,
  /** Live gates send one scan a request. */
  liveShare: 0.8,
  /** Offline gates upload their backlog in batches of this many. */
  offlineBatchSize: 100,
  /** One upload in five is sent again after a lost answer. */
  duplicateUploadShare: 0.2,
  /** Uneven seconds and retried 429s. */
  headroom: 1.2,
} as const;

/** Requests per second on POST /v1/scans at the spike, before headroom: 5,774.4. */
export function spikeScanRequestsPerSecond(spike = districtSpike): number {
  const live = spike.scansPerSecond * spike.liveShare;
  const offline = (spike.scansPerSecond * (1 - spike.liveShare)) / spike.offlineBatchSize;
  return (live + offline) * (1 + spike.duplicateUploadShare);
}

/**
 * Write units per scan today (`pnpm bench`, README): the verdict route's claim and the aggregator's
 * packs and batch markers, both on the scans table; a refused duplicate put is billed one unit.
 */
export const writeUnitsPerScan = { claim: 1.0, record: 0.06, refusedPut: 1 } as const;

/** Mean duration the gate-scan reservation is sized for: a code check, two batch reads, a put, a send. */
export const plannedGateScanMillis = 100;

/** What a new on-demand table serves at once before any pre-warming. */
export const onDemandWarmFloor = { readUnitsPerSecond: 12_000, writeUnitsPerSecond: 4_000 } as const;
