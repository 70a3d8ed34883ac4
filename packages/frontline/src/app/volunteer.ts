/// <reference lib="dom" />
import { ApiError, request, scopedKey, serverNow } from './api.ts';
import type { DeliveryKind, DeliveryStatus, FailureReason, Priority } from './delivery-keys.ts';
import { failureKeys, kindKeys, priorityKeys, statusKeys } from './delivery-keys.ts';
import { h, setText } from './dom.ts';
import type { MessageKey } from './i18n.ts';
import type { TaskSnapshot } from './task-changes.ts';
import { changesSince, snapshotOf, withOwnChange } from './task-changes.ts';
import type { ViewFactory } from './view.ts';
import { keepLoaded, signOutOnRefusal } from './view.ts';

type TaskEvent = 'picked-up' | 'delivered' | 'failed';

/** A task as `GET /v1/volunteers/{id}/tasks` lists it (the delivery's view: address, never a name or phone). */
interface Task {
  readonly deliveryId: string;
  readonly status: DeliveryStatus;
  readonly callNumber?: number;
  readonly priority: Priority;
  readonly buildingId: string;
  readonly householdId: string;
  readonly kind: DeliveryKind;
  readonly items: readonly { readonly name: string; readonly quantity: number }[];
}

/** What a volunteer can report on a task in each status (the API's transitions). */
const actionsFor: Readonly<Record<string, readonly TaskEvent[]>> = {
  assigned: ['picked-up', 'failed'],
  'picked-up': ['delivered', 'failed'],
};
const actionKeys: Readonly<Record<TaskEvent, MessageKey>> = {
  'picked-up': 'volunteer.action.pickedUp', delivered: 'volunteer.action.delivered', failed: 'volunteer.action.failed',
};
const refreshEveryMs = 30_000;

/** The household's own part of its id (`…-b3-h12` → `h12`): the building is shown beside it. */
const householdLabel = (task: Task) => (task.householdId.startsWith(`${task.buildingId}-`) ? task.householdId.slice(task.buildingId.length + 1) : task.householdId);

/**
 * 配送任务: on/off duty, the open tasks in walking order, one tap for picked up or delivered, one
 * tap on a reason for a failure, and what changed since the volunteer last looked.
 */
export const volunteerView: ViewFactory = (session, context) => {
  const volunteerId = session.subject;
  const seenKey = scopedKey(`fl-tasks-seen:${volunteerId}`);
  const dutyKey = scopedKey(`fl-duty:${volunteerId}`);
  const stored = localStorage.getItem(seenKey);
  /** The last look before this one: what "changed" is measured against while the screen is open. */
  let baseline: TaskSnapshot | undefined = stored ? (JSON.parse(stored) as TaskSnapshot) : undefined;
  let openFailure: string | undefined;
  let tasks: readonly Task[] = [];

  const dutyButtons = ([true, false] as const).map((on) => h('button', {
    class: 'choice', i18n: on ? 'volunteer.duty.on' : 'volunteer.duty.off',
    attrs: { type: 'button', 'aria-pressed': 'false', 'data-duty': String(on) },
    on: { click: () => void setDuty(on) },
  }));
  const dutyNote = h('p', { class: 'status', attrs: { role: 'status' } });
  const changes = h('section', { class: 'changes', attrs: { 'data-testid': 'changes', 'aria-live': 'polite' } });
  const list = h('ol', { class: 'cards tasks', attrs: { 'data-testid': 'tasks' } }, h('li', { class: 'empty', i18n: 'common.loading' }));
  const updated = h('p', { class: 'muted' });
  const problem = h('p', { class: 'status', attrs: { role: 'alert', 'data-testid': 'volunteer-status' } });
  const root = h('section', { class: 'volunteer' },
    h('div', { class: 'bar' }, h('span', { class: 'pill', i18n: 'volunteer.id', args: { id: volunteerId } })),
    h('fieldset', { class: 'choices two' }, h('legend', { i18n: 'volunteer.duty' }), ...dutyButtons),
    dutyNote,
    changes,
    h('div', { class: 'list-head' },
      h('h2', { i18n: 'volunteer.tasks' }),
      h('button', { class: 'small', i18n: 'common.refresh', attrs: { type: 'button' }, on: { click: () => void load() } })),
    problem,
    list,
    updated);

  const signedOut = signOutOnRefusal(context);

  function showDuty(on: boolean | undefined) {
    for (const b of dutyButtons) b.setAttribute('aria-pressed', String(on !== undefined && b.dataset['duty'] === String(on)));
    if (on === undefined) setText(dutyNote, 'volunteer.duty.unknown');
    else dutyNote.replaceChildren();
  }

  async function setDuty(onDuty: boolean) {
    try {
      const answer = await request<{ onDuty: boolean }>('PUT', `v1/volunteers/${encodeURIComponent(volunteerId)}/duty`, { token: session.token, body: { onDuty }, timeoutMs: 10_000 });
      localStorage.setItem(dutyKey, String(answer.onDuty));
      showDuty(answer.onDuty);
      await load();
    } catch (error) {
      if (!signedOut(error)) setText(dutyNote, error instanceof ApiError ? 'common.error' : 'common.network', { message: error instanceof Error ? error.message : '' });
    }
  }

  async function load() {
    try {
      const answer = await request<{ tasks: Task[] }>('GET', `v1/volunteers/${encodeURIComponent(volunteerId)}/tasks`, { token: session.token, timeoutMs: 10_000 });
      tasks = answer.tasks;
      problem.replaceChildren();
      render();
      const look = snapshotOf(tasks, new Date());
      localStorage.setItem(seenKey, JSON.stringify(look));
      // On a first look ever, this look is what later refreshes on this screen are compared with.
      baseline ??= look;
    } catch (error) {
      if (!signedOut(error)) setText(problem, 'common.network');
    }
  }

  function render() {
    const diff = changesSince(baseline, tasks);
    if (!diff || !baseline) {
      changes.replaceChildren(h('p', { i18n: 'volunteer.changes.first' }));
    } else {
      const parts: HTMLElement[] = [];
      if (diff.added.length) parts.push(h('li', { class: 'added', i18n: 'volunteer.changes.new', args: { count: diff.added.length } }));
      if (diff.changed.length) parts.push(h('li', { i18n: 'volunteer.changes.status', args: { count: diff.changed.length } }));
      if (diff.removed.length) parts.push(h('li', { i18n: 'volunteer.changes.gone', args: { count: diff.removed.length } }));
      changes.replaceChildren(
        h('h2', { i18n: 'volunteer.changes.since', args: { time: { dateTime: baseline.at } } }),
        parts.length ? h('ul', {}, ...parts) : h('p', { i18n: 'volunteer.changes.none' }),
      );
    }
    setText(updated, 'volunteer.updated', { time: { time: new Date().toISOString() } });
    if (tasks.length === 0) {
      list.replaceChildren(h('li', { class: 'empty', i18n: 'volunteer.tasks.empty' }));
      return;
    }
    list.replaceChildren(...tasks.map((task) => card(task, diff?.added.includes(task.deliveryId) ?? false)));
  }

  function card(task: Task, isNew: boolean): HTMLElement {
    const failing = openFailure === task.deliveryId;
    return h('li', { class: `card ${task.priority}`, attrs: { 'data-delivery': task.deliveryId, 'data-status': task.status } },
      h('p', { class: 'card-title' },
        isNew ? h('span', { class: 'badge new', i18n: 'volunteer.badge.new' }) : '',
        task.priority === 'normal' ? '' : h('span', { class: `badge ${task.priority}`, i18n: priorityKeys[task.priority] }),
        h('span', { class: `state ${task.status}`, i18n: statusKeys[task.status] })),
      h('dl', { class: 'facts compact' },
        h('dt', { i18n: 'volunteer.task.building' }), h('dd', {}, task.buildingId),
        h('dt', { i18n: 'volunteer.task.household' }), h('dd', {}, householdLabel(task)),
        h('dt', { i18n: 'volunteer.task.callNumber' }), task.callNumber === undefined ? h('dd', {}, '—') : h('dd', { class: 'call-number', i18n: 'common.number', args: { value: task.callNumber } })),
      h('p', {}, h('span', { i18n: kindKeys[task.kind] }), ' · ', h('span', { i18n: 'resident.items', args: { items: { items: task.items } } })),
      h('div', { class: 'actions' }, ...(actionsFor[task.status] ?? []).map((type) => h('button', {
        class: type === 'failed' ? 'action warn' : 'action', i18n: actionKeys[type],
        attrs: { type: 'button', 'data-action': type, ...(type === 'failed' ? { 'aria-expanded': String(failing) } : {}) },
        on: { click: () => (type === 'failed' ? toggleFailure(task.deliveryId) : void report(task, type)) },
      }))),
      failing ? h('fieldset', { class: 'reasons' }, h('legend', { i18n: 'volunteer.action.failedReason' }),
        ...(Object.keys(failureKeys) as FailureReason[]).map((reason) => h('button', {
          class: 'action warn', i18n: failureKeys[reason], attrs: { type: 'button', 'data-reason': reason },
          on: { click: () => void report(task, 'failed', reason) },
        }))) : '');
  }

  function toggleFailure(deliveryId: string) {
    openFailure = openFailure === deliveryId ? undefined : deliveryId;
    render();
  }

  async function report(task: Task, type: TaskEvent, reason?: FailureReason) {
    openFailure = undefined;
    try {
      const answer = await request<{ status: string }>('POST', `v1/deliveries/${encodeURIComponent(task.deliveryId)}/events`, {
        token: session.token, timeoutMs: 10_000, body: { type, at: serverNow().toISOString(), ...(reason ? { reason } : {}) },
      });
      baseline = withOwnChange(baseline, task.deliveryId, answer.status);
      await load();
    } catch (error) {
      if (signedOut(error)) return;
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        setText(problem, 'volunteer.conflict');
        await load();
        setText(problem, 'volunteer.conflict');
      } else {
        setText(problem, 'common.network');
      }
    }
  }

  const storedDuty = localStorage.getItem(dutyKey);
  showDuty(storedDuty === null ? undefined : storedDuty === 'true');
  const stopLoading = keepLoaded(load, refreshEveryMs);

  return { root, unmount: stopLoading };
};
