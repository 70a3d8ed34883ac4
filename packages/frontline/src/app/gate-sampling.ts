/// <reference lib="dom" />
import { ApiError, request, scopedKey, serverNow } from './api.ts';
import { districtDay } from './district-time.ts';
import { h, setText } from './dom.ts';
import type { MessageKey } from './i18n.ts';
import type { QueuedSample, SampleBody, SampleResult } from './sample-queue.ts';
import { SampleQueue } from './sample-queue.ts';
import { SampleUploader } from './sample-uploader.ts';
import type { Session } from './session.ts';
import type { RoundList, SampleOutcome, TestRound } from './test-rounds.ts';
import { outcomeKeys, roundSpan, testKindKeys } from './test-rounds.ts';
import { newId } from './view.ts';

export type SampleInput = { readonly code: string } | { readonly idNumber: string };

export interface SamplingHooks {
  /** The pending count moved. */
  changed(): void;
  /** The token was refused. */
  unauthorized(): void;
  /** The sampler tapped 下一位: the answer is gone. */
  dismissed(): void;
  /** A line for the gate's prompt. */
  prompt(key: MessageKey, args?: Record<string, string>): void;
}

/** Online, the server's answer is awaited this long; then the sample waits in the queue and the screen says so. */
const liveAnswerMs = 2_500;
/** What the API takes as a tube's id (a sample's `tubeId`). */
const tubePattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const recentShown = 8;
/** Today's rounds are read again this often while the point samples (a new round, or a new day): rarely, the reads share a small bucket. */
const roundsEveryMs = 5 * 60_000;

/** A resident's code is a signed token in three dot-separated parts; anything else the camera reads at a sampling point is a tube. */
export const looksLikeCode = (text: string): boolean => text.length >= 16 && text.split('.').length === 3;

type Tone = 'allow' | 'warn' | 'deny' | 'queued';
const toneOf: Readonly<Record<SampleOutcome, Tone>> = { sampled: 'allow', repeat: 'warn', 'invalid-code': 'deny', 'unknown-person': 'deny', 'not-in-round': 'deny' };
const whyKeys: Readonly<Record<SampleOutcome, MessageKey>> = {
  sampled: 'gate.sample.why.sampled', repeat: 'gate.sample.why.repeat', 'invalid-code': 'gate.sample.why.invalid-code',
  'unknown-person': 'gate.sample.why.unknown-person', 'not-in-round': 'gate.sample.why.not-in-round',
};

/**
 * 核酸采样 at the gate: the sampling point's phone picks one of today's rounds of its community
 * (picked by itself when there is one), reads each person's code or ID number as the gate does,
 * with the tube's barcode read or typed before (it stays for the next people until another is
 * read: a pooled tube, 混管, holds several swabs and its result is each one's), and answers full
 * screen: 已采样 with the masked name and building, or why nobody was sampled. An antigen round's
 * result is not taken here: a positive opens a suspected case (a red code), which a gate's token
 * may not do, so the answer says the grid worker enters it (testing.ts). Samples are queued on the
 * phone first, in their own store, and upload by themselves like the gate's scans.
 */
export function gateSampling(session: Session, checkpointId: string, hooks: SamplingHooks) {
  const queue = new SampleQueue(scopedKey('firstline-samples'));
  const uploader = new SampleUploader(queue, () => session.token, checkpointId, { changed: () => {
    hooks.changed();
    void showRecent();
  }, unauthorized: () => hooks.unauthorized() });
  const listKey = scopedKey(`fl-rounds:${checkpointId}`);
  const pickedKey = scopedKey(`fl-round:${checkpointId}`);
  let list: (RoundList & { day: string }) | undefined = cachedList();
  let pickedId = localStorage.getItem(pickedKey) ?? undefined;
  let loading = false;
  /** People sampled into the tube in the field since it was read or typed. */
  let tubeCount = 0;

  // The round to sample for.
  const roundChoices = h('div', { class: 'round-choices', attrs: { 'data-testid': 'sample-rounds' } }, h('p', { class: 'muted', i18n: 'common.loading' }));
  const roundStatus = h('p', { class: 'status', attrs: { role: 'status', 'data-testid': 'sample-rounds-status' } });

  // The tube: typed, or read by the camera before the person's code; it stays until another is read.
  const tubeInput = h('input', { attrs: { id: 'tube-id', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters', maxlength: '64', enterkeyhint: 'done' } });
  const tubeNote = h('p', { class: 'status', attrs: { role: 'status', 'data-testid': 'tube-status' } });
  const tubeClear = h('button', { class: 'small', i18n: 'gate.sample.tube.clear', attrs: { type: 'button', 'data-testid': 'tube-clear' }, on: { click: () => setTube('') } });
  tubeInput.addEventListener('change', () => setTube(tubeInput.value));
  const tubeRow = h('form', { class: 'row tube', on: { submit: (e) => {
    e.preventDefault();
    setTube(tubeInput.value);
  } } }, h('label', { i18n: 'gate.sample.tube', attrs: { for: 'tube-id' } }), tubeInput, tubeClear, tubeNote);

  const recent = h('ul', { class: 'cards recent-samples', attrs: { 'data-testid': 'recent-samples' } });
  const panel = h('section', { class: 'sampling', attrs: { 'data-testid': 'sampling' } },
    h('fieldset', { class: 'choices rounds' }, h('legend', { i18n: 'gate.sample.round' }), roundChoices),
    roundStatus,
    tubeRow);
  const recentPanel = h('section', { class: 'panel' }, h('h2', { i18n: 'gate.sample.recent' }), recent);

  // The full-screen answer.
  const word = h('p', { class: 'verdict-word', attrs: { id: 'sample-word' } });
  const why = h('p', { class: 'verdict-reason', attrs: { id: 'sample-why' } });
  const facts = h('dl', { class: 'facts' });
  // An antigen test is read on the spot, but its result is the grid worker's to enter.
  const antigenNote = h('p', { class: 'antigen-note', i18n: 'gate.sample.antigen.byWorker', attrs: { 'data-testid': 'antigen-note', hidden: '' } });
  const nextButton = h('button', { class: 'next', i18n: 'verdict.next', attrs: { type: 'button' }, on: { click: () => dismiss() } });
  const answer = h('section', {
    class: 'verdict sample-answer',
    attrs: { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'sample-word', 'aria-describedby': 'sample-why', hidden: '', 'data-testid': 'sample-answer' },
  }, word, why, facts, antigenNote, nextButton);

  function cachedList(): (RoundList & { day: string }) | undefined {
    const raw = localStorage.getItem(listKey);
    const kept = raw ? (JSON.parse(raw) as RoundList & { day: string }) : undefined;
    return kept?.day === districtDay() ? kept : undefined;
  }

  const rounds = (): readonly TestRound[] => list?.rounds.map((r) => r.round) ?? [];
  function picked(): TestRound | undefined {
    const all = rounds();
    return all.length === 1 ? all[0] : all.find((r) => r.roundId === pickedId);
  }
  const buildingName = (buildingId: string) => list?.buildings.find((b) => b.buildingId === buildingId)?.name ?? buildingId;

  /** Today's rounds of the point's community; offline, the list kept from earlier today. */
  async function load(): Promise<void> {
    const day = districtDay();
    loading = true;
    if (!list) showRounds();
    try {
      const fresh = await request<RoundList>('GET', `v1/test-rounds?day=${day}&checkpointId=${encodeURIComponent(checkpointId)}`, { token: session.token, timeoutMs: 10_000 });
      list = { ...fresh, day };
      localStorage.setItem(listKey, JSON.stringify(list));
      roundStatus.replaceChildren();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        hooks.unauthorized();
        return;
      }
      list = cachedList();
      if (error instanceof ApiError) setText(roundStatus, 'common.error', { message: error.message });
      else setText(roundStatus, list ? 'gate.sample.roundsKept' : 'gate.sample.roundsOffline');
    } finally {
      loading = false;
    }
    showRounds();
  }

  function showRounds() {
    const all = list?.rounds ?? [];
    if (!list) {
      roundChoices.replaceChildren(...(loading ? [h('p', { class: 'muted', i18n: 'common.loading' })] : []));
      return;
    }
    if (all.length === 0) {
      roundChoices.replaceChildren(h('p', { class: 'empty', i18n: 'gate.sample.noRounds' }));
      return;
    }
    const current = picked();
    roundChoices.replaceChildren(...all.map(({ round, expected, tested }) => {
      const span = roundSpan(round);
      return h('button', {
        class: 'choice wide round', attrs: { type: 'button', 'data-round': round.roundId, 'aria-pressed': String(round.roundId === current?.roundId) },
        on: { click: () => pick(round.roundId) },
      },
      h('strong', {}, h('span', { class: `badge kind ${round.kind}`, i18n: testKindKeys[round.kind] }), ' ', round.place),
      h('span', { class: 'round-facts' },
        span ? h('span', { i18n: 'testing.span', args: { span: { span } } }) : '',
        h('span', { i18n: 'testing.count', args: { tested, expected } })));
    }));
  }

  function pick(roundId: string) {
    pickedId = roundId;
    localStorage.setItem(pickedKey, roundId);
    showRounds();
  }

  function setTube(value: string) {
    const tube = value.trim();
    tubeInput.value = tube;
    tubeCount = 0;
    if (tube && !tubePattern.test(tube)) {
      tubeInput.setAttribute('aria-invalid', 'true');
      setText(tubeNote, 'gate.sample.tube.invalid');
      return;
    }
    tubeInput.removeAttribute('aria-invalid');
    showTube();
  }

  function showTube() {
    const tube = tubeInput.value;
    if (tube && tubePattern.test(tube)) setText(tubeNote, 'gate.sample.tube.count', { tube, count: tubeCount });
    else tubeNote.replaceChildren();
  }

  /** Whether a person read now can be sampled; if not, the gate's prompt says why. */
  function ready(): boolean {
    if (picked()) return true;
    hooks.prompt(!list ? (loading ? 'common.loading' : 'gate.sample.roundsOffline') : rounds().length === 0 ? 'gate.sample.noRounds' : 'gate.sample.pickRound');
    return false;
  }

  /** The camera read something that is not a resident's code: the tube the next people go into. */
  function tube(text: string) {
    if (text === tubeInput.value) return;
    setTube(text);
    if (tubePattern.test(text.trim())) hooks.prompt('gate.sample.tube.read', { tube: text.trim() });
  }

  async function take(input: SampleInput): Promise<void> {
    const round = picked()!;
    const tubeId = tubePattern.test(tubeInput.value) ? tubeInput.value : undefined;
    const body: SampleBody = { sampleId: newId(), ...input, sampledAt: serverNow().toISOString(), ...(tubeId ? { tubeId } : {}) };
    await queue.add(round.roundId, body);
    hooks.changed();
    const result = navigator.onLine ? await uploader.sendNow(round.roundId, body, liveAnswerMs) : undefined;
    if (tubeId && (!result || result.outcome === 'sampled')) tubeCount++;
    showTube();
    if (result?.outcome === 'sampled' && list) {
      list = { ...list, rounds: list.rounds.map((r) => (r.round.roundId === round.roundId ? { ...r, tested: r.tested + 1 } : r)) };
      showRounds();
    }
    show(round, result, tubeId);
    void showRecent();
  }

  function show(round: TestRound, result: SampleResult | undefined, tubeId: string | undefined) {
    const outcome = result?.outcome;
    const tone: Tone = outcome ? toneOf[outcome] : 'queued';
    answer.className = `verdict sample-answer ${tone}`;
    answer.dataset['outcome'] = outcome ?? 'queued';
    setText(word, outcome ? outcomeKeys[outcome] : 'gate.sample.outcome.queued');
    setText(why, outcome ? whyKeys[outcome] : navigator.onLine ? 'gate.sample.why.slow' : 'gate.sample.why.queued');
    const person = result?.person ?? null;
    facts.replaceChildren(
      h('dt', { i18n: 'verdict.name' }), h('dd', { attrs: { 'data-testid': 'sample-name' } }, person?.nameMasked ?? '—'),
      h('dt', { i18n: 'gate.sample.building' }), h('dd', { attrs: { 'data-testid': 'sample-building' } }, person ? buildingName(person.buildingId) : '—'),
      h('dt', { i18n: 'gate.sample.tubeShort' }), h('dd', {}, tubeId ?? '—'),
      h('dt', { i18n: 'gate.sample.round' }), h('dd', {}, h('span', { i18n: testKindKeys[round.kind] }), ` · ${round.place}`));
    antigenNote.hidden = round.kind !== 'antigen' || tone === 'deny';
    answer.hidden = false;
    nextButton.focus();
  }

  function dismiss() {
    answer.hidden = true;
    hooks.dismissed();
  }

  const stateOf = (s: QueuedSample): HTMLElement => (s.state === 'rejected'
    ? h('strong', { i18n: 'gate.flags.rejected', args: { message: s.error ?? '' } })
    : h('strong', { i18n: s.state === 'pending' ? 'gate.sample.state.pending' : outcomeKeys[s.result!.outcome] }));

  async function showRecent() {
    const items = await queue.recent(recentShown);
    if (items.length === 0) {
      recent.replaceChildren(h('li', { class: 'empty', i18n: 'gate.sample.recent.none' }));
      return;
    }
    recent.replaceChildren(...items.map((s) => h('li', {
      class: `recent ${s.state === 'done' ? toneOf[s.result!.outcome] : s.state}`,
      attrs: { 'data-sample': s.sampleId, 'data-state': s.state, ...(s.result ? { 'data-outcome': s.result.outcome } : {}) },
    },
    h('span', { class: 'when', i18n: 'gate.flags.at', args: { time: { time: s.sampledAt } } }),
    h('span', {}, s.result?.person?.nameMasked ?? '—'),
    stateOf(s))));
  }

  let active = false;
  const roundsTimer = setInterval(() => {
    if (active && document.visibilityState === 'visible' && navigator.onLine) void load();
  }, roundsEveryMs);

  showRounds();
  void showRecent();
  void queue.prune();

  return {
    /** The phone is a sampling point now (its rounds loaded), or the gate again. */
    activate(on: boolean) {
      active = on;
      if (on) void load();
    },
    stop: () => clearInterval(roundsTimer),
    panel,
    /** Under the ID number's field: what this phone sampled lately, and whether it went up. */
    recent: recentPanel,
    answer,
    load,
    ready,
    tube,
    take,
    flush: () => uploader.flush(),
    pendingCount: () => queue.pendingCount(),
  };
}
