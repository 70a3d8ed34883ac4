import { ConflictError } from '@firstline/domain';

/**
 * Which building each household belongs to. A household id is the district's: the first resident
 * registered with it puts it in their building, and it stays there. A registration, a delivery or a
 * group buy that names it with another building is refused, so a person cannot be filed into (or
 * an order sent to, or a pass quota spent from) another building's household by reusing its id.
 */
export interface HouseholdBuildings {
  /** Puts the household in the building unless it is in one already; the building it is in, and whether this call placed it. */
  bind(householdId: string, buildingId: string): Promise<{ readonly buildingId: string; readonly placed: boolean }>;
  /** The buildings of these households, for those that are in one. */
  buildingsOf(householdIds: readonly string[]): Promise<Map<string, string>>;
}

/**
 * Registration: the household is (or now becomes) the building's, else a 409 naming `householdId`.
 * True when this registration is the household's first (a new household of the grid).
 */
export async function placeHousehold(households: HouseholdBuildings, householdId: string, buildingId: string): Promise<boolean> {
  const { buildingId: bound, placed } = await households.bind(householdId, buildingId);
  if (bound !== buildingId) {
    throw new ConflictError(`household ${householdId} belongs to building ${bound}`, [
      { path: 'householdId', message: `household ${householdId} is in building ${bound}; a household never spans buildings` },
    ]);
  }
  return placed;
}

/**
 * Orders: each household named must not be another building's (a household nobody is registered
 * in yet may be ordered for; only a registration puts it in a building). `path` names the field.
 */
export async function checkHouseholds(
  households: HouseholdBuildings,
  named: readonly { readonly householdId: string; readonly buildingId: string; readonly path: string }[],
): Promise<void> {
  const bound = await households.buildingsOf(named.map((n) => n.householdId));
  const wrong = named.filter((n) => bound.has(n.householdId) && bound.get(n.householdId) !== n.buildingId);
  if (wrong.length === 0) return;
  throw new ConflictError(`a household named is in another building`, wrong.map((n) => ({
    path: n.path, message: `household ${n.householdId} is in building ${bound.get(n.householdId)}, not ${n.buildingId}`,
  })));
}
