/// <reference lib="dom" />
import { scopedKey, serverNow } from './api.ts';
import type { CameraScanner, Read } from './camera.ts';
import { startCameraScanner } from './camera.ts';
import { cachedCodeKeys, refreshCodeKeys } from './code-keys.ts';
import type { CodeColor } from './code-verify.ts';
import { verifyCode } from './code-verify.ts';
import { h, setText } from './dom.ts';
import { flagsPanel } from './flags-panel.ts';
import { gateHelp } from './gate-help.ts';
import { gateSampling, looksLikeCode } from './gate-sampling.ts';
import type { MessageKey } from './i18n.ts';
import { checkIdNumber, normalizeIdNumber } from './id-card.ts';
import type { ScanBody } from './scan-queue.ts';
import { ScanQueue } from './scan-queue.ts';
import { Uploader } from './uploader.ts';
import type { Verdict } from './verdict.ts';
import { feverC, provisionalVerdict } from './verdict.ts';
import { verdictScreen } from './verdict-screen.ts';
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
/**
 * A backlog that did not go up is tried again after 2 s, then 4, 8 … up to 15 s. The cap is what
 * a gate waits once the network is back when the phone never said it was gone (navigator.onLine
 * stays true on a weak or captive network, and after a page loaded offline): short enough that a
 * queue goes up within a minute, long enough that a dead network costs a few requests a minute.
 */
const firstRetryMs = 2_000;
const maxRetryMs = 15_000;

type Input = { readonly code: string } | { readonly idNumber: string };
/** What the phone at this point is for: the gate's check (通行查验), or a testing round's sampling point (核酸采样). */
type Purpose = 'pass' | 'sample';
const purposeKeys: Readonly<Record<Purpose, MessageKey>> = { pass: 'gate.purpose.pass', sample: 'gate.purpose.sample' };

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
 * on the phone first, with its own id and time, so nothing is lost offline. The same phone serves
 * a testing round's sampling point (核酸采样, gate-sampling.ts) with the same camera and ID field.
 */
export const gateView: ViewFactory = (session, context) => {
  const checkpointId = session.subject;
  const queue = new ScanQueue(scopedKey('firstline-gate'));
  let temperature: number | undefined;
  let direction: 'in' | 'out' = 'in';
  let held: Input | undefined;
  let showing = false;
  let camera: CameraScanner | undefined;
  let unmounted = false;
  /** The token was refused: after the keeper has seen the verdict on screen, back to sign-in. */
  let refused = false;
  const recentCodes = new Map<string, number>();
  const purposeKey = scopedKey(`fl-gate-purpose:${checkpointId}`);
  let purpose: Purpose = localStorage.getItem(purposeKey) === 'sample' ? 'sample' : 'pass';

  const pending = h('span', { class: 'pill pending', attrs: { 'data-testid': 'pending' } });
  const online = h('span', { class: 'pill net' });
  const flags = flagsPanel();
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
    class: `choice temp${c >= feverC ? ' hot' : ''}`, i18n: 'gate.temperature.value', args: { value: { temp: c } },
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

  const idSubmit = h('button', { class: 'small', i18n: 'gate.id.submit', attrs: { type: 'submit', 'data-testid': 'id-submit' } });
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
  } } }, h('label', { i18n: 'gate.id.label', attrs: { for: 'id-number' } }), idInput, idSubmit, idStatus);

  const help = gateHelp(session, checkpointId);
  const verdict = verdictScreen(() => dismiss(), help.root);
  const sampling = gateSampling(session, checkpointId, {
    changed: () => void refreshCounts(),
    unauthorized: () => {
      refused = true;
      if (!showing) context.signedOut();
    },
    dismissed: () => dismiss(),
    prompt: (key, args) => setText(status, key, args),
  });

  const purposeButtons = (['pass', 'sample'] as const).map((p) => h('button', {
    class: 'choice', i18n: purposeKeys[p], attrs: { type: 'button', 'aria-pressed': String(p === purpose), 'data-purpose': p },
    on: { click: () => choosePurpose(p) },
  }));
  /** What only the gate's check asks: the direction and the temperature. */
  const passControls = [
    h('fieldset', { class: 'choices two' }, h('legend', { i18n: 'gate.direction' }), ...directionButtons),
    h('fieldset', { class: 'choices four' }, h('legend', { i18n: 'gate.temperature' }), ...temperatureButtons),
    other,
  ];

  const root = h('section', { class: 'gate' },
    h('div', { class: 'bar' }, h('span', { class: 'pill', i18n: 'gate.checkpoint', args: { id: checkpointId } }), online, pending, flags.button),
    flags.panel,
    // The two words say what the switch is: its legend is for screen readers, the gate keeper's screen keeps its temperatures in view.
    h('fieldset', { class: 'choices two purpose' }, h('legend', { class: 'sr-only', i18n: 'gate.purpose' }), ...purposeButtons),
    viewfinder,
    status,
    ...passControls,
    sampling.panel,
    idForm,
    sampling.recent,
    verdict.root,
    sampling.answer,
  );

  const uploader = new Uploader(queue, () => session.token, {
    changed: (flagged) => {
      void refreshCounts();
      if (flagged.length > 0) flags.open();
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

  function choosePurpose(p: Purpose) {
    purpose = p;
    localStorage.setItem(purposeKey, p);
    root.dataset['purpose'] = p;
    for (const b of purposeButtons) b.setAttribute('aria-pressed', String(b.dataset['purpose'] === p));
    for (const control of passControls) control.hidden = p !== 'pass';
    sampling.panel.hidden = p !== 'sample';
    sampling.recent.hidden = p !== 'sample';
    setText(idSubmit, p === 'sample' ? 'gate.sample.idSubmit' : 'gate.id.submit');
    held = undefined;
    // A code just read for one purpose is no repeat for the other.
    recentCodes.clear();
    status.replaceChildren();
    delete status.dataset['i18n'];
    sampling.activate(p === 'sample');
  }

  function accept(input: Input) {
    if (showing) return;
    if (purpose === 'sample') {
      void takeSample(input);
      return;
    }
    held = input;
    if (temperature === undefined) setText(status, 'code' in input ? 'gate.temperature.needed' : 'gate.temperature.unset');
    else void submit(input, temperature);
  }

  function onCode({ text, format }: Read) {
    // At a sampling point the tube's barcode is read too; at the gate only a resident's QR code counts.
    if (purpose === 'sample' && !looksLikeCode(text)) {
      if (!showing) sampling.tube(text);
      return;
    }
    if (format !== 'qr_code') return;
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
    const at = serverNow();
    if ('code' in input) recentCodes.set(input.code, at.getTime());
    const body: ScanBody = { scanId: newId(), checkpointId, ...input, direction, temperatureC, scannedAt: at.toISOString(), deviceId: deviceId() };
    const provisional = await provisionalFor(input, temperatureC, at);
    await queue.add(body, provisional.verdict);
    void refreshCounts();
    const answer = navigator.onLine ? await uploader.sendNow(body, liveAnswerMs) : undefined;
    if (unmounted) return;
    const facts = { temperatureC, direction: body.direction };
    if (answer) {
      help.offerFor(answer.person?.personId);
      verdict.show({
        verdict: answer.verdict, reason: answer.reason, name: answer.person?.nameMasked, color: answer.person?.codeColor, provisional: false, provincial: answer.provisional === true, ...facts,
      });
      // The server answered: whatever is still queued can go up now rather than at the next retry.
      retryDelay = firstRetryMs;
      void upload();
    } else {
      help.offerFor(undefined);
      verdict.show({ ...provisional.verdict, name: undefined, color: provisional.color, provisional: true, ...facts });
      void upload();
    }
    idInput.value = '';
    chooseTemperature(undefined);
  }

  async function takeSample(input: Input) {
    if (!sampling.ready()) return;
    showing = true;
    if ('code' in input) recentCodes.set(input.code, Date.now());
    status.replaceChildren();
    delete status.dataset['i18n'];
    try {
      await sampling.take(input);
    } catch (error) {
      // Nothing on screen to dismiss: the camera must not stay paused behind an answer never shown.
      showing = false;
      setText(status, 'common.error', { message: error instanceof Error ? error.message : String(error) });
      return;
    }
    idInput.value = '';
    void upload();
  }

  function dismiss() {
    verdict.hide();
    showing = false;
    status.replaceChildren();
    delete status.dataset['i18n'];
    if (refused) context.signedOut();
  }

  async function refreshCounts() {
    // Everything this phone holds that has not gone up: scans and samples alike.
    const [scans, samples] = await Promise.all([queue.pendingCount(), sampling.pendingCount()]);
    setText(pending, 'gate.pending', { count: scans + samples });
    flags.update(await queue.attention());
  }

  let retryDelay = firstRetryMs;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  async function upload() {
    clearTimeout(retryTimer);
    if (!navigator.onLine || unmounted) return;
    await Promise.all([uploader.flush(), sampling.flush()]);
    if (unmounted) return;
    if ((await queue.pendingCount()) + (await sampling.pendingCount()) === 0) {
      retryDelay = firstRetryMs;
      return;
    }
    retryTimer = setTimeout(() => void upload(), retryDelay);
    retryDelay = Math.min(retryDelay * 2, maxRetryMs);
  }

  function networkChanged(event?: Event) {
    const up = navigator.onLine;
    setText(online, up ? 'common.online' : 'common.offline');
    online.classList.toggle('down', !up);
    if (up) {
      retryDelay = firstRetryMs;
      void upload();
      void refreshCodeKeys(session.claims.district, session.token);
      // Back online: the rounds again (at start, choosing the purpose loaded them).
      if (purpose === 'sample' && event) void sampling.load();
    }
  }

  const stopListening = listen([
    [window, 'online', networkChanged],
    [window, 'offline', networkChanged],
  ]);

  choosePurpose(purpose);
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
      sampling.stop();
      stopListening();
      clearTimeout(retryTimer);
    },
  };
};
