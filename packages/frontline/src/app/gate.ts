/// <reference lib="dom" />
import type { CameraScanner } from './camera.ts';
import { startCameraScanner } from './camera.ts';
import { cachedCodeKeys, refreshCodeKeys } from './code-keys.ts';
import type { CodeColor } from './code-verify.ts';
import { verifyCode } from './code-verify.ts';
import { h, setText } from './dom.ts';
import type { MessageKey } from './i18n.ts';
import { checkIdNumber, normalizeIdNumber } from './id-card.ts';
import type { QueuedScan, ScanBody } from './scan-queue.ts';
import { ScanQueue } from './scan-queue.ts';
import { Uploader } from './uploader.ts';
import type { Verdict } from './verdict.ts';
import { colorKeys, provisionalVerdict, reasonKeys } from './verdict.ts';
import type { ViewFactory } from './view.ts';
import { listen, newId } from './view.ts';

/** Quick buttons: what a forehead thermometer shows for nearly everyone, and the fever line. */
export const quickTemperatures = [36.0, 36.2, 36.4, 36.6, 36.8, 37.0, 37.3, 37.5] as const;
/** What POST /v1/scans accepts. */
const temperatureRange = { min: 34, max: 43 } as const;
/** Online, the server's verdict is awaited this long; then the gate judges from the code itself. */
export const liveAnswerMs = 1_200;
/** A code read again within its lifetime is the same person still in frame, not a new scan. */
const codeLifetimeMs = 5 * 60 * 1000;
/** A backlog that did not go up is tried again after 2 s, then 4, 8 … up to 30 s. */
const firstRetryMs = 2_000;
const maxRetryMs = 30_000;

type Input = { readonly code: string } | { readonly idNumber: string };

function deviceId(): string {
  let id = localStorage.getItem('fl-device');
  if (!id) {
    id = `gate-${newId()}`;
    localStorage.setItem('fl-device', id);
  }
  return id;
}

const idProblems: Readonly<Record<'format' | 'date' | 'check-digit', MessageKey>> = {
  format: 'gate.id.format',
  date: 'gate.id.date',
  'check-digit': 'gate.id.checkDigit',
};

/**
 * 扫码测温: the camera reads the resident's code (or the keeper types an ID number), the keeper
 * taps the temperature and the direction, and a full-screen verdict answers. Every scan is queued
 * on the phone first, with its own id and time, so nothing is lost offline.
 */
export const gateView: ViewFactory = (session, context) => {
  const checkpointId = session.subject;
  const queue = new ScanQueue();
  let temperature: number | undefined;
  let direction: 'in' | 'out' = 'in';
  let held: Input | undefined;
  let showing = false;
  let camera: CameraScanner | undefined;
  let unmounted = false;
  /** The token was refused: after the keeper has seen the verdict on screen, back to sign-in. */
  let refused = false;
  const recentCodes = new Map<string, number>();

  const pending = h('span', { class: 'pill pending', attrs: { 'data-testid': 'pending' } });
  const online = h('span', { class: 'pill net' });
  const flagsButton = h('button', { class: 'pill flags', attrs: { type: 'button', 'data-testid': 'flags', 'aria-expanded': 'false', hidden: '' } });
  const flagsList = h('ul', { class: 'flag-list', attrs: { 'aria-live': 'polite' } });
  const flagsPanel = h('section', { class: 'panel', attrs: { hidden: '' } }, h('h2', { i18n: 'gate.flags.title' }), flagsList);
  const status = h('p', { class: 'status prompt', attrs: { role: 'status', 'data-testid': 'gate-status' } });
  const tempStatus = h('p', { class: 'status', attrs: { role: 'alert' } });
  const idStatus = h('p', { class: 'status', attrs: { role: 'alert', 'data-testid': 'id-status' } });

  const video = h('video', { label: 'gate.camera.label', attrs: { muted: '', playsinline: '', autoplay: '' } });
  const cameraNote = h('p', { class: 'camera-note', i18n: 'gate.camera.starting' });
  const viewfinder = h('div', { class: 'viewfinder' }, video, h('div', { class: 'frame', attrs: { 'aria-hidden': 'true' } }), cameraNote);

  const directionButtons = (['in', 'out'] as const).map((d) => h('button', {
    class: 'choice', i18n: d === 'in' ? 'gate.direction.in' : 'gate.direction.out',
    attrs: { type: 'button', 'aria-pressed': String(d === direction), 'data-direction': d },
    on: { click: () => chooseDirection(d) },
  }));
  const temperatureButtons = quickTemperatures.map((c) => h('button', {
    class: `choice temp${c >= 37.3 ? ' hot' : ''}`, i18n: 'gate.temperature.value',
    attrs: { type: 'button', 'aria-pressed': 'false', 'data-temp': c.toFixed(1) },
    on: { click: () => chooseTemperature(c) },
  }));
  const otherInput = h('input', {
    label: 'gate.temperature.other',
    attrs: { type: 'number', inputmode: 'decimal', step: '0.1', min: String(temperatureRange.min), max: String(temperatureRange.max), id: 'temp-other' },
  });
  const otherForm = h('form', { class: 'row', on: { submit: (e) => {
    e.preventDefault();
    const value = Number(otherInput.value);
    if (!Number.isFinite(value) || value < temperatureRange.min || value > temperatureRange.max) {
      setText(tempStatus, 'gate.temperature.range', { min: { temp: temperatureRange.min }, max: { temp: temperatureRange.max } });
      return;
    }
    tempStatus.replaceChildren();
    chooseTemperature(Math.round(value * 10) / 10);
  } } }, h('label', { i18n: 'gate.temperature.other', attrs: { for: 'temp-other' } }), otherInput, h('button', { class: 'small', i18n: 'gate.temperature.set', attrs: { type: 'submit' } }), tempStatus);
  const other = h('details', { class: 'other' }, h('summary', { i18n: 'gate.temperature.other' }), otherForm);

  const idInput = h('input', { attrs: { id: 'id-number', autocomplete: 'off', inputmode: 'text', maxlength: '18', spellcheck: 'false', autocapitalize: 'characters' } });
  const idForm = h('form', { class: 'row', on: { submit: (e) => {
    e.preventDefault();
    const check = checkIdNumber(idInput.value);
    if (check !== 'ok') {
      setText(idStatus, idProblems[check]);
      idInput.setAttribute('aria-invalid', 'true');
      return;
    }
    idInput.removeAttribute('aria-invalid');
    idStatus.replaceChildren();
    accept({ idNumber: normalizeIdNumber(idInput.value) });
  } } }, h('label', { i18n: 'gate.id.label', attrs: { for: 'id-number' } }), idInput, h('button', { class: 'small', i18n: 'gate.id.submit', attrs: { type: 'submit', 'data-testid': 'id-submit' } }), idStatus);

  const verdictWord = h('p', { class: 'verdict-word', attrs: { id: 'verdict-word' } });
  const verdictReason = h('p', { class: 'verdict-reason', attrs: { id: 'verdict-reason' } });
  const verdictFacts = h('dl', { class: 'facts' });
  const verdictNote = h('p', { class: 'verdict-note' });
  const nextButton = h('button', { class: 'next', i18n: 'verdict.next', attrs: { type: 'button' }, on: { click: () => dismiss() } });
  const overlay = h('section', {
    class: 'verdict',
    attrs: { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'verdict-word', 'aria-describedby': 'verdict-reason', hidden: '', 'data-testid': 'verdict' },
  }, verdictWord, verdictReason, verdictFacts, verdictNote, nextButton);

  const root = h('section', { class: 'gate' },
    h('div', { class: 'bar' }, h('span', { class: 'pill', i18n: 'gate.checkpoint', args: { id: checkpointId } }), online, pending, flagsButton),
    flagsPanel,
    viewfinder,
    status,
    h('fieldset', { class: 'choices two' }, h('legend', { i18n: 'gate.direction' }), ...directionButtons),
    h('fieldset', { class: 'choices four' }, h('legend', { i18n: 'gate.temperature' }), ...temperatureButtons),
    other,
    idForm,
    overlay,
  );
  // Quick buttons read as a temperature in the language shown ("36.5 °C").
  temperatureButtons.forEach((b, i) => setText(b, 'gate.temperature.value', { value: { temp: quickTemperatures[i]! } }));

  const uploader = new Uploader(queue, () => session.token, {
    changed: (flagged) => {
      void refreshCounts();
      if (flagged.length > 0) void showFlags(true);
    },
    unauthorized: () => {
      refused = true;
      if (!showing) context.signedOut();
    },
  });

  function chooseDirection(d: 'in' | 'out') {
    direction = d;
    for (const b of directionButtons) b.setAttribute('aria-pressed', String(b.dataset['direction'] === d));
  }

  function chooseTemperature(c: number | undefined) {
    temperature = c;
    for (const b of temperatureButtons) b.setAttribute('aria-pressed', String(c !== undefined && b.dataset['temp'] === c.toFixed(1)));
    if (c !== undefined && held) void submit(held, c);
  }

  function accept(input: Input) {
    if (showing) return;
    held = input;
    if (temperature === undefined) setText(status, 'code' in input ? 'gate.temperature.needed' : 'gate.temperature.unset');
    else void submit(input, temperature);
  }

  function onCode(text: string) {
    const now = Date.now();
    for (const [code, at] of recentCodes) if (now - at > codeLifetimeMs) recentCodes.delete(code);
    if (recentCodes.has(text)) {
      // A code waiting for its temperature keeps its prompt: that is what the keeper must act on.
      if (!held && status.dataset['i18n'] !== 'gate.repeat') setText(status, 'gate.repeat');
      return;
    }
    if (held && 'code' in held && held.code === text) return;
    accept({ code: text });
  }

  async function provisionalFor(input: Input, temperatureC: number, at: Date): Promise<{ verdict: Verdict; color: CodeColor | undefined }> {
    if (!('code' in input)) return { verdict: provisionalVerdict('id-number', temperatureC), color: undefined };
    const keys = cachedCodeKeys(session.claims.district);
    if (!keys) return { verdict: provisionalVerdict('no-keys', temperatureC), color: undefined };
    const check = await verifyCode(input.code, keys, at);
    return { verdict: provisionalVerdict(check, temperatureC), color: check.ok ? check.color : undefined };
  }

  async function submit(input: Input, temperatureC: number) {
    held = undefined;
    showing = true;
    const at = new Date();
    if ('code' in input) recentCodes.set(input.code, at.getTime());
    const body: ScanBody = { scanId: newId(), checkpointId, ...input, direction, temperatureC, scannedAt: at.toISOString(), deviceId: deviceId() };
    const provisional = await provisionalFor(input, temperatureC, at);
    await queue.add(body, provisional.verdict);
    void refreshCounts();
    const answer = navigator.onLine ? await uploader.sendNow(body, liveAnswerMs) : undefined;
    if (unmounted) return;
    if (answer) {
      show({ verdict: answer.verdict, reason: answer.reason }, answer.person?.nameMasked, answer.person?.codeColor, temperatureC, body.direction, false);
    } else {
      show(provisional.verdict, undefined, provisional.color, temperatureC, body.direction, true);
      void upload();
    }
    idInput.value = '';
    chooseTemperature(undefined);
  }

  function show(verdict: Verdict, name: string | undefined, color: CodeColor | undefined, temperatureC: number, dir: 'in' | 'out', provisional: boolean) {
    overlay.className = `verdict ${verdict.verdict}`;
    overlay.dataset['verdict'] = verdict.verdict;
    overlay.dataset['reason'] = verdict.reason;
    overlay.dataset['provisional'] = String(provisional);
    setText(verdictWord, verdict.verdict === 'allow' ? 'verdict.allow' : 'verdict.deny');
    setText(verdictReason, reasonKeys[verdict.reason]);
    verdictFacts.replaceChildren(
      h('dt', { i18n: 'verdict.name' }), h('dd', { attrs: { 'data-testid': 'verdict-name' } }, name ?? '—'),
      h('dt', { i18n: 'verdict.code' }), color ? h('dd', { class: `chip ${color}`, i18n: colorKeys[color] }) : h('dd', { i18n: 'verdict.nobody' }),
      h('dt', { i18n: 'verdict.temperature' }), h('dd', { i18n: 'gate.temperature.value', args: { value: { temp: temperatureC } } }),
      h('dt', { i18n: 'verdict.direction' }), h('dd', { i18n: dir === 'in' ? 'gate.direction.in' : 'gate.direction.out' }),
    );
    if (provisional) setText(verdictNote, 'verdict.provisional');
    else verdictNote.replaceChildren();
    verdictNote.hidden = !provisional;
    overlay.hidden = false;
    nextButton.focus();
  }

  function dismiss() {
    overlay.hidden = true;
    showing = false;
    status.replaceChildren();
    delete status.dataset['i18n'];
    if (refused) context.signedOut();
  }

  async function refreshCounts() {
    setText(pending, 'gate.pending', { count: await queue.pendingCount() });
    const attention = await queue.attention();
    setText(flagsButton, 'gate.flagged', { count: attention.length });
    // Shown only when there is something to look at: the bar stays one line on a small phone.
    flagsButton.hidden = attention.length === 0;
    if (!flagsPanel.hidden) renderFlags(attention);
  }

  function renderFlags(items: readonly QueuedScan[]) {
    if (items.length === 0) {
      flagsList.replaceChildren(h('li', { i18n: 'gate.flags.empty' }));
      return;
    }
    flagsList.replaceChildren(...items.map((s) => h('li', { attrs: { 'data-flag': s.flag ?? 'rejected' } },
      h('span', { class: 'when', i18n: 'gate.flags.at', args: { time: { time: s.scannedAt } } }),
      h('span', {}, s.result?.person?.nameMasked ?? '—'),
      s.flag === 'reused' ? h('strong', { i18n: 'gate.flags.reused' })
        : s.flag === 'changed' && s.result ? h('strong', { i18n: 'gate.flags.changed', args: { reason: { msg: reasonKeys[s.result.reason] } } })
          : h('strong', { i18n: 'gate.flags.rejected', args: { message: s.error ?? '' } }),
    )));
  }

  async function showFlags(open: boolean) {
    flagsPanel.hidden = !open;
    flagsButton.setAttribute('aria-expanded', String(open));
    if (open) renderFlags(await queue.attention());
  }
  flagsButton.addEventListener('click', () => void showFlags(flagsPanel.hidden));

  let retryDelay = firstRetryMs;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  async function upload() {
    clearTimeout(retryTimer);
    if (!navigator.onLine || unmounted) return;
    await uploader.flush();
    if (unmounted) return;
    if ((await queue.pendingCount()) === 0) {
      retryDelay = firstRetryMs;
      return;
    }
    retryTimer = setTimeout(() => void upload(), retryDelay);
    retryDelay = Math.min(retryDelay * 2, maxRetryMs);
  }

  function networkChanged() {
    const up = navigator.onLine;
    setText(online, up ? 'common.online' : 'common.offline');
    online.classList.toggle('down', !up);
    if (up) {
      retryDelay = firstRetryMs;
      void upload();
      void refreshCodeKeys(session.claims.district, session.token);
    }
  }

  const stopListening = listen([
    [window, 'online', networkChanged],
    [window, 'offline', networkChanged],
  ]);

  networkChanged();
  void refreshCounts();
  void queue.prune();
  // No decoding behind the verdict, nor while the phone is in a pocket.
  startCameraScanner(video, onCode, () => !showing && !unmounted && document.visibilityState === 'visible')
    .then((scanner) => {
      if (unmounted) return scanner.stop();
      camera = scanner;
      setText(cameraNote, 'gate.camera.hint');
      root.dataset['camera'] = 'on';
    })
    .catch(() => {
      setText(cameraNote, 'gate.camera.unavailable');
      viewfinder.classList.add('off');
      root.dataset['camera'] = 'off';
    });

  return {
    root,
    unmount() {
      unmounted = true;
      camera?.stop();
      stopListening();
      clearTimeout(retryTimer);
    },
  };
};
