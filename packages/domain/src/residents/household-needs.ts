import type { Priority } from '../deliveries/delivery-types.ts';

/**
 * The needs a grid worker registers for a vulnerable household (issue 16; Shanghai's April 2022
 * order to list "血透、重大病以及居民紧急就医需求"): who cannot wait, and who needs looking after.
 */
export const householdNeeds = ['elderly-alone', 'disabled', 'chronic-medicine', 'dialysis', 'pregnancy', 'infant', 'hardship', 'mental-health'] as const;
export type HouseholdNeed = (typeof householdNeeds)[number];

/** A household's registered needs, kept by household id (no name, no person id): what dispatch and carers read. */
export interface HouseholdNeedsRecord {
  readonly householdId: string;
  readonly buildingId: string;
  readonly gridId: string;
  readonly needs: readonly HouseholdNeed[];
  /** A pregnancy's due date (a district day). */
  readonly dueDate?: string | undefined;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

/** Needs whose deliveries are medical: treatment that cannot be missed. */
const medical: ReadonlySet<HouseholdNeed> = new Set(['dialysis', 'chronic-medicine', 'pregnancy']);
const rank: Readonly<Record<Priority, number>> = { medical: 0, hardship: 1, normal: 2 };

/** The priority a household's needs give its deliveries: medical, hardship for any other need, none without. */
export function needsPriority(needs: readonly HouseholdNeed[]): Priority | undefined {
  if (needs.some((need) => medical.has(need))) return 'medical';
  return needs.length > 0 ? 'hardship' : undefined;
}

/**
 * The priority a delivery goes with: the higher of what its order says and what its household's
 * needs give, so nobody has to type "hardship" into every order for a household that has it.
 */
export function deliveryPriority(ordered: Priority, needs: readonly HouseholdNeed[] | undefined): Priority {
  const fromNeeds = needs ? needsPriority(needs) : undefined;
  return fromNeeds !== undefined && rank[fromNeeds] < rank[ordered] ? fromNeeds : ordered;
}
