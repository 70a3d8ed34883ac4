/// <reference lib="dom" />
import { NetworkError, request } from './api.ts';
import { districtDay } from './district-time.ts';
import { h, setText } from './dom.ts';
import type { Args, MessageKey } from './i18n.ts';
import type { BuildingProgress, PendingPerson, ResultCounts, ResultsRecorded, RoundList, RoundProgress, TestResult, TestRound } from './test-rounds.ts';
import { percent, roundSpan, testKindKeys, testResultKeys } from './test-rounds.ts';
import { roundForm } from './testing-form.ts';
import type { ViewFactory } from './view.ts';
import { keepLoaded, signOutOnRefusal } from './view.ts';

/**
 * A minute: the round routes share one district-wide bucket of 20 reads a second, and a district's
 * few hundred grid workers each with the screen open must stay well inside it (the 刷新 button is
 * there for the worker who wants it now).
 */
const refreshEveryMs = 60_000;
type Day = 'today' | 'tomorrow';
const dayKeys: Readonly<Record<Day, MessageKey>> = { today: 'testing.day.today', tomorrow: 'testing.day.tomorrow' };

/** What the last result entered by hand in a building changed, said in the building's card. */
interface Entered {
  readonly key: MessageKey;
  readonly args: Args;
  readonly tone: 'done' | 'case' | 'problem';
}

/** The household's own part of its id (`b3-h12` → `h12`): the building is the card's title. */
const householdLabel = (householdId: string, buildingId: string) => (householdId.startsWith(`${buildingId}-`) ? householdId.slice(buildingId.length + 1) : householdId);

/** A bar a person reads at a glance in sunlight, and a screen reader as a figure. */
export function progressBar(tested: number, expected: number): HTMLElement {
  const done = percent(tested, expected);
  const fill = h('span');
  // Through the CSSOM: the site's CSP (style-src 'self') drops a style attribute.
  fill.style.width = `${done}%`;
  return h('div', {
    class: `progress${done >= 100 ? ' done' : ''}`,
    label: 'testing.progress',
    attrs: { role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(expected), 'aria-valuenow': String(Math.min(tested, expected)) },
  }, fill);
}

function resultLine(results: ResultCounts): HTMLElement {
  const part = (key: MessageKey, count: number, tone: string) => h('span', { class: `result-count ${tone}`, i18n: key, args: { count } as Args });
  return h('p', { class: 'results' },
    part('testing.results.negative', results.negative, 'negative'),
    part('testing.results.positive', results.positive, results.positive > 0 ? 'positive' : ''),
    part('testing.results.invalid', results.invalid, ''),
    part('testing.results.pending', results.pending, ''));
}

/**
 * 核酸检测: a grid worker's phone for the day's testing rounds. Today's (or tomorrow's) rounds of
 * the grid with how many were tested of those expected; a round opened building by building, each
 * with its slot, a bar, the results and, by name (masked) and household, who has not come down yet,
 * a list that shrinks as the sampling point works through it; 待录结果, who was tested and waits
 * for a result, each entered in one tap (阴性 / 无效) or two (阳性 opens a suspected case: the code
 * turns red) — the gate's token may not, so an antigen reading reaches the round here; and a new
 * round, its buildings cut into batches and time slots (以楼栋为单位，分批分次) and every household
 * told its slot.
 */
export const testingView: ViewFactory = (session, context) => {
  const gridId = session.subject;
  let day: Day = 'today';
  let openRound: string | undefined;
  let list: RoundList | undefined;
  /** The open round as last shown, drawn again as it is when a confirmation opens or closes. */
  let shownProgress: RoundProgress | undefined;
  /** Per building of the open round, the answer to the last result entered there. */
  const entered = new Map<string, Entered>();
  /** The person whose positive waits for its second tap. */
  let confirming: string | undefined;
  /** People whose result is on its way. */
  const sending = new Set<string>();

  const problem = h('p', { class: 'status', attrs: { role: 'alert', 'data-testid': 'testing-status' } });
  const dayButtons = (['today', 'tomorrow'] as const).map((d) => h('button', {
    class: 'choice', i18n: dayKeys[d], attrs: { type: 'button', 'aria-pressed': String(d === day), 'data-day': d },
    on: { click: () => chooseDay(d) },
  }));
  const dayLabel = h('p', { class: 'muted' });
  const roundList = h('ol', { class: 'cards', attrs: { 'data-testid': 'testing-rounds' } }, h('li', { class: 'empty', i18n: 'common.loading' }));
  const newButton = h('button', { class: 'primary', i18n: 'testing.new', attrs: { type: 'button', 'data-testid': 'testing-new', 'aria-expanded': 'false' }, on: { click: () => toggleForm() } });
  const form = roundForm({
    list: () => list,
    defaultDay: () => districtDay(day === 'today' ? 0 : 1),
    token: () => session.token,
    failed: signOutOnRefusal(context),
    created: (round) => {
      toggleForm(false);
      setText(problem, 'testing.created', { households: round.households });
      const which = [districtDay(0), districtDay(1)].indexOf(round.day);
      if (which >= 0) chooseDay(which === 0 ? 'today' : 'tomorrow');
      else void load();
    },
    cancelled: () => toggleForm(false),
  });
  const listView = h('section', { class: 'rounds-view' },
    h('fieldset', { class: 'choices two' }, h('legend', { i18n: 'testing.day' }), ...dayButtons),
    dayLabel,
    h('div', { class: 'list-head' },
      h('h2', { i18n: 'testing.rounds' }),
      h('button', { class: 'small', i18n: 'common.refresh', attrs: { type: 'button' }, on: { click: () => void load() } })),
    roundList,
    newButton,
    form.root);
  const detail = h('section', { class: 'round-detail', attrs: { 'data-testid': 'round-detail', hidden: '' } });
  const root = h('section', { class: 'testing' },
    h('div', { class: 'bar' }, h('span', { class: 'pill', i18n: 'care.grid', args: { id: gridId } })),
    problem,
    listView,
    detail);

  const signedOut = signOutOnRefusal(context);
  const grid = encodeURIComponent(gridId);

  function chooseDay(d: Day) {
    day = d;
    for (const b of dayButtons) b.setAttribute('aria-pressed', String(b.dataset['day'] === d));
    void load();
  }

  function toggleForm(open = form.root.hidden) {
    form.root.hidden = !open;
    newButton.hidden = open;
    newButton.setAttribute('aria-expanded', String(open));
    if (open) {
      form.open();
      form.root.scrollIntoView({ block: 'start' });
    }
  }

  const shownDay = () => districtDay(day === 'today' ? 0 : 1);

  async function load() {
    const shown = shownDay();
    setText(dayLabel, 'testing.day.shown', { day: { day: shown } });
    try {
      if (openRound) {
        const progress = await request<RoundProgress>('GET', `v1/test-rounds/${encodeURIComponent(openRound)}?gridId=${grid}`, { token: session.token, timeoutMs: 10_000 });
        if (openRound === progress.round.roundId) showDetail(progress);
      } else {
        const answer = await request<RoundList>('GET', `v1/test-rounds?day=${shown}&gridId=${grid}`, { token: session.token, timeoutMs: 10_000 });
        list = answer;
        // The worker may have turned to the other day, or opened a round, while this was on its way.
        if (!openRound && shown === shownDay()) showRounds(answer);
      }
      if (problem.dataset['i18n'] === 'common.network') problem.replaceChildren();
    } catch (error) {
      if (!signedOut(error)) setText(problem, error instanceof NetworkError ? 'common.network' : 'common.error', { message: error instanceof Error ? error.message : '' });
    }
  }

  function showRounds(answer: RoundList) {
    if (answer.rounds.length === 0) {
      roundList.replaceChildren(h('li', { class: 'empty', i18n: 'testing.rounds.none' }));
      return;
    }
    roundList.replaceChildren(...answer.rounds.map(({ round, expected, tested }) => h('li', {
      class: 'card round', attrs: { 'data-round': round.roundId, 'data-tested': String(tested), 'data-expected': String(expected) },
    },
    roundTitle(round),
    h('p', { class: 'count', i18n: 'testing.count', args: { tested, expected } }),
    progressBar(tested, expected),
    h('button', { class: 'action', i18n: 'testing.open', attrs: { type: 'button', 'data-open': round.roundId }, on: { click: () => open(round.roundId) } }))));
  }

  function roundTitle(round: TestRound): HTMLElement {
    const span = roundSpan(round);
    return h('div', { class: 'round-title' },
      h('p', { class: 'card-title' }, h('span', { class: `badge kind ${round.kind}`, i18n: testKindKeys[round.kind] }), h('span', {}, round.place)),
      span ? h('p', { class: 'muted', i18n: 'testing.round.when', args: { day: { day: round.day }, span: { span }, slots: round.slots.length } }) : '');
  }

  function open(roundId: string | undefined) {
    openRound = roundId;
    listView.hidden = roundId !== undefined;
    detail.hidden = roundId === undefined;
    problem.replaceChildren();
    entered.clear();
    confirming = undefined;
    shownProgress = undefined;
    if (roundId) detail.replaceChildren(h('p', { class: 'empty', i18n: 'common.loading' }));
    window.scrollTo(0, 0);
    void load();
  }

  function showDetail(progress: RoundProgress) {
    const { round } = progress;
    shownProgress = progress;
    detail.dataset['round'] = round.roundId;
    detail.replaceChildren(
      h('button', { class: 'action back', i18n: 'testing.back', attrs: { type: 'button', 'data-testid': 'round-back' }, on: { click: () => open(undefined) } }),
      roundTitle(round),
      h('section', { class: 'panel totals' },
        h('p', { class: 'big-figure', attrs: { 'data-testid': 'round-totals' }, i18n: 'testing.count', args: { tested: progress.tested, expected: progress.expected } }),
        progressBar(progress.tested, progress.expected),
        resultLine(progress.results)),
      h('div', { class: 'list-head' },
        h('h2', { i18n: 'testing.buildings' }),
        h('button', { class: 'small', i18n: 'common.refresh', attrs: { type: 'button', 'data-testid': 'round-refresh' }, on: { click: () => void load() } })),
      h('ol', { class: 'cards buildings' }, ...progress.buildings.map(buildingCard)));
  }

  function buildingCard(b: BuildingProgress): HTMLElement {
    const shownMissing = b.missing.length;
    return h('li', { class: `card building${b.missingCount === 0 ? ' complete' : ''}`, attrs: { 'data-building': b.buildingId, 'data-tested': String(b.tested), 'data-missing': String(b.missingCount) } },
      h('p', { class: 'card-title' }, h('span', {}, b.name), h('span', { class: 'slot', i18n: 'testing.span', args: { span: { span: [b.slot.from, b.slot.to] } } })),
      h('p', { class: 'count', i18n: 'testing.count', args: { tested: b.tested, expected: b.expected } }),
      progressBar(b.tested, b.expected),
      resultLine(b.results),
      b.missingCount === 0
        ? h('p', { class: 'badge all-done', i18n: 'testing.missing.none' })
        : h('details', { class: 'missing', attrs: { open: '' } },
          h('summary', { i18n: 'testing.missing', args: { count: b.missingCount } }),
          h('ul', { class: 'missing-list' }, ...b.missing.map((m) => h('li', { attrs: { 'data-person': m.personId } },
            h('span', { class: 'name' }, m.nameMasked), h('span', { class: 'household' }, householdLabel(m.householdId, b.buildingId))))),
          b.missingCount > shownMissing ? h('p', { class: 'muted', i18n: 'testing.missing.more', args: { count: b.missingCount - shownMissing } }) : ''),
      ...pendingPart(b));
  }

  /** 待录结果: the answer to the last result entered here, then who waits for one, three big taps each. */
  function pendingPart(b: BuildingProgress): HTMLElement[] {
    const answer = entered.get(b.buildingId);
    const status = h('p', { class: `status entered ${answer?.tone ?? ''}`, attrs: { role: 'status', 'data-testid': 'entered-status' } });
    if (answer) setText(status, answer.key, answer.args);
    if (b.pending.length === 0) return [status];
    const notListed = b.results.pending - b.pending.length;
    return [status, h('details', { class: 'pending', attrs: { open: '', 'data-testid': 'pending-results' } },
      h('summary', { i18n: 'testing.pending', args: { count: b.results.pending } }),
      h('ul', { class: 'pending-list' }, ...b.pending.map((p) => pendingRow(b.buildingId, p))),
      notListed > 0 ? h('p', { class: 'muted', i18n: 'testing.missing.more', args: { count: notListed } }) : '')];
  }

  function pendingRow(buildingId: string, person: PendingPerson): HTMLElement {
    const busy = sending.has(person.personId);
    const whoId = `pending-${person.personId}`;
    const buttons = (['negative', 'positive', 'invalid'] as const).map((result) => h('button', {
      class: `choice result ${result}`, i18n: testResultKeys[result],
      attrs: { type: 'button', 'data-result': result, 'aria-describedby': whoId, ...(busy ? { disabled: '' } : {}) },
      // A positive opens a suspected case: one more tap, so a slip of the thumb does not.
      on: { click: () => (result === 'positive' ? confirm(person.personId) : void enter(buildingId, person, result)) },
    }));
    return h('li', { class: 'pending-person', attrs: { 'data-pending': person.personId } },
      h('p', { class: 'who', attrs: { id: whoId } },
        h('span', { class: 'name' }, person.nameMasked),
        h('span', { class: 'household' }, householdLabel(person.householdId, buildingId)),
        person.tubeId ? h('span', { class: 'tube', i18n: 'testing.pending.tube', args: { tube: person.tubeId } }) : ''),
      h('div', { class: 'result-buttons' }, ...buttons),
      h('div', { class: 'confirm-positive', attrs: { role: 'group', 'data-person': person.personId, ...(confirming === person.personId ? {} : { hidden: '' }) } },
        h('p', { i18n: 'testing.pending.confirm', args: { name: person.nameMasked } }),
        h('button', { class: 'choice danger', i18n: 'testing.pending.confirmYes', attrs: { type: 'button', 'data-confirm': 'positive' }, on: { click: () => void enter(buildingId, person, 'positive') } }),
        h('button', { class: 'choice', i18n: 'testing.pending.cancel', attrs: { type: 'button', 'data-cancel': '' }, on: { click: () => confirm(undefined) } })));
  }

  /** Opens one person's positive confirmation (closing any other), or none; in place, the focus kept. */
  function confirm(personId: string | undefined) {
    confirming = personId;
    for (const block of detail.querySelectorAll<HTMLElement>('.confirm-positive')) {
      block.hidden = block.dataset['person'] !== personId;
      if (!block.hidden) block.scrollIntoView({ block: 'nearest' });
    }
  }

  /** Sends one person's result, says what it changed in the building's card, and shows the building again. */
  async function enter(buildingId: string, person: PendingPerson, result: TestResult) {
    const roundId = openRound;
    if (roundId === undefined || sending.has(person.personId)) return;
    confirm(undefined);
    sending.add(person.personId);
    const row = [...detail.querySelectorAll<HTMLElement>('[data-pending]')].find((li) => li.dataset['pending'] === person.personId);
    for (const b of row?.querySelectorAll('button') ?? []) b.disabled = true;
    const name = person.nameMasked;
    let sent = false;
    try {
      const recorded = await request<ResultsRecorded>('POST', `v1/test-rounds/${encodeURIComponent(roundId)}/results`, {
        token: session.token, timeoutMs: 10_000, body: { results: [{ personId: person.personId, result }] },
      });
      sent = true;
      entered.set(buildingId, recorded.conflicts.length > 0 ? { key: 'testing.entered.conflict', args: { name }, tone: 'problem' }
        : recorded.unknown.length > 0 ? { key: 'common.error', args: { message: recorded.unknown[0]!.message }, tone: 'problem' }
          : recorded.casesOpened.length > 0 ? { key: 'testing.entered.case', args: { name }, tone: 'case' }
            : { key: recorded.recorded > 0 ? 'testing.entered.recorded' : 'testing.entered.unchanged', args: { name, result: { msg: testResultKeys[result] } }, tone: 'done' });
    } catch (error) {
      if (signedOut(error)) return;
      entered.set(buildingId, error instanceof NetworkError
        ? { key: 'testing.entered.offline', args: {}, tone: 'problem' }
        : { key: 'common.error', args: { message: error instanceof Error ? error.message : String(error) }, tone: 'problem' });
    } finally {
      sending.delete(person.personId);
    }
    if (roundId !== openRound || !shownProgress) return;
    // Said at once; then the building again, the person off the list and the counts moved.
    const answer = entered.get(buildingId);
    const said = enteredStatus(buildingId);
    if (answer && said) {
      said.className = `status entered ${answer.tone}`;
      setText(said, answer.key, answer.args);
    }
    if (sent) await load();
    else showDetail(shownProgress);
    enteredStatus(buildingId)?.scrollIntoView({ block: 'nearest' });
  }

  const enteredStatus = (buildingId: string) => [...detail.querySelectorAll<HTMLElement>('[data-building]')]
    .find((card) => card.dataset['building'] === buildingId)?.querySelector<HTMLElement>('[data-testid=entered-status]');

  const stopLoading = keepLoaded(load, refreshEveryMs);

  return { root, unmount: stopLoading };
};
