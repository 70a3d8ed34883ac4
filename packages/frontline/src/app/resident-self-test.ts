/// <reference lib="dom" />
import type { ReadonlyRouteResponse } from '@firstline/schemas';
import { NetworkError, request, serverNow } from './api.ts';
import { h, setText } from './dom.ts';
import type { Session } from './session.ts';
import type { TestResult } from './test-rounds.ts';
import { testKindKeys, testResultKeys } from './test-rounds.ts';
import { newId } from './view.ts';

/** A testing slot of the resident's building, from today on, as the household view lists it. */
export type TestSlot = ReadonlyRouteResponse<'GET /v1/residents/{personId}/household'>['testSlots'][number];
type SelfTestRecorded = ReadonlyRouteResponse<'POST /v1/residents/{personId}/self-tests'>;

/**
 * 我的检测: the building's testing slots from today on (when, where, and whether this resident was
 * tested, with the result once known: also for whoever gave no number for SMS), and 抗原自测上报:
 * the resident reads their antigen test and reports it in three big choices and a confirmation.
 * It counts in the day's antigen round of their building when there is one (the slot then shows
 * it); a positive opens a suspected case (their code turns red) and the screen tells them to stay
 * home, the grid worker will call. `changed` reloads what the report changed. A retry after a lost
 * answer sends the same test id and time, so it is counted once.
 */
export function residentSelfTest(session: Session, failed: (error: unknown) => boolean, changed: (result: TestResult) => void): {
  root: HTMLElement; slots: HTMLElement; showSlots(slots: readonly TestSlot[]): void;
} {
  const personId = session.subject;
  let chosen: TestResult | undefined;
  /** The report being sent: the same id and time again after a lost answer, so the server counts it once. */
  let sending: { testId: string; result: TestResult; takenAt: string } | undefined;

  const choices = (['negative', 'positive', 'invalid'] as const).map((result) => h('button', {
    class: `choice result ${result}`, i18n: testResultKeys[result], attrs: { type: 'button', 'aria-pressed': 'false', 'data-result': result },
    on: { click: () => choose(result) },
  }));
  const question = h('p', { class: 'confirm-question' });
  const confirmButton = h('button', { class: 'primary', i18n: 'resident.selftest.confirm', attrs: { type: 'button', 'data-testid': 'selftest-confirm' }, on: { click: () => void send() } });
  const confirm = h('div', { class: 'selftest-confirm', attrs: { hidden: '' } }, question,
    h('div', { class: 'actions' },
      h('button', { class: 'action', i18n: 'resident.selftest.change', attrs: { type: 'button' }, on: { click: () => choose(undefined) } }),
      confirmButton));
  const status = h('p', { class: 'status', attrs: { role: 'status', 'data-testid': 'selftest-status' } });
  const stayHome = h('div', { class: 'stay-home', attrs: { role: 'alert', hidden: '', 'data-testid': 'selftest-positive' } },
    h('p', { class: 'stay-home-title', i18n: 'resident.selftest.positive.title' }), h('p', { i18n: 'resident.selftest.positive.body' }));
  const root = h('section', { class: 'panel selftest', attrs: { 'data-testid': 'selftest' } },
    h('h3', { i18n: 'resident.selftest.title' }),
    h('p', { class: 'muted', i18n: 'resident.selftest.hint' }),
    h('fieldset', { class: 'choices three' }, h('legend', { i18n: 'resident.selftest.result' }), ...choices),
    confirm, status, stayHome);

  const slotList = h('ul', { class: 'cards', attrs: { 'data-testid': 'test-slots' } }, h('li', { class: 'empty', i18n: 'common.loading' }));
  const slots = h('section', { class: 'panel' }, h('h3', { i18n: 'resident.slots' }), slotList);

  function showSlots(items: readonly TestSlot[]) {
    if (items.length === 0) {
      slotList.replaceChildren(h('li', { class: 'empty', i18n: 'resident.slots.none' }));
      return;
    }
    slotList.replaceChildren(...items.map((slot) => h('li', {
      class: `card slot${slot.tested ? ' tested' : ''}`, attrs: { 'data-round': slot.roundId, 'data-tested': String(slot.tested) },
    },
    h('p', { class: 'card-title' }, h('span', { class: `badge kind ${slot.kind}`, i18n: testKindKeys[slot.kind] }), h('span', {}, slot.place)),
    h('p', { class: 'slot-when', i18n: 'resident.slot.when', args: { day: { day: slot.day }, span: { span: [slot.from, slot.to] } } }),
    !slot.tested ? h('p', { class: 'slot-state', i18n: 'resident.slot.untested' })
      : slot.result ? h('p', { class: `slot-state ${slot.result}`, i18n: 'resident.slot.result', args: { result: { msg: testResultKeys[slot.result] } } })
        : h('p', { class: 'slot-state', i18n: 'resident.slot.pending' }))));
  }

  function choose(result: TestResult | undefined) {
    chosen = result;
    for (const b of choices) b.setAttribute('aria-pressed', String(b.dataset['result'] === result));
    confirm.hidden = result === undefined;
    confirmButton.classList.toggle('danger', result === 'positive');
    if (result) setText(question, 'resident.selftest.question', { result: { msg: testResultKeys[result] } });
    status.replaceChildren();
    delete status.dataset['i18n'];
  }

  async function send() {
    if (!chosen) return;
    if (sending?.result !== chosen) sending = { testId: `self-${newId()}`, result: chosen, takenAt: serverNow().toISOString() };
    confirmButton.disabled = true;
    try {
      const recorded = await request<SelfTestRecorded>('POST', `v1/residents/${encodeURIComponent(personId)}/self-tests`, {
        token: session.token, timeoutMs: 15_000, body: sending,
      });
      sending = undefined;
      const result = recorded.result;
      choose(undefined);
      root.dataset['round'] = recorded.roundId ?? '';
      setText(status, recorded.roundId ? 'resident.selftest.counted' : 'resident.selftest.recorded', { result: { msg: testResultKeys[result] } });
      stayHome.hidden = result !== 'positive';
      changed(result);
    } catch (error) {
      if (failed(error)) return;
      if (error instanceof NetworkError) setText(status, 'common.network');
      else setText(status, 'common.error', { message: error instanceof Error ? error.message : String(error) });
    } finally {
      confirmButton.disabled = false;
    }
  }

  return { root, slots, showSlots };
}
