import type { CityPort } from '@firstline/domain';

/** What the city's use cases need, built once per container by the city runtime. */
export interface CityPorts {
  /** The city's id, as a district's `city` names it. */
  readonly id: string;
  /** The member districts whose days the city accepts. */
  readonly members: readonly string[];
  readonly store: CityPort;
}
