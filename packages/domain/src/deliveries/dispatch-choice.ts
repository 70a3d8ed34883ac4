import type { Delivery, Priority } from './delivery-types.ts';
import { compareInstants, instantMs } from './instant.ts';
import { compareCallNumbers, compareCodeUnits } from './ordering.ts';

/** A queued delivery as dispatch sees it. */
export type DispatchDelivery = Pick<Delivery, 'deliveryId' | 'gridId' | 'buildingId' | 'priority' | 'requestedAt' | 'callNumber'>;

/** A volunteer's standing at the moment of planning. */
export interface VolunteerLoad {
  readonly volunteerId: string;
  /** The only grids they deliver in: a volunteer never crosses into another grid (limits cross-infection). */
  readonly gridIds: readonly string[];
  readonly onDuty: boolean;
  /** Open tasks they may hold at once. */
  readonly capacity: number;
  /** Tasks assigned or picked up right now. */
  readonly openTasks: number;
  /** When they were last given a task (ISO instant); breaks ties in favour of whoever waited longest. */
  readonly lastAssignedAt?: string;
}

export interface Assignment {
  readonly deliveryId: string;
  readonly volunteerId: string;
}

/**
 * Why a delivery stays queued: nobody serves its grid at all, nobody who does is on duty, or
 * everyone on duty there is full. Tells a dispatcher whom to call.
 */
export type WaitingReason = 'no-volunteer-for-grid' | 'no-volunteer-on-duty' | 'all-at-capacity';

export interface Waiting {
  readonly deliveryId: string;
  readonly reason: WaitingReason;
}

export interface AssignmentPlan {
  /** In dispatch order. */
  readonly assignments: readonly Assignment[];
  /** In dispatch order. */
  readonly waiting: readonly Waiting[];
}

const priorityRank: Readonly<Record<Priority, number>> = { medical: 0, hardship: 1, normal: 2 };

/**
 * The order deliveries are served in: medical, then hardship, then normal; within a priority the
 * oldest request first (compared as instants, whatever offset they were written in); then call
 * number (a numbered one before an unnumbered one); then delivery id, so the order is total.
 */
export function compareDispatchOrder(a: DispatchDelivery, b: DispatchDelivery): number {
  return (
    priorityRank[a.priority] - priorityRank[b.priority] ||
    compareInstants(a.requestedAt, b.requestedAt) ||
    compareCallNumbers(a.callNumber, b.callNumber) ||
    compareCodeUnits(a.deliveryId, b.deliveryId)
  );
}

interface Candidate {
  readonly volunteer: VolunteerLoad;
  open: number;
  thisRound: number;
  /** Position of their latest assignment in this round; later is more recent than any earlier timestamp. */
  lastInRound: number;
  readonly lastAssignedMs: number;
}

/**
 * Who gets the next task among eligible volunteers: the fewest open tasks; then the fewest given
 * in this round (spreads a burst such as a group-buy); then whoever has waited longest for a task
 * (never assigned first, then the earliest `lastAssignedAt`, then the earliest in this round);
 * then volunteer id, so the choice is deterministic.
 */
function better(a: Candidate, b: Candidate): boolean {
  if (a.open !== b.open) return a.open < b.open;
  if (a.thisRound !== b.thisRound) return a.thisRound < b.thisRound;
  if (a.thisRound > 0) {
    if (a.lastInRound !== b.lastInRound) return a.lastInRound < b.lastInRound;
  } else if (a.lastAssignedMs !== b.lastAssignedMs) {
    return a.lastAssignedMs < b.lastAssignedMs;
  }
  return a.volunteer.volunteerId < b.volunteer.volunteerId;
}

/**
 * Plans assignments for queued deliveries, in {@link compareDispatchOrder}: each goes to an
 * on-duty volunteer who serves its grid and is below capacity, the best by the fairness rule
 * above, and counts against that volunteer before the next delivery is placed. What cannot be
 * placed stays queued with the reason.
 *
 * Pure and deterministic: the plan does not depend on the order of either list. A delivery id
 * that appears twice is planned once (the entry first in dispatch order); a volunteer id that
 * appears twice is taken from its first entry. Writing the plan safely (two dispatchers at once,
 * conditional writes) is the caller's job.
 */
export function planAssignments(deliveries: readonly DispatchDelivery[], volunteers: readonly VolunteerLoad[]): AssignmentPlan {
  const byGrid = new Map<string, Candidate[]>();
  const seenVolunteers = new Set<string>();
  for (const volunteer of volunteers) {
    if (seenVolunteers.has(volunteer.volunteerId)) continue;
    seenVolunteers.add(volunteer.volunteerId);
    const last = volunteer.lastAssignedAt === undefined ? Number.NaN : instantMs(volunteer.lastAssignedAt);
    const candidate: Candidate = {
      volunteer,
      open: volunteer.openTasks,
      thisRound: 0,
      lastInRound: 0,
      lastAssignedMs: Number.isNaN(last) ? Number.NEGATIVE_INFINITY : last,
    };
    for (const gridId of new Set(volunteer.gridIds)) {
      let list = byGrid.get(gridId);
      if (!list) byGrid.set(gridId, (list = []));
      list.push(candidate);
    }
  }

  const assignments: Assignment[] = [];
  const waiting: Waiting[] = [];
  const planned = new Set<string>();
  let round = 0;
  for (const delivery of [...deliveries].sort(compareDispatchOrder)) {
    if (planned.has(delivery.deliveryId)) continue;
    planned.add(delivery.deliveryId);

    const inGrid = byGrid.get(delivery.gridId) ?? [];
    let best: Candidate | undefined;
    let anyOnDuty = false;
    for (const c of inGrid) {
      if (!c.volunteer.onDuty) continue;
      anyOnDuty = true;
      if (c.open >= c.volunteer.capacity) continue;
      if (!best || better(c, best)) best = c;
    }
    if (!best) {
      waiting.push({
        deliveryId: delivery.deliveryId,
        reason: inGrid.length === 0 ? 'no-volunteer-for-grid' : anyOnDuty ? 'all-at-capacity' : 'no-volunteer-on-duty',
      });
      continue;
    }
    best.open += 1;
    best.thisRound += 1;
    best.lastInRound = ++round;
    assignments.push({ deliveryId: delivery.deliveryId, volunteerId: best.volunteer.volunteerId });
  }
  return { assignments, waiting };
}
