/// <reference lib="dom" />
import { careView } from './care.ts';
import { byId, h, setText } from './dom.ts';
import { gateView } from './gate.ts';
import type { MessageKey } from './i18n.ts';
import { initLang, lang, setLang } from './i18n.ts';
import { residentView } from './resident.ts';
import type { Mode } from './session.ts';
import { forgetSession, modes, storedSession } from './session.ts';
import { modeKeys, signInView } from './signin.ts';
import { testingView } from './testing.ts';
import type { View, ViewFactory } from './view.ts';
import { volunteerView } from './volunteer.ts';

const factories: Readonly<Record<Mode, ViewFactory>> = { gate: gateView, resident: residentView, volunteer: volunteerView, care: careView, testing: testingView };
const hintKeys: Readonly<Record<Mode, MessageKey>> = {
  gate: 'mode.gate.hint', resident: 'mode.resident.hint', volunteer: 'mode.volunteer.hint', care: 'mode.care.hint', testing: 'mode.testing.hint',
};

const main = byId('view');
const back = byId<HTMLButtonElement>('back');
const signOut = byId<HTMLButtonElement>('signout');
const langButton = byId<HTMLButtonElement>('lang');
const title = byId('title');
let current: View | undefined;

function homeView(): View {
  const ready = h('p', { class: 'muted', attrs: { 'data-testid': 'offline-ready' } });
  void navigator.serviceWorker?.ready.then(() => setText(ready, 'app.offlineReady'));
  const root = h('section', { class: 'home' },
    h('h2', { i18n: 'home.title' }),
    h('nav', { label: 'nav.main' }, ...modes.map((mode) => h('a', { class: `mode-card ${mode}`, attrs: { href: `#${mode}`, 'data-mode': mode } },
      h('strong', { i18n: modeKeys[mode] }), h('span', { i18n: hintKeys[mode] })))),
    ready);
  return { root, unmount() {} };
}

function mount(view: View, mode: string | undefined) {
  current?.unmount();
  current = view;
  document.body.dataset['mode'] = mode ?? 'home';
  main.replaceChildren(view.root);
}

/** `#gate`, `#resident`, `#volunteer`, `#care`, `#testing` or the home screen; each mode signed in on its own. */
function route(notice?: MessageKey) {
  const mode = modes.find((m) => `#${m}` === location.hash);
  back.hidden = !mode;
  signOut.hidden = true;
  // In a mode the bar names the job (扫码测温…): the app's name would only take the room.
  setText(title, mode ? modeKeys[mode] : 'app.name');
  if (!mode) return mount(homeView(), undefined);
  const session = storedSession(mode);
  if (session === undefined || typeof session === 'string') {
    return mount(signInView(mode, () => route(), notice ?? session), mode);
  }
  signOut.hidden = false;
  mount(factories[mode](session, {
    signedOut: () => {
      forgetSession(mode);
      // A gate's queued scans stay on the phone and upload after the next sign-in.
      route(mode === 'gate' ? 'gate.signin.again' : 'signin.error.expired');
    },
  }), mode);
}

function showLangButton() {
  // The button offers the other language, written in that language.
  langButton.lang = lang() === 'zh-CN' ? 'en' : 'zh-CN';
  setText(langButton, 'app.lang.switch');
}

back.addEventListener('click', () => (location.hash = ''));
signOut.addEventListener('click', () => {
  const mode = modes.find((m) => `#${m}` === location.hash);
  if (mode) forgetSession(mode);
  route();
});
langButton.addEventListener('click', () => void setLang(lang() === 'zh-CN' ? 'en' : 'zh-CN').then(showLangButton));
window.addEventListener('hashchange', () => route());

await initLang();
showLangButton();
route();
// The service worker keeps the shell so the app opens with no network after the first visit.
void navigator.serviceWorker?.register('sw.js').catch(() => undefined);
