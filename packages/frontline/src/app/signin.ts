/// <reference lib="dom" />
import { h, setText } from './dom.ts';
import type { MessageKey } from './i18n.ts';
import type { Mode, Session } from './session.ts';
import { localDistrict, localResidents, mintLocalToken, saveSession, sessionOf, subjectProblem } from './session.ts';
import type { View } from './view.ts';

export const modeKeys: Readonly<Record<Mode, MessageKey>> = { gate: 'mode.gate', resident: 'mode.resident', volunteer: 'mode.volunteer', care: 'mode.care', testing: 'mode.testing' };
const subjectKeys: Partial<Record<Mode, MessageKey>> = { gate: 'signin.checkpoint', volunteer: 'signin.volunteerId', care: 'signin.gridId', testing: 'signin.gridId' };

/**
 * Signs one mode in with its own token: pasted (in the cloud, from the identity provider), or on
 * the local stack minted with one tap, as the dashboard does. A gate names its checkpoint, a
 * volunteer their id and a carer their grid once, above both ways in.
 */
export function signInView(mode: Mode, signedIn: (session: Session) => void, notice?: MessageKey): View {
  const error = h('p', { class: 'status', attrs: { role: 'alert', 'data-testid': 'signin-error' } });
  if (notice) setText(error, notice);

  const finish = (token: string, subject?: string) => {
    const session = sessionOf(mode, token, subject);
    if (typeof session === 'string') {
      setText(error, session);
      return;
    }
    saveSession(session);
    signedIn(session);
  };

  const subjectKey = subjectKeys[mode];
  const subject = h('input', { attrs: { id: 'subject', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off' } });
  const token = h('textarea', { attrs: { id: 'token', rows: '3', autocomplete: 'off', spellcheck: 'false' } });
  const local = h('div', { class: 'local', attrs: { hidden: '' } });
  const form = h('form', { class: 'signin', on: { submit: (e) => {
    e.preventDefault();
    finish(token.value, subject.value);
  } } },
  h('label', { i18n: 'signin.token', attrs: { for: 'token' } }), token,
  h('p', { class: 'muted', i18n: 'signin.token.help' }),
  h('button', { class: 'primary', i18n: 'signin.submit', attrs: { type: 'submit' } }));

  const root = h('section', { class: 'signin-view' },
    h('h2', {}, h('span', { i18n: modeKeys[mode] }), ' · ', h('span', { i18n: 'signin.title' })),
    error,
    ...(subjectKey ? [h('div', { class: 'field' }, h('label', { i18n: subjectKey, attrs: { for: 'subject' } }), subject)] : []),
    local,
    form);

  void localDistrict().then(async (district) => {
    if (!district) return;
    const mint = async (id: string) => {
      if (!id.trim()) {
        setText(error, subjectProblem[mode]);
        return;
      }
      finish(await mintLocalToken(mode, district, id.trim()), id.trim());
    };
    if (mode === 'resident') {
      const residents = await localResidents().catch(() => []);
      if (residents.length === 0) return;
      local.append(h('h3', { i18n: 'signin.residents' }), ...residents.map((r) => h('button', {
        class: 'choice wide', attrs: { type: 'button', 'data-person': r.personId },
        on: { click: () => void mint(r.personId) },
      }, `${r.nameMasked} · ${r.buildingId}`)));
    } else {
      local.append(h('button', { class: 'primary', i18n: 'signin.local', attrs: { type: 'button', 'data-testid': 'local-signin' }, on: { click: () => void mint(subject.value) } }));
    }
    local.hidden = false;
  });

  return { root, unmount() {} };
}
