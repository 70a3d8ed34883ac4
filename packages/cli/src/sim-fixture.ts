import type { RegisterResidentBody, RegistryDocument } from '@firstline/schemas';

/**
 * The simulator's own corner of a district: one street and community, a grid for every two gates,
 * two buildings a grid, four households a building, two residents a household. Every id and ID
 * number is derived from its position, so a later run (with the same or fewer gates) finds what an
 * earlier `--setup` registered, and registering again is a repeat the API ignores.
 */
export interface SimFixture {
  readonly registry: Omit<RegistryDocument, 'district'>;
  readonly residents: readonly RegisterResidentBody[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function simFixture(gates: number): SimFixture {
  const gridCount = Math.ceil(gates / 2);
  const registry: SimFixture['registry'] = {
    streets: [{ id: 'sim-s1', name: 'Simulation Street' }],
    communities: [{ id: 'sim-c1', name: 'Simulation Community', streetId: 'sim-s1' }],
    grids: [], buildings: [], checkpoints: [],
  };
  const residents: RegisterResidentBody[] = [];
  for (let g = 1; g <= gridCount; g++) {
    const gridId = `sim-g${g}`;
    registry.grids.push({ id: gridId, name: `Simulation Grid ${g}`, communityId: 'sim-c1' });
    for (let b = 1; b <= 2; b++) {
      const buildingId = `${gridId}-b${b}`;
      registry.buildings.push({ id: buildingId, name: `Building ${b}`, gridId });
      for (let h = 1; h <= 4; h++) {
        for (let r = 1; r <= 2; r++) {
          const serial = `${pad(g, 4)}${b}${h}${r}`;
          residents.push({
            idNumber: `SIM${serial}`, name: `Sim Resident ${serial}`, phone: `1390${pad(g, 4)}${b}${h}${r}`,
            buildingId, householdId: `${buildingId}-h${h}`,
          });
        }
      }
    }
  }
  for (let k = 1; k <= gates; k++) {
    registry.checkpoints.push({ id: `sim-cp${k}`, name: `Simulation Gate ${k}`, gridId: `sim-g${Math.ceil(k / 2)}` });
  }
  return { registry, residents };
}

/** An ID number nobody registered: the gate must deny it as an unknown person, and count it. */
export const unknownIdNumber = (n: number) => `SIMNOBODY${pad(n, 8)}`;
