/**
 * Validation rules for grid logs (DESIGN.md, reporting discipline; DHIS2's validation rules): a log
 * whose figures cannot be true is kept and counted, and flagged so the command center checks it
 * ("不是数学问题，而是作风问题"). Each flag names its rule.
 */
export const logFlagKinds = ['screened-over-registered', 'visited-over-households', 'disinfection-unusual'] as const;
export type LogFlag = (typeof logFlagKinds)[number];

/** Who is registered in a grid: residents, and the households they live in. */
export interface GridPopulation {
  readonly residents: number;
  readonly households: number;
}

/** A grid's usual disinfection rounds: the median of its last reported days, once there are at least 3. */
export function usualRounds(recentDays: readonly number[]): number | undefined {
  if (recentDays.length < 3) return undefined;
  const sorted = [...recentDays].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * The rules a log breaks: more residents screened than are registered in the grid, more households
 * visited than exist there, or disinfection rounds more than three times, or less than a third of,
 * the grid's usual. A grid with nobody registered yet (its lists not imported) is not judged on them.
 */
export function logFlags(
  log: { readonly residentsScreened: number; readonly householdsVisited: number; readonly disinfectionRounds: number },
  population: GridPopulation,
  usual: number | undefined,
): LogFlag[] {
  const flags: LogFlag[] = [];
  if (population.residents > 0 && log.residentsScreened > population.residents) flags.push('screened-over-registered');
  if (population.households > 0 && log.householdsVisited > population.households) flags.push('visited-over-households');
  if (usual !== undefined && usual > 0 && (log.disinfectionRounds > 3 * usual || 3 * log.disinfectionRounds < usual)) flags.push('disinfection-unusual');
  return flags;
}
