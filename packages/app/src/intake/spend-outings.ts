import type { OutingsPort, Policy } from '@firstline/domain';
import { ContentionError, decideOutings } from '@firstline/domain';

/** Spends a household's quota atomically against other gates: read, decide, conditional save, retry. */
export async function spendOutings(
  port: OutingsPort,
  householdId: string,
  scans: readonly { scanId: string; day: string; wanted: boolean }[],
  policy: Policy,
): Promise<Map<string, boolean>> {
  if (!policy.outings) return new Map(scans.map((s) => [s.scanId, true]));
  for (let attempt = 0; attempt < 20; attempt++) {
    const state = await port.load(householdId);
    const decided = decideOutings(state.outings, scans, policy.outings);
    const unchanged = decided.outings.length === state.outings.length && decided.outings.every((o, i) => o.scanId === state.outings[i]?.scanId);
    if (unchanged || (await port.save(householdId, { outings: decided.outings, version: state.version }))) return decided.allowed;
  }
  throw new ContentionError(`household ${householdId} is busy at another gate; retry the scans`);
}
