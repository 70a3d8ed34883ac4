/// <reference lib="dom" />
import { ApiError, request, serverNow } from './api.ts';
import { h, setText } from './dom.ts';
import { helpKinds } from './help-keys.ts';
import type { MessageKey } from './i18n.ts';
import type { ViewFactory } from './view.ts';
import { keepLoaded, signOutOnRefusal } from './view.ts';

type Stage = 'waiting-acknowledgement' | 'waiting-arrangement' | 'arranged';
type Escalation = 'none' | 'community' | 'street';
type VisitKind = 'visit' | 'call';
type Found = 'well' | 'needs-help' | 'not-reached';
type Need = 'elderly-alone' | 'disabled' | 'chronic-medicine' | 'dialysis' | 'pregnancy' | 'infant' | 'hardship' | 'mental-health';

/** An open request as `GET /v1/urgent-requests?gridId=` lists it. */
interface Urgent {
  readonly requestId: string;
  readonly householdId: string;
  readonly buildingId: string;
  readonly kind: string;
  readonly status: { readonly stage: Stage; readonly dueAt?: string; readonly overdue: boolean; readonly escalation: Escalation };
}

/** A vulnerable household as `GET /v1/households/needs?gridId=` lists it. */
interface Household {
  readonly householdId: string;
  readonly buildingId: string;
  readonly needs: readonly Need[];
  readonly lastVisit?: { readonly at: string; readonly kind: VisitKind; readonly found: Found };
  readonly visitDue: boolean;
}

const needKeys: Readonly<Record<Need, MessageKey>> = {
  'elderly-alone': 'need.elderly-alone', disabled: 'need.disabled', 'chronic-medicine': 'need.chronic-medicine', dialysis: 'need.dialysis',
  pregnancy: 'need.pregnancy', infant: 'need.infant', hardship: 'need.hardship', 'mental-health': 'need.mental-health',
};
const stageKeys: Readonly<Record<Exclude<Stage, 'arranged'>, MessageKey>> = {
  'waiting-acknowledgement': 'care.stage.waiting-acknowledgement', 'waiting-arrangement': 'care.stage.waiting-arrangement',
};
const escalationKeys: Readonly<Record<Exclude<Escalation, 'none'>, MessageKey>> = { community: 'care.escalated.community', street: 'care.escalated.street' };
const kindKeys: Readonly<Record<VisitKind, MessageKey>> = { visit: 'care.kind.visit', call: 'care.kind.call' };
const foundKeys: Readonly<Record<Found, MessageKey>> = { well: 'care.found.well', 'needs-help': 'care.found.needs-help', 'not-reached': 'care.found.not-reached' };
const refreshEveryMs = 30_000;

/** The household's own part of its id (`…-b3-h12` → `h12`): the building is shown beside it. */
const householdLabel = (householdId: string, buildingId: string) => (householdId.startsWith(`${buildingId}-`) ? householdId.slice(buildingId.length + 1) : householdId);

/**
 * 关爱帮扶: a grid worker's phone for the people who cannot wait. First the grid's urgent medical
 * requests, the overdue red with how far they were raised, each answered (我来响应) and arranged
 * (saying how) by the person signed in; then the vulnerable households, those due a visit first,
 * each visit or call recorded with what was found in one tap.
 */
export const careView: ViewFactory = (session, context) => {
  const gridId = session.subject;
  let kind: VisitKind = 'visit';
  let arranging: string | undefined;

  const problem = h('p', { class: 'status', attrs: { role: 'alert', 'data-testid': 'care-status' } });
  const urgentList = h('ol', { class: 'cards', attrs: { 'data-testid': 'care-urgent' } }, h('li', { class: 'empty', i18n: 'common.loading' }));
  const householdList = h('ol', { class: 'cards', attrs: { 'data-testid': 'care-households' } }, h('li', { class: 'empty', i18n: 'common.loading' }));
  const kindButtons = (['visit', 'call'] as const).map((k) => h('button', {
    class: 'choice', i18n: kindKeys[k], attrs: { type: 'button', 'aria-pressed': String(k === kind), 'data-kind': k },
    on: { click: () => {
      kind = k;
      for (const b of kindButtons) b.setAttribute('aria-pressed', String(b.dataset['kind'] === k));
    } },
  }));
  const root = h('section', { class: 'care' },
    h('div', { class: 'bar' }, h('span', { class: 'pill', i18n: 'care.grid', args: { id: gridId } })),
    problem,
    h('div', { class: 'list-head' },
      h('h2', { i18n: 'care.urgent' }),
      h('button', { class: 'small', i18n: 'common.refresh', attrs: { type: 'button' }, on: { click: () => void load() } })),
    urgentList,
    h('h2', { i18n: 'care.households' }),
    h('fieldset', { class: 'choices two' }, h('legend', { i18n: 'care.kind' }), ...kindButtons),
    householdList);

  const signedOut = signOutOnRefusal(context);

  async function load() {
    try {
      const grid = encodeURIComponent(gridId);
      const [urgent, households] = await Promise.all([
        request<{ items: Urgent[] }>('GET', `v1/urgent-requests?gridId=${grid}`, { token: session.token, timeoutMs: 10_000 }),
        request<{ items: Household[] }>('GET', `v1/households/needs?gridId=${grid}`, { token: session.token, timeoutMs: 10_000 }),
      ]);
      showUrgent(urgent.items);
      // Due a visit first: those are the ones the carer must not miss.
      showHouseholds([...households.items].sort((a, b) => Number(b.visitDue) - Number(a.visitDue)));
    } catch (error) {
      if (!signedOut(error)) setText(problem, 'common.network');
    }
  }

  function showUrgent(items: readonly Urgent[]) {
    if (items.length === 0) {
      urgentList.replaceChildren(h('li', { class: 'empty', i18n: 'care.urgent.none' }));
      return;
    }
    urgentList.replaceChildren(...items.map((r) => {
      const { stage, dueAt, overdue, escalation } = r.status;
      const waiting = stage === 'arranged' ? undefined : stageKeys[stage];
      return h('li', { class: `card urgent${overdue ? ' overdue' : ''}`, attrs: { 'data-request': r.requestId, 'data-stage': stage, 'data-escalation': escalation } },
        h('p', { class: 'card-title' },
          h('span', { i18n: helpKinds[r.kind] ?? 'help.kind.other' }),
          overdue ? h('span', { class: 'badge medical', i18n: 'care.overdue' }) : '',
          escalation === 'none' ? '' : h('span', { class: 'badge medical', i18n: escalationKeys[escalation] })),
        h('p', { i18n: 'care.urgent.where', args: { building: r.buildingId, household: householdLabel(r.householdId, r.buildingId) } }),
        waiting && dueAt ? h('p', { class: 'due', i18n: 'care.urgent.due', args: { time: { dateTime: dueAt }, stage: { msg: waiting } } }) : '',
        stage === 'waiting-acknowledgement'
          ? h('button', { class: 'primary danger', i18n: 'care.acknowledge', attrs: { type: 'button', 'data-step': 'acknowledged' }, on: { click: () => void step(r, 'acknowledged') } })
          : '',
        arranging === r.requestId ? arrangeForm(r) : h('button', {
          class: 'action', i18n: 'care.arrange', attrs: { type: 'button', 'data-step': 'arranged' },
          on: { click: () => {
            arranging = r.requestId;
            showUrgent(items);
          } },
        }));
    }));
  }

  function arrangeForm(r: Urgent): HTMLElement {
    const how = h('input', { attrs: { id: `how-${r.requestId}`, maxlength: '200', autocomplete: 'off', required: '' } });
    return h('form', { class: 'arrange', on: { submit: (e) => {
      e.preventDefault();
      void step(r, 'arranged', how.value.trim());
    } } },
    h('label', { i18n: 'care.arrange.how', attrs: { for: `how-${r.requestId}` } }), how,
    h('button', { class: 'primary', i18n: 'care.arrange', attrs: { type: 'submit' } }));
  }

  async function step(r: Urgent, taken: 'acknowledged' | 'arranged', how?: string) {
    try {
      await request('POST', `v1/urgent-requests/${encodeURIComponent(r.requestId)}/steps`, {
        token: session.token, timeoutMs: 10_000, body: { step: taken, ...(how ? { how } : {}) },
      });
      arranging = undefined;
      setText(problem, 'care.saved');
    } catch (error) {
      if (signedOut(error)) return;
      setText(problem, error instanceof ApiError && error.status === 409 ? 'care.conflict' : 'common.network');
    }
    await load();
  }

  function showHouseholds(items: readonly Household[]) {
    if (items.length === 0) {
      householdList.replaceChildren(h('li', { class: 'empty', i18n: 'care.households.none' }));
      return;
    }
    householdList.replaceChildren(...items.map((household) => {
      const last = household.lastVisit;
      return h('li', { class: `card${household.visitDue ? ' due' : ''}`, attrs: { 'data-household': household.householdId, 'data-due': String(household.visitDue) } },
        h('p', { class: 'card-title' },
          h('span', {}, `${household.buildingId} · ${householdLabel(household.householdId, household.buildingId)}`),
          household.visitDue ? h('span', { class: 'badge new', i18n: 'care.due' }) : ''),
        h('p', { class: 'needs' }, ...household.needs.map((need) => h('span', { class: 'badge need', i18n: needKeys[need] }))),
        last
          ? h('p', { class: 'muted', i18n: 'care.last', args: { kind: { msg: kindKeys[last.kind] }, time: { dateTime: last.at }, found: { msg: foundKeys[last.found] } } })
          : h('p', { class: 'muted', i18n: 'care.last.none' }),
        h('fieldset', { class: 'reasons found' }, h('legend', { i18n: 'care.record' }),
          ...(Object.keys(foundKeys) as Found[]).map((found) => h('button', {
            class: found === 'well' ? 'action' : 'action warn', i18n: foundKeys[found], attrs: { type: 'button', 'data-found': found },
            on: { click: () => void visit(household, found) },
          }))));
    }));
  }

  async function visit(household: Household, found: Found) {
    try {
      await request('POST', `v1/households/${encodeURIComponent(household.householdId)}/visits`, {
        token: session.token, timeoutMs: 10_000, body: { at: serverNow().toISOString(), kind, found },
      });
      setText(problem, 'care.saved');
      await load();
    } catch (error) {
      if (!signedOut(error)) setText(problem, error instanceof ApiError ? 'common.error' : 'common.network', { message: error instanceof Error ? error.message : '' });
    }
  }

  const stopLoading = keepLoaded(load, refreshEveryMs);

  return { root, unmount: stopLoading };
};
