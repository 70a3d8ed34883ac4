import type { Delivery } from './delivery-types.ts';
import { compareInstants } from './instant.ts';

/** A task a volunteer holds, as a waiting medical delivery may take its place. */
export type HeldTask = Pick<Delivery, 'deliveryId' | 'gridId' | 'volunteerId' | 'priority' | 'status' | 'history'>;

const bumpRank = { normal: 0, hardship: 1, medical: 2 } as const;
const assignedAt = (task: HeldTask) => task.history.findLast((h) => h.status === 'assigned')?.at ?? '';

/**
 * DESIGN.md: people who cannot wait come first. When every volunteer of a grid is full, each
 * medical delivery left waiting takes the place of a task not yet picked up, in this order: a
 * normal one before a hardship one (never a medical one), the most recently assigned first (its
 * volunteer has gone least far with it). Such a task goes back to the queue; the dispatcher then
 * places the medical delivery in the room made, ahead of everything else.
 */
export function bumpableTasks(held: readonly HeldTask[]): HeldTask[] {
  return held
    .filter((task) => task.status === 'assigned' && task.priority !== 'medical')
    .sort((a, b) => bumpRank[a.priority] - bumpRank[b.priority] || compareInstants(assignedAt(b), assignedAt(a)) || (a.deliveryId < b.deliveryId ? -1 : 1));
}
