import type { Volunteer } from '@firstline/domain';
import { isOpenStatus } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

type TaskPorts = Pick<DistrictPorts, 'deliveries' | 'volunteers'>;

/** Gives a task back unless the delivery did become the volunteer's (re-read: the write may have landed). */
export async function giveBackTask(ports: TaskPorts, volunteerId: string, deliveryId: string): Promise<void> {
  const current = await ports.deliveries.get(deliveryId);
  if (current?.volunteerId === volunteerId && isOpenStatus(current.status)) return;
  await ports.volunteers.dropTasks(volunteerId, [deliveryId]);
}

/**
 * Drops the tasks a crash between two writes left on volunteers' lists (no transactions): a task
 * whose delivery is finished, or is another volunteer's. Nobody can still be making such a task
 * the holder's (a dispatcher between its two writes would find the delivery taken and give it
 * back itself), so dropping it is safe. A task whose delivery is still queued may be an
 * assignment in progress; it is dropped only once it was taken longer ago than any dispatcher can
 * run (`abandonedAfterMs`), else a full volunteer would hold it, and the delivery wait, for ever.
 */
export async function repairTasks(ports: TaskPorts, volunteers: readonly Volunteer[], now: number, abandonedAfterMs: number) {
  const dropped: { volunteerId: string; deliveryIds: string[] }[] = [];
  const held = volunteers.flatMap((v) => v.tasks);
  if (held.length === 0) return { volunteers: [...volunteers], dropped, tasks: [] };
  const found = await ports.deliveries.getMany(held);
  // An id two grids used names two deliveries: a volunteer's task is the one they hold, if any.
  const deliveryOf = (id: string, volunteerId: string) => {
    const named = found.filter((d) => d.deliveryId === id);
    return named.find((d) => d.volunteerId === volunteerId) ?? named[0];
  };
  const repaired = await Promise.all(volunteers.map(async (v): Promise<Volunteer> => {
    const takenAt = v.takenAt?.length === v.tasks.length ? v.takenAt : undefined;
    const stale = v.tasks.filter((id, i) => {
      const d = deliveryOf(id, v.volunteerId);
      if (d === undefined) return false;
      if (d.status === 'queued') return takenAt !== undefined && now - Date.parse(takenAt[i]!) > abandonedAfterMs;
      return d.volunteerId !== v.volunteerId || !isOpenStatus(d.status);
    });
    if (stale.length === 0) return v;
    dropped.push({ volunteerId: v.volunteerId, deliveryIds: stale });
    await ports.volunteers.dropTasks(v.volunteerId, stale);
    const kept = v.tasks.flatMap((id, i) => (stale.includes(id) ? [] : [i]));
    return { ...v, tasks: kept.map((i) => v.tasks[i]!), ...(takenAt ? { takenAt: kept.map((i) => takenAt[i]!) } : {}) };
  }));
  // The deliveries the repaired lists hold, each its holder's.
  const tasks = repaired.flatMap((v) => v.tasks.flatMap((id) => {
    const d = deliveryOf(id, v.volunteerId);
    return d?.volunteerId === v.volunteerId ? [d] : [];
  }));
  return { volunteers: repaired, dropped, tasks };
}
