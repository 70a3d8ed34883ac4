import type { DispatchDelivery, HeldTask, Waiting } from '@firstline/domain';
import { bumpableTasks, ConflictError, ForbiddenError, NotFoundError, planAssignments } from '@firstline/domain';
import { faultPoint } from '@firstline/service';
import type { DistrictPorts } from '../district.ts';
import { changeDelivery } from './change-delivery.ts';
import { withinScope } from './delivery-scope.ts';
import { giveBackTask, repairTasks } from './repair-tasks.ts';

export interface DispatchOutcome {
  readonly assigned: number;
  /** Seconds each assigned delivery waited in the queue (from its request, or its requeue). */
  readonly waitedSeconds: readonly number[];
  /** Tasks a crash had left on volunteers' lists, dropped before planning. */
  readonly dropped: readonly { volunteerId: string; deliveryIds: string[] }[];
  /** Tasks not yet picked up that went back to the queue to make room for medical deliveries. */
  readonly bumped: readonly string[];
}

/**
 * Assigns a grid's queued deliveries to its volunteers (domain `planAssignments`: medical first,
 * fewest open tasks, never across grids). Each assignment is two conditional writes: the volunteer
 * takes the task only while on duty and below capacity, then the delivery moves only if still
 * queued; if that second write loses, the task is given back (compensation, no transactions).
 * `abandonedAfterMs`: how long a half-made assignment may be in progress (see `repairTasks`).
 */
export async function dispatchGrid(districtPorts: DistrictPorts, gridId: string, timeZone: string, abandonedAfterMs: number): Promise<DispatchOutcome> {
  // Every delivery id read here is this grid's.
  const ports = withinScope(districtPorts, { gridIds: [gridId] });
  const { volunteers, dropped, tasks } = await repairTasks(ports, await ports.volunteers.ofGrid(gridId), Date.now(), abandonedAfterMs);
  const nothing = { assigned: 0, waitedSeconds: [], dropped, bumped: [] };
  // With nobody on duty with room and no task a medical delivery could take the place of, the
  // queue is not read at all: a busy grid's backlog costs nothing per new order until one frees up.
  const onDuty = new Set(volunteers.filter((v) => v.onDuty).map((v) => v.volunteerId));
  const bumpable = bumpableTasks(tasks.filter((t) => t.volunteerId !== undefined && onDuty.has(t.volunteerId)));
  if (!volunteers.some((v) => v.onDuty && v.tasks.length < v.capacity) && bumpable.length === 0) return nothing;
  const queued = await ports.deliveries.queued(gridId);
  if (queued.length === 0) return nothing;
  const plan = planAssignments(queued, volunteers.map((v) => ({ ...v, openTasks: v.tasks.length })));
  const waitedSeconds: number[] = [];
  let lostRaces = 0;
  const now = new Date().toISOString();
  for (const { deliveryId, volunteerId } of plan.assignments) {
    if (!(await ports.volunteers.takeTask(volunteerId, gridId, deliveryId))) {
      lostRaces++;
      continue;
    }
    let outcome: Awaited<ReturnType<typeof changeDelivery>> | undefined;
    try {
      faultPoint('dispatcher.assign');
      outcome = await changeDelivery(ports, deliveryId, { type: 'assign', volunteerId }, 'dispatcher', now, timeZone);
    } catch (error) {
      // The volunteer holds a task the delivery may never have got (the second write failed):
      // give it back unless the delivery did become theirs. A refused assignment (the delivery
      // moved on meanwhile) is a lost race; anything else fails the message for redelivery.
      await giveBackTask(ports, volunteerId, deliveryId);
      if (!(error instanceof ConflictError || error instanceof ForbiddenError || error instanceof NotFoundError)) throw error;
    }
    if (outcome?.changed) {
      // From the moment it (re)entered the queue: its request, or the requeue after a failed attempt.
      const queuedAt = outcome.delivery.history.findLast((h) => h.status === 'queued')?.at ?? outcome.delivery.requestedAt;
      const seconds = (Date.parse(now) - Date.parse(queuedAt)) / 1000;
      waitedSeconds.push(Number.isFinite(seconds) ? Math.max(0, seconds) : 0);
    } else {
      lostRaces++;
      if (outcome) await giveBackTask(ports, volunteerId, deliveryId);
    }
  }
  // Another dispatcher changed the grid under this plan: look again with fresh state. A plan made
  // on fresh state only names volunteers with room, so this ends when nothing is left to place.
  if (lostRaces > 0) await ports.dispatch.request([gridId]);
  const bumped = await makeRoomForMedical(districtPorts, plan.waiting, queued, bumpable, now, timeZone);
  return { assigned: waitedSeconds.length, waitedSeconds, dropped, bumped };
}

/**
 * Medical deliveries left waiting because every volunteer is full take the places of tasks not
 * picked up yet (domain `bumpableTasks`, in its order): each such task goes back to the queue, which drops it from
 * its volunteer's list and asks for a dispatch, where the medical delivery is placed first. A task
 * picked up meanwhile stays with its volunteer (the release is refused). A volunteer who also
 * serves another grid may give up a task there: each is released within its own grid.
 */
async function makeRoomForMedical(
  ports: DistrictPorts, waiting: readonly Waiting[], queued: readonly DispatchDelivery[],
  bumpable: readonly HeldTask[], now: string, timeZone: string,
): Promise<string[]> {
  const medical = new Set(queued.filter((d) => d.priority === 'medical').map((d) => d.deliveryId));
  const full = waiting.filter((w) => w.reason === 'all-at-capacity' && medical.has(w.deliveryId)).length;
  const bumped: string[] = [];
  for (const task of bumpable.slice(0, full)) {
    try {
      await changeDelivery(withinScope(ports, { gridIds: [task.gridId] }), task.deliveryId, { type: 'release' }, 'dispatcher', now, timeZone);
      bumped.push(task.deliveryId);
    } catch (error) {
      if (!(error instanceof ConflictError || error instanceof ForbiddenError || error instanceof NotFoundError)) throw error;
    }
  }
  return bumped;
}
