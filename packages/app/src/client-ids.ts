import { ConflictError } from '@firstline/domain';

/**
 * Cases and grid logs are kept apart per grid under the id their client chose, so a grid that
 * takes an id first cannot block another grid's case or log under it. A request's id means the
 * record among the grids it names.
 */
export interface GridOwned {
  readonly gridId: string;
}

/** The grids a caller restricted to grids may mean; undefined: any grid (an admin, a district-wide token). */
export function gridsOf(restriction: { readonly kind: string; readonly ids: readonly string[] } | undefined): readonly string[] | undefined {
  return restriction?.kind === 'grid' ? restriction.ids : undefined;
}

/**
 * Which of the records under one id a request means: the one within its grids. A single record
 * outside them is still answered, so that the scope check refuses it (403) as every route refuses
 * what is not the caller's; several within them, for a caller that does not tell them apart, is a
 * conflict it resolves by naming the grid.
 */
export function meantWithin<T extends GridOwned>(found: readonly T[], gridIds: readonly string[] | undefined, what: string, id: string): T | undefined {
  const within = gridIds ? found.filter((record) => gridIds.includes(record.gridId)) : found;
  if (within.length === 0) return found.length === 1 ? found[0] : undefined;
  if (within.length === 1) return within[0];
  const grids = within.map((record) => record.gridId).sort().join(', ');
  throw new ConflictError(`${what} id ${id} is used in grids ${grids}; name the grid (gridId) or ask with a token of one of them`);
}
