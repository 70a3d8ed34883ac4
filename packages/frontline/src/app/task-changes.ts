/** What a volunteer saw last time: when, and each task's status then. */
export interface TaskSnapshot {
  readonly at: string;
  readonly statuses: Readonly<Record<string, string>>;
}

export interface TaskChanges {
  /** Tasks that were not there (new assignments). */
  readonly added: readonly string[];
  /** Tasks that are gone (reassigned, cancelled, or finished elsewhere). */
  readonly removed: readonly string[];
  /** Tasks still there whose status moved without this volunteer. */
  readonly changed: readonly string[];
}

export function snapshotOf(tasks: readonly { deliveryId: string; status: string }[], at: Date): TaskSnapshot {
  return { at: at.toISOString(), statuses: Object.fromEntries(tasks.map((t) => [t.deliveryId, t.status])) };
}

/** The difference between the last look and the tasks now; undefined on a first look. */
export function changesSince(last: TaskSnapshot | undefined, tasks: readonly { deliveryId: string; status: string }[]): TaskChanges | undefined {
  if (!last) return undefined;
  const now = new Map(tasks.map((t) => [t.deliveryId, t.status]));
  return {
    added: tasks.filter((t) => !(t.deliveryId in last.statuses)).map((t) => t.deliveryId),
    removed: Object.keys(last.statuses).filter((id) => !now.has(id)),
    changed: tasks.filter((t) => t.deliveryId in last.statuses && last.statuses[t.deliveryId] !== t.status).map((t) => t.deliveryId),
  };
}

/** The volunteer's own action is not news: the baseline takes it in. */
export function withOwnChange(last: TaskSnapshot | undefined, deliveryId: string, status: string): TaskSnapshot | undefined {
  if (!last) return undefined;
  const statuses = { ...last.statuses };
  if (status === 'delivered' || status === 'failed') delete statuses[deliveryId];
  else statuses[deliveryId] = status;
  return { at: last.at, statuses };
}
