/// <reference lib="dom" />
import type { CodeColor } from './code-verify.ts';
import { h, setText } from './dom.ts';
import type { Verdict } from './verdict.ts';
import { colorKeys, reasonKeys } from './verdict.ts';

export interface ShownVerdict extends Verdict {
  readonly name: string | undefined;
  readonly color: CodeColor | undefined;
  readonly temperatureC: number;
  readonly direction: 'in' | 'out';
  /** Judged on the phone (offline, or no answer in time): the server checks it again later. */
  readonly provisional: boolean;
  /** The server answered without the province (down or slow): its signed code and the colour last seen decided. */
  readonly provincial?: boolean | undefined;
}

/**
 * The full-screen answer a gate keeper reads at arm's length: green 通行 or red 禁止, the reason,
 * the masked name and code colour, the temperature and direction, and whether it is provisional.
 * It stays until the keeper taps 下一位; `actions` (the urgent-help offer) sit above that button.
 */
export function verdictScreen(next: () => void, actions: HTMLElement): { root: HTMLElement; show(shown: ShownVerdict): void; hide(): void } {
  const word = h('p', { class: 'verdict-word', attrs: { id: 'verdict-word' } });
  const reason = h('p', { class: 'verdict-reason', attrs: { id: 'verdict-reason' } });
  const facts = h('dl', { class: 'facts' });
  const note = h('p', { class: 'verdict-note', i18n: 'verdict.provisional' });
  const provincialNote = h('p', { class: 'verdict-note', i18n: 'verdict.provincial', attrs: { 'data-testid': 'verdict-provincial' } });
  const nextButton = h('button', { class: 'next', i18n: 'verdict.next', attrs: { type: 'button' }, on: { click: next } });
  const root = h('section', {
    class: 'verdict',
    attrs: { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'verdict-word', 'aria-describedby': 'verdict-reason', hidden: '', 'data-testid': 'verdict' },
  }, word, reason, facts, note, provincialNote, actions, nextButton);

  return {
    root,
    show(shown) {
      root.className = `verdict ${shown.verdict}`;
      root.dataset['verdict'] = shown.verdict;
      root.dataset['reason'] = shown.reason;
      root.dataset['provisional'] = String(shown.provisional);
      setText(word, shown.verdict === 'allow' ? 'verdict.allow' : 'verdict.deny');
      setText(reason, reasonKeys[shown.reason]);
      facts.replaceChildren(
        h('dt', { i18n: 'verdict.name' }), h('dd', { attrs: { 'data-testid': 'verdict-name' } }, shown.name ?? '—'),
        h('dt', { i18n: 'verdict.code' }), shown.color ? h('dd', { class: `chip ${shown.color}`, i18n: colorKeys[shown.color] }) : h('dd', { i18n: 'verdict.nobody' }),
        h('dt', { i18n: 'verdict.temperature' }), h('dd', { i18n: 'gate.temperature.value', args: { value: { temp: shown.temperatureC } } }),
        h('dt', { i18n: 'verdict.direction' }), h('dd', { i18n: shown.direction === 'in' ? 'gate.direction.in' : 'gate.direction.out' }),
      );
      note.hidden = !shown.provisional;
      provincialNote.hidden = shown.provincial !== true;
      root.hidden = false;
      nextButton.focus();
    },
    hide() {
      root.hidden = true;
    },
  };
}
