/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirstlineClient } from '@firstline/client';
import type { RouteResponse } from '@firstline/schemas';
import { launchChromium } from '../support/launch-chromium.ts';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained } from '../support/pipeline.ts';
import { smallRegistry } from '../support/registry-fixture.ts';
import { seriousViolations } from './support/axe.ts';
import { dashboardScreenshots } from './support/dashboard.ts';
import { idNumber } from './support/frontline.ts';
import zhCN from '../../packages/dashboard/locales/zh-CN.json' with { type: 'json' };

type Report = RouteResponse<'GET /v1/reports/daily'>;
type BattleMap = RouteResponse<'GET /v1/reports/map'>;
type Lang = 'zh-CN' | 'en';

/** The day the command center reads first: yesterday, closed in both districts. */
const shanghaiDay = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() + offset * 86_400_000);
const date = shanghaiDay(-1);


/** Demo's units are registered in Chinese, Riverside's in English: each is shown as registered, in either language. */
const demoRegistry = {
  district: { id: 'demo', name: '江岸区', timeZone: 'Asia/Shanghai', policy: { epidemicFreeDays: 1 } },
  streets: [{ id: 's1', name: '中山路街道' }],
  communities: [{ id: 'c1', name: '莲花社区', streetId: 's1' }, { id: 'c2', name: '枫林社区', streetId: 's1' }],
  grids: [{ id: 'g1', name: '第一网格', communityId: 'c1' }, { id: 'g2', name: '第二网格', communityId: 'c1' }, { id: 'g3', name: '第三网格', communityId: 'c2' }],
  buildings: smallRegistry.buildings,
  checkpoints: smallRegistry.checkpoints,
};
const riversideRegistry = { ...smallRegistry, district: { ...smallRegistry.district, id: 'riverside', name: 'Riverside District', policy: { epidemicFreeDays: 1 } } };

let stack: RunningStack;
let browser: Browser;
const command: Record<string, FirstlineClient> = {};

beforeAll(async () => {
  // First, so a machine without Chromium fails at once, with the reason the global setup found.
  browser = await launchChromium();
  // The city with its two districts, each with yesterday closed: riverside's grids all report;
  // demo's third grid does not, and its second has a close contact.
  stack = await startStack({ city: true });
  for (const [district, registry, reporting] of [['demo', demoRegistry, ['g1', 'g2']], ['riverside', riversideRegistry, ['g1', 'g2', 'g3']]] as const) {
    const anonymous = new FirstlineClient({ baseUrl: `${stack.url}/districts/${district}` });
    const as = async (role: string) => anonymous.withToken(await anonymous.localToken({ role, district, scopes: ['*'] }));
    const admin = await as('admin');
    expect((await admin.put('/v1/registry', registry)).status).toBe(200);
    const worker = await as('grid-worker');
    for (const gridId of reporting) {
      const log = await worker.post('/v1/grid-logs', { logId: `l-${gridId}`, gridId, date, householdsVisited: 12, residentsScreened: 30, disinfectionRounds: 2, masksDistributed: 40, keyPersonsFound: 0 });
      expect(log.status, JSON.stringify(log.body)).toBe(201);
    }
    if (district === 'demo') {
      const person = await worker.post<{ personId: string }>('/v1/residents', { idNumber: idNumber(7), name: '李四', phone: '13900000007', buildingId: 'b2', householdId: 'b2-h1' });
      expect(person.status, JSON.stringify(person.body)).toBe(201);
      const reportedAt = new Date(`${date}T12:00:00+08:00`).toISOString();
      expect((await worker.post('/v1/cases', { caseId: 'dash-case', personId: person.body.personId, category: 'close-contact', reportedAt, quarantine: 'home' })).status).toBe(201);
    }
    expect((await admin.closeDay(date)).status).toBe(200);
    command[district] = await as('command');
  }
  await drained({ ...stack, client: new FirstlineClient({ baseUrl: `${stack.url}/city` }) });
  command['city'] = await stack.as('command', ['*'], 'city');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A browser of its own, in `lang` as a person would have chosen it, signed in with the local stack's button. */
async function signedIn(viewport: { width: number; height: number }, lang: Lang = 'zh-CN'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: lang, acceptDownloads: true });
  if (lang === 'en') await context.addInitScript(() => localStorage.setItem('fl-lang', 'en'));
  const page = watchConsole(await context.newPage());
  await page.goto(`${stack.url}/?date=${date}`);
  await page.click('#local-signin');
  await loaded(page);
  return { context, page };
}

/** The report of the unit on the trail's end is drawn (final in both districts). */
async function loaded(page: Page, name?: string): Promise<void> {
  await page.waitForFunction((expected) => {
    const status = document.querySelector('#status')?.textContent ?? '';
    return /终版|final/.test(status) && (expected === undefined || document.querySelector('#crumbs strong')?.textContent === expected);
  }, name);
}

const shown = async (page: Page, id: string) => (await page.locator(`#${id}`).textContent())?.trim() ?? '';

/** Message keys the page asked for and no catalogue had, as `lang:key`. */
const missingKeys = (page: Page) => page.evaluate(() => [...((globalThis as { __dashboardMissingKeys?: Set<string> }).__dashboardMissingKeys ?? [])]);

/** Text on screen that looks like a message key instead of a message (`card.free`). */
async function rawKeysShown(page: Page): Promise<string[]> {
  const namespaces = [...new Set(Object.keys(zhCN).map((k) => k.split('.')[0]!))].join('|');
  const text = await page.locator('body').innerText();
  return [...text.matchAll(new RegExp(`\\b(?:${namespaces})\\.[a-zA-Z][\\w.]*`, 'g'))].map((m) => m[0]);
}

/** Console errors a page logged (a refused style or script, a failed request), per page. */
const consoleErrors = new WeakMap<Page, string[]>();
function watchConsole(page: Page): Page {
  const errors: string[] = [];
  consoleErrors.set(page, errors);
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

/** What every screen must be: no key missing or shown raw, nothing axe calls serious, no error logged (a refused style included). */
async function checkScreen(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: `${dashboardScreenshots}${name}.png`, fullPage });
  expect(await missingKeys(page), name).toEqual([]);
  expect(await rawKeysShown(page), name).toEqual([]);
  expect(await seriousViolations(page), name).toEqual([]);
  expect(consoleErrors.get(page) ?? [], name).toEqual([]);
}

const percent = (lang: Lang, value: number) => new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
const count = (lang: Lang, value: number) => new Intl.NumberFormat(lang).format(value);

/** The cards say what the report says, in the language's own words and number formats. */
async function expectCards(page: Page, report: Report, lang: Lang): Promise<void> {
  expect(await shown(page, 'free-percent')).toBe(percent(lang, report.epidemicFree.percent));
  const { free, grids } = report.epidemicFree;
  expect(await shown(page, 'free-detail')).toBe(lang === 'zh-CN' ? `${count(lang, free)} / ${count(lang, grids)} 个网格无疫` : `${count(lang, free)} of ${count(lang, grids)} grids epidemic-free`);
  expect(await shown(page, 'scans-total')).toBe(count(lang, report.scans.in + report.scans.out));
  expect(await shown(page, 'reporting')).toBe(`${count(lang, report.reporting.reported)} / ${count(lang, report.reporting.grids)}`);
  const { onTime, grids: expected, flaggedLogs } = report.reporting;
  expect(await shown(page, 'on-time')).toContain(percent(lang, expected === 0 ? 0 : Math.round((onTime / expected) * 1000) / 10));
  expect(await shown(page, 'on-time')).toMatch(new RegExp(`${count(lang, flaggedLogs)}$`));
}

/** Every grid's tile has the API's state and its legend colour; the legend counts what the API counts. */
async function expectMapEqualsApi(page: Page, api: BattleMap): Promise<void> {
  const tiles = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('#map .tile')].map((t) => ({ id: t.dataset['id'], status: t.dataset['status'], colour: getComputedStyle(t).backgroundColor })));
  const legend = await page.evaluate((): Record<string, { colour: string; count: number }> => Object.fromEntries([...document.querySelectorAll<HTMLElement>('#map-legend li')].map((li) => [li.dataset['status'],
    { colour: getComputedStyle(li.querySelector('.swatch')!).backgroundColor, count: Number(li.querySelector('.count')!.textContent) }])));
  expect(tiles.map((t) => [t.id, t.status])).toEqual(api.grids.map((g) => [g.id, g.status]));
  for (const tile of tiles) expect(tile.colour, tile.id).toBe(legend[tile.status!]!.colour);
  expect(Object.fromEntries(Object.entries(legend).map(([s, l]) => [s, l.count]))).toEqual(api.counts);
}

describe('the command center in Chinese (the default)', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => ({ context, page } = await signedIn({ width: 1280, height: 800 })));
  afterAll(() => context?.close());

  it('shows the city as its API reports it, in Chinese words and zh-CN numbers', async () => {
    const city = (await command['city']!.get<Report & { missingDistricts: string[] }>(`/v1/city/reports/daily?date=${date}`)).body;

    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await expectCards(page, city, 'zh-CN');
    expect(await page.locator('#children th[scope=row]').allTextContents()).toEqual(city.children.map((c) => c.name));
    expect(await page.locator('#children-head th').first().textContent()).toBe('名称');
    expect(await shown(page, 'late')).toContain('江岸区');
    expect(await shown(page, 'status')).toContain('已日结');
    expect(await page.locator('#map-section').isHidden()).toBe(true);
    await checkScreen(page, 'city-laptop-zh-CN');
  });

  it("draws a district's battle map with every grid in the state the API gives it, names as registered", async () => {
    await page.click('#children tr[data-id="demo"]');
    await loaded(page, '江岸区');
    const api = (await command['demo']!.get<BattleMap>(`/v1/reports/map?date=${date}`)).body;
    const report = (await command['demo']!.get<Report>(`/v1/reports/daily?level=district&id=demo&date=${date}`)).body;

    await expectCards(page, report, 'zh-CN');
    await expectMapEqualsApi(page, api);
    // A close contact on the second grid; no log from the third.
    expect(api.grids.map((g) => g.status).slice(1)).toEqual(['cases', 'unreported']);
    expect(await page.locator('#map .tile[data-id="g2"]').getAttribute('aria-label')).toBe('第二网格 · 未解除1例，新增1例');
    expect(await page.locator('#map .tile[data-id="g3"]').getAttribute('aria-label')).toBe('第三网格 · 当日未报');
    expect(await page.locator('#map .street h3').allTextContents()).toEqual(['中山路街道']);
    await checkScreen(page, 'district-laptop-zh-CN');
  });

  it('drills down to a grid from the table and back up the trail', async () => {
    await page.click('#children tr[data-id="s1"]');
    await loaded(page, '中山路街道');
    await page.click('#children tr[data-id="c1"]');
    await loaded(page, '莲花社区');
    const community = (await command['demo']!.get<Report>(`/v1/reports/daily?level=community&id=c1&date=${date}`)).body;
    await expectCards(page, community, 'zh-CN');
    expect(await page.locator('#map .tile').count()).toBe(2);
    await page.click('#children tr[data-id="g2"]');
    await loaded(page, '第二网格');
    // The command center is the city's: the grid's one case is a small cell ("<3"), its total at least 1.
    expect(await shown(page, 'cases-total')).toBe('≥1');
    expect(await shown(page, 'cases-detail')).toContain('<3');

    await page.click('#crumbs button[data-level="city"]');
    await loaded(page, 'Demo City');
  });

  it('downloads the table as CSV a Chinese spreadsheet opens: a UTF-8 byte-order mark and Chinese headers', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);

    expect(download.suggestedFilename()).toBe(`firstline-city-city-${date}.csv`);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1).split('\r\n')[0]).toMatch(/^层级,编号,名称,日期,/);
  });
});

describe('the command center in English', () => {
  it('switches every word to English, keeps numbers in English formats, and remembers the choice in this browser', async () => {
    const { context, page } = await signedIn({ width: 1280, height: 800 });
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.lang === 'en');

    const city = (await command['city']!.get<Report>(`/v1/city/reports/daily?date=${date}`)).body;
    await expectCards(page, city, 'en');
    expect(await page.locator('#children-head th').first().textContent()).toBe('Name');
    expect(await page.locator('#lang').textContent()).toBe('中文');
    await page.reload();
    await loaded(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await checkScreen(page, 'city-laptop-en');

    await page.click('#children tr[data-id="riverside"]');
    await loaded(page, 'Riverside District');
    const api = (await command['riverside']!.get<BattleMap>(`/v1/reports/map?date=${date}`)).body;
    await expectMapEqualsApi(page, api);
    const g3 = api.grids.find((g) => g.id === 'g3')!;
    const state = g3.status === 'free' ? `epidemic-free (days without a new case: ${g3.zeroStreakDays})` : `days to go: ${g3.daysToGo}`;
    expect(await page.locator('#map .tile[data-id="g3"]').getAttribute('aria-label')).toBe(`Grid 3 · ${state}`);
    await checkScreen(page, 'district-laptop-en');

    // The CSV's header is in the language shown.
    const [request, download] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/v1/reports/daily') && r.headers()['accept'] === 'text/csv'), page.waitForEvent('download'), page.click('#csv'),
    ]);
    expect(request.headers()['accept-language']).toBe('en');
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1).split('\r\n')[0]).toMatch(/^level,id,name,date,final,scans\.in,/);
    await context.close();
  });
});

describe('the command center on a phone (360 × 640)', () => {
  it('collapses the header after sign-in and shows each table row as a card that names its columns', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = watchConsole(await context.newPage());
    await page.goto(`${stack.url}/?date=${date}`);
    const headerBefore = (await page.locator('header.top').boundingBox())!.height;
    await page.click('#local-signin');
    await loaded(page);
    await page.click('#children tr[data-id="demo"]');
    await loaded(page, '江岸区');

    // The row tapped was far down the city's page; the district's report starts at its top.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const header = (await page.locator('header.top').boundingBox())!.height;
    expect(header).toBeLessThanOrEqual(64);
    expect(header).toBeLessThan(headerBefore);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const cells = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('#children td')].map((td) => {
      const box = td.getBoundingClientRect();
      return { label: td.dataset['label'], before: getComputedStyle(td, '::before').content, left: box.left, right: box.right };
    }));
    expect(cells.length).toBe(7);
    for (const cell of cells) {
      expect(cell.before).toBe(`"${cell.label}"`);
      expect(cell.left).toBeGreaterThanOrEqual(0);
      expect(cell.right).toBeLessThanOrEqual(360);
    }
    const tile = (await page.locator('#map .tile').first().boundingBox())!;
    expect(tile.width).toBeGreaterThanOrEqual(24);
    // What a street head sees first, and the table further down.
    await checkScreen(page, 'district-phone-zh-CN', false);
    await page.locator('section.table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${dashboardScreenshots}district-phone-table-zh-CN.png` });
    await context.close();
  });

  it('shows a scroll cue where the table is wider than its box and still a table (a narrow laptop window)', async () => {
    const { context, page } = await signedIn({ width: 700, height: 800 });
    const scrolls = await page.evaluate(() => {
      const wrap = document.querySelector('#table-wrap')!;
      return wrap.scrollWidth > wrap.clientWidth;
    });
    expect(await page.locator('#scroll-cue').isVisible()).toBe(scrolls);
    await context.close();
  });
});
