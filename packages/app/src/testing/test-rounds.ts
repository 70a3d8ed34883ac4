import type { RegistryIndex, Resident, RoundCounts, RoundSample, TestKind, TestResult, TestRound } from '@firstline/domain';
import { ConflictError, NotFoundError, noCounts, roundBuildings, roundProblems, slotOf, slotTimes, ValidationError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { requireRegistry } from '../district.ts';

export interface PlannedRound {
  readonly roundId: string;
  readonly communityId: string;
  readonly kind: TestKind;
  readonly day: string;
  readonly place: string;
  readonly slots: TestRound['slots'];
}

/** A round as the API shows it: what is counted against (`expected`) stays inside. */
export const roundView = ({ expected: _expected, ...view }: TestRound) => view;

/** The round a path names with the registry, or 404. */
export async function findRound(ports: Pick<DistrictPorts, 'testRounds' | 'registry'>, roundId: string): Promise<{ round: TestRound; registry: RegistryIndex }> {
  const [round, registry] = await Promise.all([ports.testRounds.get(roundId), requireRegistry(ports)]);
  if (!round) throw new NotFoundError(`no test round ${roundId}`);
  return { round, registry };
}

/** The grids a round's buildings lie in: whose grid workers may act on all of it. */
export function roundGrids(round: Pick<TestRound, 'slots'>, registry: RegistryIndex): string[] {
  return [...new Set(roundBuildings(round).flatMap((b) => registry.gridOfBuilding(b) ?? []))];
}

/**
 * Opens a testing round: checked against the registry and the clock, the residents each building
 * has now kept as what completeness counts against, and every household of the round's buildings
 * told its slot (by SMS where someone consented). Named by round and household, so a retried
 * request tells nobody twice; a round id sent again with another plan is a 409.
 */
export async function openRound(ports: Pick<DistrictPorts, 'testRounds' | 'residents' | 'notifications' | 'pseudonyms'>, registry: RegistryIndex, planned: PlannedRound, by: string, now = new Date()) {
  const problems = roundProblems(planned, registry.registry, now);
  if (problems.length > 0) throw new ValidationError('the round does not fit the registry or the calendar', problems);
  const residents = await residentsOf(ports, roundBuildings(planned));
  const households = new Map<string, string>([...residents.values()].flat().map((r) => [r.householdId, r.buildingId]));
  const round: TestRound = {
    ...planned,
    expected: Object.fromEntries([...residents].map(([b, people]) => [b, people.length])),
    households: households.size,
    createdBy: by,
    createdAt: now.toISOString(),
  };
  const hash = ports.pseudonyms.fingerprint([planned.roundId, planned.communityId, planned.kind, planned.day, planned.place, JSON.stringify(planned.slots)]);
  const outcome = await ports.testRounds.create(round, hash);
  if (outcome === 'conflict') throw new ConflictError(`round ${planned.roundId} was opened before with another plan`);
  const stored = outcome === 'created' ? round : (await ports.testRounds.get(planned.roundId))!;
  const timeZone = registry.registry.district.timeZone;
  // Also on a repeat: the first request may have stopped before telling everyone.
  await ports.notifications.send([...households].map(([householdId, buildingId]) => ({
    notification: {
      notificationId: `round-${stored.roundId}-${householdId}`, householdId, template: 'test-slot' as const,
      kind: stored.kind, place: stored.place, ...slotTimes(slotOf(stored, buildingId)!, timeZone),
    },
  })));
  return roundView(stored);
}

async function residentsOf(ports: Pick<DistrictPorts, 'residents'>, buildingIds: readonly string[]): Promise<Map<string, Resident[]>> {
  return new Map(await Promise.all(buildingIds.map(async (b) => [b, await ports.residents.inBuilding(b)] as const)));
}

/** Where a listing looks: a grid, or the community of a sampling point. */
export type RoundPlace = { readonly gridId: string } | { readonly checkpointId: string };

/** The grid a listing names (a sampling point's grid for a checkpoint), or 404. */
export function gridOfPlace(registry: RegistryIndex, place: RoundPlace): string {
  const gridId = 'gridId' in place ? place.gridId : registry.gridOfCheckpoint(place.checkpointId);
  if (gridId === undefined || !registry.grid(gridId)) throw new NotFoundError('gridId' in place ? `no grid ${place.gridId}` : `no checkpoint ${place.checkpointId}`);
  return gridId;
}

/**
 * A day's rounds where the listing looks (those with a building in the grid; every round of the
 * community for a sampling point), each with how many it expects and how many were tested, and
 * the buildings a new round there may take.
 */
export async function listRounds(ports: Pick<DistrictPorts, 'testRounds'>, registry: RegistryIndex, day: string, place: RoundPlace) {
  const gridId = gridOfPlace(registry, place);
  const communityId = registry.grid(gridId)!.communityId;
  const gridsHere = new Set('gridId' in place ? [gridId] : registry.registry.grids.filter((g) => g.communityId === communityId).map((g) => g.id));
  const buildings = registry.registry.buildings.filter((b) => gridsHere.has(b.gridId));
  const here = new Set(buildings.map((b) => b.id));
  const rounds = (await ports.testRounds.ofDay(day))
    .filter(({ round }) => round.communityId === communityId && roundBuildings(round).some((b) => here.has(b)))
    .sort((a, b) => a.round.slots[0]!.from.localeCompare(b.round.slots[0]!.from));
  return {
    communityId,
    rounds: rounds.map(({ round, counts }) => ({
      round: roundView(round),
      expected: Object.values(round.expected).reduce((n, e) => n + e, 0),
      tested: [...counts.values()].reduce((n, c) => n + c.tested, 0),
    })),
    buildings: buildings.map((b) => ({ buildingId: b.id, name: b.name, gridId: b.gridId })),
  };
}

/** Most names a building's lists show (not tested, waiting for a result): a building's residents fit. */
const missingShown = 500;

const resultCounts = (samples: readonly RoundSample[]) => {
  const count = (r: TestResult) => samples.filter((s) => s.result === r).length;
  return { negative: count('negative'), positive: count('positive'), invalid: count('invalid'), pending: samples.filter((s) => s.result === undefined).length };
};

/**
 * A round building by building (one grid's buildings when `gridId` is given), exact: read from
 * the samples themselves and the residents registered now, so the not-tested list is exactly the
 * registered people of the building without a sample in the round.
 */
export async function roundProgress(ports: Pick<DistrictPorts, 'testRounds' | 'residents'>, registry: RegistryIndex, round: TestRound, gridId?: string) {
  const buildingIds = roundBuildings(round).filter((b) => gridId === undefined || registry.gridOfBuilding(b) === gridId);
  const [samples, residents] = await Promise.all([ports.testRounds.samples(round.roundId), residentsOf(ports, buildingIds)]);
  const buildingNames = new Map(registry.registry.buildings.map((b) => [b.id, b.name]));
  const buildings = buildingIds.map((buildingId) => {
    const tested = samples.filter((s) => s.buildingId === buildingId);
    const testedIds = new Set(tested.map((s) => s.personId));
    const byHousehold = (a: { householdId: string; personId: string }, b: { householdId: string; personId: string }) => a.householdId.localeCompare(b.householdId) || a.personId.localeCompare(b.personId);
    const missing = residents.get(buildingId)!.filter((r) => !testedIds.has(r.personId)).sort(byHousehold);
    const names = new Map(residents.get(buildingId)!.map((r) => [r.personId, r.nameMasked]));
    const pending = tested.filter((s) => s.result === undefined).sort(byHousehold);
    const slot = slotOf(round, buildingId)!;
    return {
      buildingId, name: buildingNames.get(buildingId) ?? buildingId, gridId: registry.gridOfBuilding(buildingId) ?? '',
      slot: { from: slot.from, to: slot.to },
      expected: residents.get(buildingId)!.length, tested: tested.length, results: resultCounts(tested),
      missing: missing.slice(0, missingShown).map((r) => ({ personId: r.personId, nameMasked: r.nameMasked, householdId: r.householdId })),
      missingCount: missing.length,
      pending: pending.slice(0, missingShown).map((s) => ({ personId: s.personId, nameMasked: names.get(s.personId) ?? '', householdId: s.householdId, ...(s.tubeId !== undefined && { tubeId: s.tubeId }) })),
    };
  });
  const inView = samples.filter((s) => buildingIds.includes(s.buildingId));
  return {
    round: roundView(round), buildings,
    expected: buildings.reduce((n, b) => n + b.expected, 0), tested: inView.length, results: resultCounts(inView),
  };
}

/** The counts of a building in a round, zero when nobody was counted yet. */
export const countsOf = (counts: ReadonlyMap<string, RoundCounts>, buildingId: string): RoundCounts => counts.get(buildingId) ?? noCounts;
