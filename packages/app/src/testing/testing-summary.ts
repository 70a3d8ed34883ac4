import type { Registry, Unit } from '@firstline/domain';
import { completeness, roundBuildings } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { countsOf } from './test-rounds.ts';

/**
 * The day's testing rounds under a unit, from the counts kept per building (one query for the
 * district's day): each round's completeness, per building where the unit is a community or grid;
 * undefined on a day without rounds there.
 */
export async function testingSummary(ports: Pick<DistrictPorts, 'testRounds'>, registry: Registry, unit: Unit, day: string) {
  const grids = new Set(unit.grids);
  const buildingsById = new Map(registry.buildings.map((b) => [b.id, b]));
  const inUnit = (buildingId: string) => grids.has(buildingsById.get(buildingId)?.gridId ?? '');
  const rounds = (await ports.testRounds.ofDay(day)).flatMap(({ round, counts }) => {
    const buildings = roundBuildings(round).filter(inUnit).map((buildingId) => {
      const expected = round.expected[buildingId] ?? 0;
      const { tested, positive } = countsOf(counts, buildingId);
      return { buildingId, name: buildingsById.get(buildingId)?.name ?? buildingId, expected, tested, positive, completeness: completeness(tested, expected) };
    });
    if (buildings.length === 0) return [];
    const expected = buildings.reduce((n, b) => n + b.expected, 0);
    const tested = buildings.reduce((n, b) => n + b.tested, 0);
    return [{
      roundId: round.roundId, communityId: round.communityId, kind: round.kind,
      expected, tested, positive: buildings.reduce((n, b) => n + b.positive, 0), completeness: completeness(tested, expected),
      ...((unit.level === 'community' || unit.level === 'grid') && { buildings: buildings.map(({ positive: _p, ...b }) => b) }),
    }];
  });
  if (rounds.length === 0) return undefined;
  const expected = rounds.reduce((n, r) => n + r.expected, 0);
  const tested = rounds.reduce((n, r) => n + r.tested, 0);
  return { expected, tested, positive: rounds.reduce((n, r) => n + r.positive, 0), completeness: completeness(tested, expected), rounds };
}
