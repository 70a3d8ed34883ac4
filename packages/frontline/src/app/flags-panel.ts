/// <reference lib="dom" />
import { h, setText } from './dom.ts';
import type { QueuedScan } from './scan-queue.ts';
import { reasonKeys } from './verdict.ts';

/**
 * What the keeper must look at after an upload: scans let through offline that the server would
 * have stopped (a code used twice, or another reason), and scans it refused. A red pill opens the
 * list; with nothing to show, the pill is not there.
 */
export function flagsPanel(): { button: HTMLButtonElement; panel: HTMLElement; update(items: readonly QueuedScan[]): void; open(): void } {
  let items: readonly QueuedScan[] = [];
  const button = h('button', { class: 'pill flags', attrs: { type: 'button', 'data-testid': 'flags', 'aria-expanded': 'false', hidden: '' } });
  const list = h('ul', { class: 'flag-list', attrs: { 'aria-live': 'polite' } });
  const panel = h('section', { class: 'panel', attrs: { hidden: '' } }, h('h2', { i18n: 'gate.flags.title' }), list);

  const render = () => {
    if (items.length === 0) {
      list.replaceChildren(h('li', { i18n: 'gate.flags.empty' }));
      return;
    }
    list.replaceChildren(...items.map((s) => h('li', { attrs: { 'data-flag': s.flag ?? 'rejected' } },
      h('span', { class: 'when', i18n: 'gate.flags.at', args: { time: { time: s.scannedAt } } }),
      h('span', {}, s.result?.person?.nameMasked ?? '—'),
      s.flag === 'reused' ? h('strong', { i18n: 'gate.flags.reused' })
        : s.flag === 'changed' && s.result ? h('strong', { i18n: 'gate.flags.changed', args: { reason: { msg: reasonKeys[s.result.reason] } } })
          : h('strong', { i18n: 'gate.flags.rejected', args: { message: s.error ?? '' } }),
    )));
  };
  const toggle = (open: boolean) => {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) render();
  };
  button.addEventListener('click', () => toggle(panel.hidden));

  return {
    button,
    panel,
    update(next) {
      items = next;
      setText(button, 'gate.flagged', { count: items.length });
      button.hidden = items.length === 0;
      if (!panel.hidden) render();
    },
    open: () => toggle(true),
  };
}
