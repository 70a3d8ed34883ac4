import type { RegisterResidentBody, RegistryDocument } from '@firstline/schemas';

/**
 * The simulator's own corner of a district: two buildings for every two gates, four households a
 * building, two residents a household. In a district that already has its hierarchy (the seeded
 * demo, an imported one) the gates and buildings join one of its grids (`hostGridId`), so no street,
 * community or grid appears that the district's closed days never saw; in an empty district it
 * brings its own street, community and a grid per two gates. Every id and ID number is derived from
 * its position, so a later run (with the same or fewer gates) finds what an earlier `--setup`
 * registered, and registering again is a repeat the API ignores.
 */
export interface SimFixture {
  readonly registry: Omit<RegistryDocument, 'district'>;
  readonly residents: readonly RegisterResidentBody[];
  /** The grids the gates are in, where the run sends its grid logs. */
  readonly gridIds: readonly string[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function simFixture(gates: number, hostGridId?: string): SimFixture {
  const groups = Math.ceil(gates / 2);
  const gridOf = (group: number) => hostGridId ?? `sim-g${group}`;
  const registry: SimFixture['registry'] = hostGridId
    ? { streets: [], communities: [], grids: [], buildings: [], checkpoints: [] }
    : {
      streets: [{ id: 'sim-s1', name: 'Simulation Street' }],
      communities: [{ id: 'sim-c1', name: 'Simulation Community', streetId: 'sim-s1' }],
      grids: [], buildings: [], checkpoints: [],
    };
  const residents: RegisterResidentBody[] = [];
  for (let g = 1; g <= groups; g++) {
    if (!hostGridId) registry.grids.push({ id: gridOf(g), name: `Simulation Grid ${g}`, communityId: 'sim-c1' });
    for (let b = 1; b <= 2; b++) {
      const buildingId = `sim-g${g}-b${b}`;
      registry.buildings.push({ id: buildingId, name: hostGridId ? `Simulation Building ${g}-${b}` : `Building ${b}`, gridId: gridOf(g) });
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
    registry.checkpoints.push({ id: `sim-cp${k}`, name: `Simulation Gate ${k}`, gridId: gridOf(Math.ceil(k / 2)) });
  }
  return { registry, residents, gridIds: hostGridId ? [hostGridId] : registry.grids.map((g) => g.id) };
}

/** An ID number nobody registered: the gate must deny it as an unknown person, and count it. */
export const unknownIdNumber = (n: number) => `SIMNOBODY${pad(n, 8)}`;
