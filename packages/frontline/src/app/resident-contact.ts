/// <reference lib="dom" />
import { ApiError, NetworkError, request, scopedKey } from './api.ts';
import { h, setText } from './dom.ts';
import type { Session } from './session.ts';
import { localDistrict } from './session.ts';

interface Sent { readonly id: string; readonly text: string; readonly at: string }

/**
 * 短信通知: the resident agrees, in so many words, to be told by SMS (their call number, a delivery
 * at the door, their code turning yellow or red), or withdraws. The number goes to the server once
 * and is sealed there; this phone keeps only its masked form, to show what was agreed. Locally the
 * messages the notifier sent are shown here as an inbox (in the cloud they arrive as SMS).
 */
export function residentContact(session: Session, failed: (error: unknown) => boolean): { root: HTMLElement; refresh(): Promise<void> } {
  const personId = session.subject;
  const keptKey = scopedKey(`fl-contact:${personId}`);
  const status = h('p', { class: 'status', attrs: { role: 'status', 'data-testid': 'contact-status' } });
  const agreed = h('p', { class: 'big-figure', attrs: { 'data-testid': 'contact-agreed' } });
  const phoneInput = h('input', { attrs: { id: 'contact-phone', type: 'tel', inputmode: 'tel', autocomplete: 'tel', maxlength: '20' } });
  const consent = h('input', { attrs: { id: 'contact-consent', type: 'checkbox' } });
  const form = h('form', { class: 'contact', on: { submit: (e) => {
    e.preventDefault();
    void give();
  } } },
  h('label', { i18n: 'resident.contact.phone', attrs: { for: 'contact-phone' } }), phoneInput,
  h('label', { class: 'check', attrs: { for: 'contact-consent' } }, consent, h('span', { i18n: 'resident.contact.consent' })),
  h('button', { class: 'primary', i18n: 'resident.contact.give', attrs: { type: 'submit' } }));
  const withdraw = h('button', { class: 'action warn', i18n: 'resident.contact.withdraw', attrs: { type: 'button' }, on: { click: () => void take() } });
  const inbox = h('ul', { class: 'cards inbox', attrs: { 'data-testid': 'inbox', hidden: '' } });
  const root = h('section', { class: 'panel contact-panel' }, h('h3', { i18n: 'resident.contact.title' }), agreed, form, withdraw, status, inbox);

  function show() {
    const masked = localStorage.getItem(keptKey);
    form.hidden = masked !== null;
    withdraw.hidden = masked === null;
    if (masked) setText(agreed, 'resident.contact.agreed', { phone: masked });
    else setText(agreed, 'resident.contact.none');
  }

  async function give() {
    if (!consent.checked) {
      setText(status, 'resident.contact.consentNeeded');
      return;
    }
    try {
      const saved = await request<{ phoneMasked: string }>('PUT', `v1/residents/${encodeURIComponent(personId)}/contact`, {
        token: session.token, timeoutMs: 10_000, body: { phone: phoneInput.value.trim(), consent: true },
      });
      localStorage.setItem(keptKey, saved.phoneMasked);
      phoneInput.value = '';
      consent.checked = false;
      setText(status, 'resident.contact.saved');
      show();
    } catch (error) {
      if (failed(error)) return;
      setText(status, error instanceof NetworkError ? 'common.network' : 'resident.contact.invalid');
    }
  }

  async function take() {
    try {
      await request('DELETE', `v1/residents/${encodeURIComponent(personId)}/contact`, { token: session.token, timeoutMs: 10_000 });
      localStorage.removeItem(keptKey);
      setText(status, 'resident.contact.withdrawn');
      show();
    } catch (error) {
      if (failed(error)) return;
      setText(status, error instanceof ApiError ? 'common.error' : 'common.network', { message: error instanceof Error ? error.message : '' });
    }
  }

  async function refresh() {
    if (!(await localDistrict())) return;
    try {
      const sent = await request<{ items: Sent[] }>('GET', `local/outbox?personId=${encodeURIComponent(personId)}`, { timeoutMs: 5_000 });
      inbox.hidden = false;
      inbox.replaceChildren(...(sent.items.length === 0
        ? [h('li', { class: 'empty', i18n: 'resident.inbox.empty' })]
        : [...sent.items].reverse().map((m) => h('li', { class: 'card', attrs: { 'data-message': m.id } },
          h('p', {}, m.text), h('p', { class: 'muted', i18n: 'resident.inbox.at', args: { time: { dateTime: m.at } } })))));
    } catch {
      // The inbox is the local stack's stand-in for SMS: without it, nothing is missing.
    }
  }

  show();
  return { root, refresh };
}
