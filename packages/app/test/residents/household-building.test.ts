import { describe, expect, it } from 'vitest';
import { ConflictError } from '@firstline/domain';
import type { HouseholdBuildings } from '../../src/residents/household-building.ts';
import { checkHouseholds, placeHousehold } from '../../src/residents/household-building.ts';

class MemoryHouseholds implements HouseholdBuildings {
  readonly buildings = new Map<string, string>();
  async bind(householdId: string, buildingId: string) {
    const placed = !this.buildings.has(householdId);
    if (placed) this.buildings.set(householdId, buildingId);
    return { buildingId: this.buildings.get(householdId)!, placed };
  }
  async buildingsOf(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => (this.buildings.has(id) ? [[id, this.buildings.get(id)!] as const] : [])));
  }
}

describe('a household belongs to one building', () => {
  it('is placed in the building of its first registration, and again there without complaint', async () => {
    const households = new MemoryHouseholds();

    await placeHousehold(households, 'h1', 'b1');
    await placeHousehold(households, 'h1', 'b1');

    expect(households.buildings.get('h1')).toBe('b1');
  });

  it('refuses a registration naming it in another building with a 409 on householdId', async () => {
    const households = new MemoryHouseholds();
    await placeHousehold(households, 'h1', 'b1');

    const refused = await placeHousehold(households, 'h1', 'b2').catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).details).toEqual([{ path: 'householdId', message: expect.stringContaining('building b1') }]);
  });

  it('refuses orders naming a registered household in another building, each by its field; unregistered ones pass', async () => {
    const households = new MemoryHouseholds();
    await placeHousehold(households, 'h1', 'b1');
    await placeHousehold(households, 'h2', 'b2');

    const refused = await checkHouseholds(households, [
      { householdId: 'h1', buildingId: 'b1', path: 'households.0.householdId' },
      { householdId: 'h2', buildingId: 'b1', path: 'households.1.householdId' },
      { householdId: 'h9', buildingId: 'b1', path: 'households.2.householdId' },
    ]).catch((e: unknown) => e);

    expect((refused as ConflictError).details.map((d) => d.path)).toEqual(['households.1.householdId']);
  });
});
