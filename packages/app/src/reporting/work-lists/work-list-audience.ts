import type { RegistryIndex, WorkListScope } from '@firstline/domain';
import { NotFoundError } from '@firstline/domain';

/** Whose items a work list shows, and the grids the scope check is asked about. */
export interface WorkListAudience {
  readonly scope: WorkListScope;
  /** The grids the request names (the one asked for), for the scope check; empty when it names none. */
  readonly named: readonly string[];
}

/**
 * The command center (and an admin, and a district-wide token) sees the district's items; a grid
 * worker those of the registered grids their token names. A request naming one grid (`gridId`)
 * reads that grid only, and the scope check decides whether it may.
 */
export function workListAudience(index: Pick<RegistryIndex, 'grid'>, caller: 'all' | readonly string[], gridId: string | undefined): WorkListAudience {
  if (gridId !== undefined) {
    if (!index.grid(gridId)) throw new NotFoundError(`no grid ${gridId}`);
    return { scope: [gridId], named: [gridId] };
  }
  if (caller === 'all') return { scope: 'district', named: [] };
  return { scope: caller.filter((id) => index.grid(id) !== undefined), named: [] };
}

/** A page size the list routes take: 50 unless asked, at most 200 (the contract checks the range). */
export const defaultWorkListLimit = 50;
