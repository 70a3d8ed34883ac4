/// <reference lib="dom" />
import { NetworkError, request, serverNow } from './api.ts';
import { h, setText } from './dom.ts';
import { helpKinds } from './help-keys.ts';
import type { Session } from './session.ts';
import { newId } from './view.ts';

/**
 * 紧急就医 at the gate: the person just scanned needs a doctor (labour, chest pain, dialysis …).
 * Two taps on the verdict raise it for their household, found by the server from the person, with
 * the gate named; the grid's workers get it with its clock. 120 stays one tap away for a life in danger.
 */
export function gateHelp(session: Session, checkpointId: string): { root: HTMLElement; offerFor(personId: string | undefined): void } {
  let personId: string | undefined;
  const status = h('p', { class: 'status', attrs: { role: 'status', 'data-testid': 'gate-help-status' } });
  const kinds = Object.entries(helpKinds).map(([kind, key]) => h('button', {
    class: 'choice', i18n: key, attrs: { type: 'button', 'data-kind': kind }, on: { click: () => void raise(kind) },
  }));
  const choices = h('div', { class: 'help-kinds', attrs: { hidden: '' } },
    h('p', { i18n: 'gate.help.choose' }), ...kinds, h('a', { class: 'call', i18n: 'help.call', attrs: { href: 'tel:120' } }));
  const open = h('button', {
    class: 'help-open', i18n: 'gate.help.open', attrs: { type: 'button', 'aria-expanded': 'false' },
    on: { click: () => {
      choices.hidden = !choices.hidden;
      open.setAttribute('aria-expanded', String(!choices.hidden));
    } },
  });
  const root = h('section', { class: 'gate-help', attrs: { 'data-testid': 'gate-help' } }, open, choices, status);

  async function raise(kind: string) {
    if (personId === undefined) return;
    for (const button of kinds) button.disabled = true;
    try {
      const opened = await request<{ status: { dueAt?: string } }>('POST', 'v1/urgent-requests', {
        token: session.token,
        timeoutMs: 15_000,
        body: { requestId: `gate-help-${newId()}`, personId, checkpointId, kind, neededAt: serverNow().toISOString() },
      });
      choices.hidden = true;
      open.hidden = true;
      setText(status, 'help.sent', { time: { time: opened.status.dueAt ?? serverNow().toISOString() } });
    } catch (error) {
      if (error instanceof NetworkError) setText(status, 'help.offline.gate');
      else setText(status, 'common.error', { message: error instanceof Error ? error.message : String(error) });
    } finally {
      for (const button of kinds) button.disabled = false;
    }
  }

  return {
    root,
    /** Offered only for a person the server named: a provisional verdict knows nobody's household. */
    offerFor(next) {
      personId = next;
      root.hidden = next === undefined;
      open.hidden = false;
      open.setAttribute('aria-expanded', 'false');
      choices.hidden = true;
      status.replaceChildren();
      delete status.dataset['i18n'];
    },
  };
}
