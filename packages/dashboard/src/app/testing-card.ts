/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Report } from './api.ts';
import { byId, h } from './dom.ts';
import type { MessageKey } from './i18n.ts';
import { formatPercent, t } from './i18n.ts';

/** The day's testing rounds under a unit, as the daily report carries them (absent on a day without rounds, and for readers outside the district). */
export type Testing = NonNullable<Report['testing']>;
type Round = Testing['rounds'][number];

const kindKeys: Readonly<Record<Round['kind'], MessageKey>> = { pcr: 'testing.kind.pcr', antigen: 'testing.kind.antigen' };

/** A completeness bar: a progress bar to assistive technology, its share drawn through a CSS property (the site's CSP refuses style attributes). */
function bar(name: string, tested: number, expected: number, completeness: number): HTMLElement {
  return h('div', {
    class: completeness >= 100 ? 'bar complete' : 'bar',
    attrs: {
      role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(completeness),
      'aria-valuetext': formatPercent(completeness), 'aria-label': t('testing.bar', { name, tested, expected, percent: { percent: completeness } }),
    },
  }, h('span', { vars: { '--done': `${Math.min(100, completeness)}%` } }));
}

/** How many positives, in red when there is one: a positive must not be overlooked. */
const positives = (count: number) => (count > 0
  ? h('span', { class: 'positive', i18n: 'testing.positive', args: { count } })
  : h('span', { class: 'negative', i18n: 'testing.positiveNone' }));

function roundBlock(round: Round, communityName: (id: string) => string): HTMLElement {
  const name = t('testing.round', { kind: { msg: kindKeys[round.kind] }, community: communityName(round.communityId) });
  const block = h('section', { class: round.buildings ? 'round has-buildings' : 'round', data: { id: round.roundId, kind: round.kind }, attrs: { 'aria-label': name } },
    h('div', { class: 'round-head' }, h('h3', { text: name, attrs: { title: round.roundId } }), positives(round.positive)),
    h('div', { class: 'meter' },
      bar(name, round.tested, round.expected, round.completeness),
      h('span', { class: 'figures', i18n: 'testing.figures', args: { tested: round.tested, expected: round.expected, percent: { percent: round.completeness } } })));
  if (round.buildings) {
    block.append(h('ul', { class: 'buildings', attrs: { 'aria-label': t('testing.buildings', { round: name }) } }, ...round.buildings.map((b) => h('li', { data: { id: b.buildingId } },
      h('span', { class: 'name', text: b.name, attrs: { title: b.buildingId } }),
      bar(b.name, b.tested, b.expected, b.completeness),
      h('span', { class: 'figures', i18n: 'testing.figures', args: { tested: b.tested, expected: b.expected, percent: { percent: b.completeness } } })))));
  }
  return block;
}

/**
 * The testing card: the day's completeness over every round under the unit, each round's bar with
 * tested of expected and its positives (in red), and where the unit is a community or a grid each
 * building's bar. Hidden on a day without rounds. Every figure as the daily report answered it.
 */
export function showTesting(testing: Testing | undefined, communityName: (id: string) => string): void {
  const card = document.querySelector<HTMLElement>('[data-testid=testing]')!;
  card.hidden = testing === undefined;
  if (!testing) return;
  byId('testing-total').textContent = formatPercent(testing.completeness);
  byId('testing-detail').replaceChildren(
    t('testing.detail', { rounds: testing.rounds.length, tested: testing.tested, expected: testing.expected }), ' · ', positives(testing.positive));
  byId('testing-list').replaceChildren(...testing.rounds.map((round) => roundBlock(round, communityName)));
}
