/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import type { RouteResponse } from '@firstline/schemas';
import { launchChromium } from '../support/launch-chromium.ts';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained } from '../support/pipeline.ts';
import { newResident } from '../support/registry-fixture.ts';
import { seriousViolations } from './support/axe.ts';
import { dashboardScreenshots, signedInDashboard } from './support/dashboard.ts';
import en from '../../packages/dashboard/locales/en.json' with { type: 'json' };
import zhCN from '../../packages/dashboard/locales/zh-CN.json' with { type: 'json' };

type Lang = 'zh-CN' | 'en';
type Testing = NonNullable<RouteResponse<'GET /v1/reports/daily'>['testing']>;
const catalogues = { 'zh-CN': zhCN, en } as const;
const shanghaiDay = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() + offset * 86_400_000);
const today = shanghaiDay(0);
const at = (time: string) => `${today}T${time}:00+08:00`;

/**
 * The testing card of the command center (issue 17 §3), in headless Chromium and both languages:
 * today's rounds as the daily report gives them, each round's completeness as a bar with tested of
 * expected and its positives in red; per building where the unit is a community; hidden on a day
 * without rounds. A 核酸 round in one community (three buildings in two slots, one positive) and an
 * 抗原 round in the other (a resident's self-test).
 */
const registry = {
  district: { id: 'demo', name: '江岸区', timeZone: 'Asia/Shanghai', policy: { epidemicFreeDays: 1 } },
  streets: [{ id: 's1', name: '中山路街道' }],
  communities: [{ id: 'c1', name: '莲花社区', streetId: 's1' }, { id: 'c2', name: '枫林社区', streetId: 's1' }],
  grids: [{ id: 'c1-g1', name: '第一网格', communityId: 'c1' }, { id: 'c1-g2', name: '第二网格', communityId: 'c1' }, { id: 'c2-g1', name: '第三网格', communityId: 'c2' }],
  buildings: [
    { id: 'c1-g1-b1', name: '1栋', gridId: 'c1-g1' }, { id: 'c1-g1-b2', name: '2栋', gridId: 'c1-g1' },
    { id: 'c1-g2-b3', name: '3栋', gridId: 'c1-g2' }, { id: 'c2-g1-b1', name: '1栋', gridId: 'c2-g1' },
  ],
  checkpoints: [{ id: 'cp1', name: '北门', gridId: 'c1-g1' }, { id: 'cp3', name: '东门', gridId: 'c2-g1' }],
};
/** Residents a building: who each round expects. */
const households: Record<string, number> = { 'c1-g1-b1': 4, 'c1-g1-b2': 3, 'c1-g2-b3': 3, 'c2-g1-b1': 2 };

let stack: RunningStack;
let browser: Browser;
let command: FirstlineClient;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startStack();
  const admin = await stack.as('admin');
  expect((await admin.put('/v1/registry', registry)).status).toBe(200);
  const worker = await stack.as('grid-worker');
  const people: Record<string, { personId: string; idNumber: string }[]> = {};
  for (const [buildingId, count] of Object.entries(households)) {
    people[buildingId] = [];
    for (let i = 0; i < count; i++) {
      const resident = newResident(buildingId, `${buildingId}-h${i + 1}`);
      const registered = await worker.post<{ personId: string }>('/v1/residents', resident);
      expect(registered.status).toBe(201);
      people[buildingId]!.push({ personId: registered.body.personId, idNumber: resident.idNumber });
    }
  }
  const pcr = {
    roundId: 'r-pcr', communityId: 'c1', kind: 'pcr', day: today, place: '北门广场',
    slots: [{ from: at('08:00'), to: at('09:00'), buildingIds: ['c1-g1-b1', 'c1-g1-b2'] }, { from: at('09:00'), to: at('10:00'), buildingIds: ['c1-g2-b3'] }],
  };
  expect((await worker.post('/v1/test-rounds', pcr)).status).toBe(201);
  const antigen = { roundId: 'r-ag', communityId: 'c2', kind: 'antigen', day: today, place: '东门', slots: [{ from: at('18:00'), to: at('20:00'), buildingIds: ['c2-g1-b1'] }] };
  expect((await worker.post('/v1/test-rounds', antigen)).status).toBe(201);
  // All of building 1 and one of building 2 sampled at the north gate; building 3 nobody yet.
  const sampled = [...people['c1-g1-b1']!, people['c1-g1-b2']![0]!];
  const samples = sampled.map((p, i) => ({ sampleId: `s-${i}`, idNumber: p.idNumber, sampledAt: new Date().toISOString(), tubeId: `T-${i + 1}` }));
  const recorded = await (await stack.as('scanner', ['cp1'])).post<{ results: { outcome: string }[] }>('/v1/test-rounds/r-pcr/samples', { checkpointId: 'cp1', samples });
  expect(recorded.body.results.every((r) => r.outcome === 'sampled')).toBe(true);
  const lab = { results: samples.map((s, i) => ({ tubeId: s.tubeId, result: i === 1 ? 'positive' : 'negative' })) };
  expect((await admin.post<{ casesOpened: unknown[] }>('/v1/test-rounds/r-pcr/results', lab)).body.casesOpened).toHaveLength(1);
  const self = people['c2-g1-b1']![0]!;
  const test = { testId: 'ag-1', result: 'negative', takenAt: new Date().toISOString() };
  expect((await (await stack.as('resident', [self.personId])).post(`/v1/residents/${self.personId}/self-tests`, test)).status).toBe(201);
  // A gate scan of today, counted live: the status line says how old the live figures are.
  const scan = { scanId: 'live-1', checkpointId: 'cp1', idNumber: self.idNumber, direction: 'in', temperatureC: 36.5, scannedAt: new Date().toISOString() };
  expect((await (await stack.as('scanner', ['cp1'])).post('/v1/scans', { scans: [scan] })).status).toBe(200);
  await drained(stack);
  command = await stack.as('command');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const report = async (level: string, id: string, date = today) =>
  (await command.get<{ testing?: Testing }>(`/v1/reports/daily?level=${level}&id=${id}&date=${date}`)).body.testing;
const percent = (lang: Lang, value: number) => new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
const count = (lang: Lang, value: number) => new Intl.NumberFormat(lang).format(value);
const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k]!);

/** The unit at the trail's end is drawn, with today's testing card. */
async function drawn(page: Page, name: string): Promise<void> {
  await page.waitForFunction((expected) => document.querySelector('#crumbs strong')?.textContent === expected && /实时|live/.test(document.querySelector('#status')?.textContent ?? ''), name);
}

/** Boxes in the card that overlap (an element and one inside it aside), and anything wider than the page. */
const overlaps = (page: Page) => page.evaluate(() => {
  const card = document.querySelector('[data-testid=testing]')!;
  const parts = [...card.querySelectorAll<HTMLElement>('h2, .big, #testing-detail, h3, .positive, .negative, .figures, .name, .bar')];
  const name = (el: HTMLElement) => `${el.tagName.toLowerCase()}.${el.className}${el.closest('[data-id]') ? `@${(el.closest('[data-id]') as HTMLElement).dataset['id']}` : ''}`;
  const found: string[] = [];
  parts.forEach((a, i) => parts.slice(i + 1).forEach((b) => {
    if (a.contains(b) || b.contains(a)) return;
    const [r, s] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
    if (r.left < s.right - 0.5 && s.left < r.right - 0.5 && r.top < s.bottom - 0.5 && s.top < r.bottom - 0.5) found.push(`${name(a)} × ${name(b)}`);
  }));
  const box = card.getBoundingClientRect();
  for (const el of parts) {
    const r = el.getBoundingClientRect();
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5) found.push(`${name(el)} outside the card`);
    if (el.classList.contains('name') && el.scrollWidth > el.clientWidth) found.push(`${name(el)} cut short`);
  }
  if (document.documentElement.scrollWidth > window.innerWidth) found.push('the page scrolls sideways');
  return found;
});

/**
 * The bars as drawn: each round's (or building's) id, its share for assistive technology and its
 * figures; each fill must be drawn as long as its share says (within half a percent: pixels).
 */
async function bars(page: Page, selector: string) {
  const drawn = await page.locator(selector).evaluateAll((items) => items.map((item) => {
    const bar = item.querySelector<HTMLElement>('.bar')!;
    const share = (bar.querySelector('span')!.getBoundingClientRect().width / bar.getBoundingClientRect().width) * 100;
    return { id: (item as HTMLElement).dataset['id'], now: Number(bar.getAttribute('aria-valuenow')), share, figures: item.querySelector('.figures')!.textContent };
  }));
  for (const bar of drawn) expect(Math.abs(bar.share - bar.now), `${bar.id} drawn at ${bar.share} %`).toBeLessThan(0.5);
  return drawn.map(({ share: _share, ...bar }) => bar);
}

async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await overlaps(page), name).toEqual([]);
  expect(await seriousViolations(page), name).toEqual([]);
  expect(await page.evaluate(() => [...((globalThis as { __dashboardMissingKeys?: Set<string> }).__dashboardMissingKeys ?? [])]), name).toEqual([]);
}

for (const lang of ['zh-CN', 'en'] as const) {
  const m = catalogues[lang];
  const figures = (tested: number, expected: number, completeness: number) => fill(m['testing.figures'], { tested: count(lang, tested), expected: count(lang, expected), percent: percent(lang, completeness) });

  describe(`the testing card (${lang})`, () => {
    let page: Page;
    beforeAll(async () => {
      page = await signedInDashboard(browser, `${stack.url}/?date=${today}`, await stack.client.localToken({ role: 'command', district: 'demo', scopes: ['*'] }), lang);
      await drawn(page, '江岸区');
    });
    afterAll(() => page?.context().close());

    it('says the figures are live, and as of when (the district\'s time of day)', async () => {
      const live = (await command.get<{ final: boolean; scansAsOf?: string }>(`/v1/reports/daily?level=district&id=demo&date=${today}`)).body;
      expect(live.final).toBe(false);
      const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Shanghai' }).format(new Date(live.scansAsOf!));
      const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${today}T00:00:00Z`));
      expect(await page.locator('#status').textContent()).toBe(fill(m['status.liveAsOf'], { date: day, time }));
      await page.locator('#status').screenshot({ path: `${dashboardScreenshots}status-live-${lang}.png` });
    });

    it("shows the district's rounds of the day, each with its bar, tested of expected and its positives in red", async () => {
      const testing = (await report('district', 'demo'))!;
      expect(testing).toMatchObject({ expected: 12, tested: 6, positive: 1, completeness: 50 });

      const card = page.locator('[data-testid=testing]');
      expect(await card.isVisible()).toBe(true);
      expect(await card.locator('h2').textContent()).toBe(m['card.testing']);
      expect(await page.locator('#testing-total').textContent()).toBe(percent(lang, testing.completeness));
      const positive = fill(m['testing.positive'], { count: count(lang, 1) });
      expect(await page.locator('#testing-detail').textContent()).toBe(`${fill(m['testing.detail'], { rounds: count(lang, 2), tested: count(lang, 6), expected: count(lang, 12) })} · ${positive}`);
      // One bar a round, in the report's order, drawn as long as its completeness; no buildings at a district.
      expect(await bars(page, '#testing-list .round')).toEqual(testing.rounds.map((r) => ({ id: r.roundId, now: r.completeness, figures: figures(r.tested, r.expected, r.completeness) })));
      expect(await page.locator('#testing-list .buildings').count()).toBe(0);
      const kind = { pcr: m['testing.kind.pcr'], antigen: m['testing.kind.antigen'] };
      expect(await page.locator('#testing-list .round h3').allTextContents()).toEqual(testing.rounds.map((r) => `${kind[r.kind]} · ${r.communityId === 'c1' ? '莲花社区' : '枫林社区'}`));
      // The positive in red, in the round that has it and in the day's line; none in the other.
      const red = 'rgb(197, 48, 48)';
      expect(await page.locator('.round[data-id=r-pcr] .positive').textContent()).toBe(positive);
      expect(await page.locator('.round[data-id=r-pcr] .positive').evaluate((el) => getComputedStyle(el).color)).toBe(red);
      expect(await page.locator('#testing-detail .positive').evaluate((el) => getComputedStyle(el).color)).toBe(red);
      expect(await page.locator('.round[data-id=r-ag] .negative').textContent()).toBe(m['testing.positiveNone']);
      expect(await page.locator('.round[data-id=r-ag] .positive').count()).toBe(0);
      await card.screenshot({ path: `${dashboardScreenshots}testing-district-${lang}.png` });
      await checkScreen(page, `district ${lang}`);
    });

    it('shows each building of a community with its own bar, and says what each bar is', async () => {
      await page.click('#children tr[data-id="s1"]');
      await drawn(page, '中山路街道');
      await page.click('#children tr[data-id="c1"]');
      await drawn(page, '莲花社区');
      const testing = (await report('community', 'c1'))!;
      const round = testing.rounds[0]!;
      expect(testing.rounds.map((r) => r.roundId)).toEqual(['r-pcr']);
      expect(round.buildings!.map((b) => [b.buildingId, b.tested, b.expected, b.completeness])).toEqual([['c1-g1-b1', 4, 4, 100], ['c1-g1-b2', 1, 3, 33.3], ['c1-g2-b3', 0, 3, 0]]);

      expect(await bars(page, '#testing-list .round')).toEqual([{ id: 'r-pcr', now: 50, figures: figures(5, 10, 50) }]);
      expect(await bars(page, '.round[data-id=r-pcr] .buildings li')).toEqual(round.buildings!.map((b) => ({ id: b.buildingId, now: b.completeness, figures: figures(b.tested, b.expected, b.completeness) })));
      // The ids the round's buildings share (`c1-`) are left out of their labels; the whole id is the label's title.
      expect(await page.locator('.buildings .name').allTextContents()).toEqual(['1栋', '2栋', '3栋']);
      expect(await page.locator('.buildings .name').first().getAttribute('title')).toBe('c1-g1-b1');
      expect(await page.locator('.buildings li[data-id=c1-g1-b1] .bar').getAttribute('class')).toBe('bar complete');
      const label = fill(m['testing.bar'], { name: '2栋', tested: count(lang, 1), expected: count(lang, 3), percent: percent(lang, 33.3) });
      expect(await page.locator('.buildings li[data-id=c1-g1-b2] .bar').getAttribute('aria-label')).toBe(label);
      await page.locator('[data-testid=testing]').screenshot({ path: `${dashboardScreenshots}testing-${lang}.png` });
      await checkScreen(page, `community laptop ${lang}`);

      // A command-center wall and a phone: the same card, nothing drawn over anything.
      await page.setViewportSize({ width: 2560, height: 1440 });
      await page.waitForTimeout(300);
      if (lang === 'zh-CN') await page.screenshot({ path: `${dashboardScreenshots}testing-wall-zh-CN.png` });
      expect(await overlaps(page)).toEqual([]);
      await page.setViewportSize({ width: 360, height: 640 });
      await page.waitForTimeout(300);
      if (lang === 'zh-CN') await page.locator('[data-testid=testing]').screenshot({ path: `${dashboardScreenshots}testing-phone-zh-CN.png` });
      expect(await overlaps(page)).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    it("shows a grid's own buildings, and no card on a day without rounds", async () => {
      await page.click('#children tr[data-id="c1-g1"]');
      await drawn(page, '第一网格');
      expect(await page.locator('.buildings li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset['id']))).toEqual(['c1-g1-b1', 'c1-g1-b2']);

      const yesterday = shanghaiDay(-1);
      expect(await report('grid', 'c1-g1', yesterday)).toBeUndefined();
      await page.fill('#date', yesterday);
      await page.waitForFunction(() => (document.querySelector<HTMLElement>('[data-testid=testing]')!).hidden);
      expect(await page.locator('[data-testid=testing]').isVisible()).toBe(false);
    });
  });
}
