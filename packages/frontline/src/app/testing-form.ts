/// <reference lib="dom" />
import { ApiError, NetworkError, request } from './api.ts';
import { districtDay } from './district-time.ts';
import { h, setText } from './dom.ts';
import type { MessageKey } from './i18n.ts';
import type { RoundList, RoundSlot, TestKind, TestRound } from './test-rounds.ts';
import { minutesOf, planSlots, slotLimits, testKindKeys } from './test-rounds.ts';
import { newId } from './view.ts';

export interface RoundFormOptions {
  /** The last list the screen loaded: the grid's buildings and its community. */
  list(): RoundList | undefined;
  defaultDay(): string;
  token(): string;
  /** A refused token: true when the screen signed out. */
  failed(error: unknown): boolean;
  created(round: TestRound): void;
  cancelled(): void;
}

/** What the API takes as a place (a sampling point's name, said in each household's SMS). */
const placePattern = /^[\p{L}\p{N} ·()（）-]{1,20}$/u;
/** As far ahead as the API lets a round be planned. */
const planDays = 14;
const problemKeys: Readonly<Record<string, MessageKey>> = { place: 'testing.form.place.invalid', day: 'testing.form.day.invalid', communityId: 'testing.form.community' };

interface Plan {
  readonly kind: TestKind;
  readonly day: string;
  readonly place: string;
  readonly slots: readonly RoundSlot[];
}

/**
 * 新建检测: the kind, the day, the sampling point, when the first batch comes down, how long each
 * batch has and how many buildings go in one; the grid's buildings (all ticked) are cut into
 * batches in their order and the plan is shown before it is sent, each batch with its time and
 * buildings. A retry of the same plan reuses its round id, so an answer lost on the way back does
 * not make two rounds.
 */
export function roundForm(options: RoundFormOptions): { root: HTMLElement; open(): void } {
  let kind: TestKind = 'pcr';
  let sent: { body: string; roundId: string } | undefined;

  const kindButtons = (['pcr', 'antigen'] as const).map((k) => h('button', {
    class: 'choice', i18n: testKindKeys[k], attrs: { type: 'button', 'aria-pressed': String(k === kind), 'data-kind': k },
    on: { click: () => {
      kind = k;
      for (const b of kindButtons) b.setAttribute('aria-pressed', String(b.dataset['kind'] === k));
    } },
  }));
  const day = h('input', { attrs: { id: 'round-day', type: 'date', required: '' } });
  const place = h('input', { placeholder: 'testing.form.place.example', attrs: { id: 'round-place', maxlength: '20', autocomplete: 'off', required: '' } });
  const start = h('input', { attrs: { id: 'round-start', type: 'time', value: '08:00', step: '300', required: '' } });
  const minutes = h('input', { attrs: { id: 'round-minutes', type: 'number', inputmode: 'numeric', min: '5', max: '240', step: '5', value: '30', required: '' } });
  const perSlot = h('input', { attrs: { id: 'round-per-slot', type: 'number', inputmode: 'numeric', min: '1', max: String(slotLimits.buildingsPerSlot), value: '2', required: '' } });
  const buildings = h('div', { class: 'building-choices' });
  const plan = h('ol', { class: 'plan', attrs: { 'data-testid': 'round-plan' } });
  const status = h('p', { class: 'status', attrs: { role: 'alert', 'data-testid': 'round-form-status' } });
  const submit = h('button', { class: 'primary', i18n: 'testing.form.submit', attrs: { type: 'submit' } });

  const field = (id: string, key: MessageKey, input: HTMLElement) => h('div', { class: 'field' }, h('label', { i18n: key, attrs: { for: id } }), input);
  const root = h('form', { class: 'round-form panel', attrs: { hidden: '', 'data-testid': 'round-form', novalidate: '' }, on: {
    submit: (e) => {
      e.preventDefault();
      void send();
    },
    // What was wrong is said again at the next tap on 创建, not left standing over a corrected form.
    input: () => changed(),
    change: () => changed(),
  } },
  h('h2', { i18n: 'testing.new' }),
  h('fieldset', { class: 'choices two' }, h('legend', { i18n: 'testing.form.kind' }), ...kindButtons),
  field('round-day', 'testing.form.day', day),
  field('round-place', 'testing.form.place', place),
  h('div', { class: 'three' },
    field('round-start', 'testing.form.start', start),
    field('round-minutes', 'testing.form.minutes', minutes),
    field('round-per-slot', 'testing.form.perSlot', perSlot)),
  h('fieldset', { class: 'buildings-pick' }, h('legend', { i18n: 'testing.form.buildings' }), buildings),
  h('h3', { i18n: 'testing.form.plan' }),
  plan,
  status,
  h('div', { class: 'actions' },
    h('button', { class: 'action', i18n: 'testing.form.cancel', attrs: { type: 'button' }, on: { click: () => options.cancelled() } }),
    submit));

  function showBuildings() {
    const list = options.list();
    const known = new Set([...buildings.querySelectorAll<HTMLInputElement>('input')].map((i) => i.value));
    if (list && list.buildings.every((b) => known.has(b.buildingId)) && known.size === list.buildings.length) return;
    buildings.replaceChildren(...(list?.buildings ?? []).map((b) => h('label', { class: 'check' },
      h('input', { attrs: { type: 'checkbox', value: b.buildingId, checked: '' } }), h('span', {}, b.name))));
    if (!list || list.buildings.length === 0) buildings.append(h('p', { class: 'muted', i18n: 'testing.form.buildings.unknown' }));
  }

  const chosen = () => [...buildings.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
  const nameOf = (buildingId: string) => options.list()?.buildings.find((b) => b.buildingId === buildingId)?.name ?? buildingId;
  const whole = (input: HTMLInputElement, min: number, max: number) => {
    const n = Number(input.value);
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };

  /** The round the form describes, or what is wrong with it. */
  function planned(): Plan | MessageKey {
    const today = districtDay();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day.value) || day.value < today || day.value > districtDay(planDays)) return 'testing.form.day.invalid';
    const at = minutesOf(start.value);
    const each = whole(minutes, 5, 240);
    const per = whole(perSlot, 1, slotLimits.buildingsPerSlot);
    if (at === undefined || each === undefined || per === undefined) return 'testing.form.numbers';
    const ids = chosen();
    if (ids.length === 0) return 'testing.form.buildings.none';
    const slots = planSlots(ids, day.value, at, each, per);
    if (!slots) return 'testing.form.late';
    return { kind, day: day.value, place: place.value.trim(), slots };
  }

  function changed() {
    showPlan();
    if (!submit.disabled) status.replaceChildren();
  }

  function showPlan() {
    const result = planned();
    if (typeof result === 'string') {
      plan.replaceChildren(h('li', { class: 'empty', i18n: result }));
      return;
    }
    plan.replaceChildren(...result.slots.map((slot, i) => h('li', { attrs: { 'data-slot': String(i + 1) } },
      h('strong', { i18n: 'testing.form.batch', args: { n: i + 1, span: { span: [slot.from, slot.to] } } }),
      h('span', { i18n: 'testing.form.batch.buildings', args: { names: { names: slot.buildingIds.map(nameOf) } } }))));
  }

  async function send() {
    const result = planned();
    if (typeof result === 'string') {
      setText(status, result);
      return;
    }
    if (!placePattern.test(result.place)) {
      setText(status, 'testing.form.place.invalid');
      place.focus();
      return;
    }
    const communityId = options.list()?.communityId;
    if (!communityId) {
      setText(status, 'testing.form.community');
      return;
    }
    const body = JSON.stringify({ communityId, ...result });
    // The same plan sent again (its answer lost) is the same round; a changed plan is a new one.
    if (sent?.body !== body) sent = { body, roundId: `round-${newId()}` };
    submit.disabled = true;
    setText(status, 'testing.form.sending');
    try {
      const round = await request<TestRound>('POST', 'v1/test-rounds', {
        token: options.token(), timeoutMs: 20_000, body: { roundId: sent.roundId, ...(JSON.parse(body) as object) },
      });
      sent = undefined;
      status.replaceChildren();
      options.created(round);
    } catch (error) {
      if (options.failed(error)) return;
      if (error instanceof NetworkError) setText(status, 'testing.form.offline');
      else if (error instanceof ApiError) {
        const detail = error.details[0];
        const known = detail ? problemKeys[detail.path.split('.')[0]!] : undefined;
        if (known) setText(status, known);
        else setText(status, 'common.error', { message: detail ? `${detail.path}: ${detail.message}` : error.message });
      } else setText(status, 'common.error', { message: String(error) });
    } finally {
      submit.disabled = false;
    }
  }

  return {
    root,
    open() {
      const today = districtDay();
      day.min = today;
      day.max = districtDay(planDays);
      if (!day.value || day.value < today) day.value = options.defaultDay();
      showBuildings();
      status.replaceChildren();
      showPlan();
    },
  };
}
