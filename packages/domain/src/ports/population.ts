import type { GridPopulation } from '../closing/log-flags.ts';

/** How many residents and households are registered per grid, counted as they register. */
export interface PopulationPort {
  add(gridId: string, added: GridPopulation): Promise<void>;
  of(gridId: string): Promise<GridPopulation>;
}
