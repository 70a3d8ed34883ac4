/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotStore } from '@firstline/adapters/dynamodb/snapshot-store';
import type { FirstlineClient } from '@firstline/client';
import type { GridDay, GridDaySnapshot, Registry } from '@firstline/domain';
import { addDays, daysBetween, defaultPolicy, eachLimited, gridDayOf, rollupRows } from '@firstline/domain';
import type { RouteResponse } from '@firstline/schemas';
import { launchChromium } from '../support/launch-chromium.ts';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { status } from '../support/pipeline.ts';
import { dashboardScreenshots } from './support/dashboard.ts';

/**
 * The battle map on a command-center wall: a district of 2,000 grids (20 streets of 25 communities
 * of 4 grids, as a Wuchang-sized district has), its day closed with every state a grid can be in,
 * drawn at 2560 × 1440 in Chinese.
 */
const date = '2020-03-12';
const streets = ['中山路', '解放大道', '汉正街', '江汉路', '民主路', '武珞路', '中南路', '徐家棚', '杨园', '积玉桥',
  '首义路', '紫阳路', '白沙洲', '南湖', '珞珈山', '石洞', '粮道街', '黄鹤楼', '水果湖', '东亭'];
const communityWords = ['莲花', '枫林', '江滩', '花园', '港湾', '旭日', '桂花', '竹林', '玉兰', '翠柳', '锦绣', '和平', '幸福'];


function wallRegistry() {
  const registry = {
    district: { id: 'demo', name: '武昌区', timeZone: 'Asia/Shanghai', policy: { epidemicFreeDays: 14 } },
    streets: streets.map((name, s) => ({ id: `s${s}`, name: `${name}街道` })),
    communities: [] as { id: string; name: string; streetId: string }[],
    grids: [] as { id: string; name: string; communityId: string }[],
    buildings: [] as { id: string; name: string; gridId: string }[],
    checkpoints: [],
  };
  streets.forEach((_, s) => {
    for (let c = 0; c < 25; c++) {
      const communityId = `s${s}-c${c}`;
      registry.communities.push({ id: communityId, name: `${communityWords[(s * 25 + c) % communityWords.length]}${c + 1}社区`, streetId: `s${s}` });
      for (let g = 0; g < 4; g++) registry.grids.push({ id: `${communityId}-g${g}`, name: `第${g + 1}网格`, communityId });
    }
  });
  registry.buildings = registry.grids.map((g) => ({ id: `${g.id}-b1`, name: '1栋', gridId: g.id }));
  return registry;
}

/**
 * A grid's closed day, its state spread the way an outbreak spreads: cases clustered in two
 * streets, a street that reports poorly, most streets free or on their way.
 */
function snapshotOf(gridId: string, i: number, street: number, community: number, day: string, dayOffset: number): GridDaySnapshot {
  const cases = (street === 3 || street === 11) && community % 5 < 2 && i % 3 !== 0 ? 1 + (i % 2) : i % 97 === 0 ? 1 : 0;
  const reported = !(i % 23 === 5 || (street === 17 && community % 3 === 0));
  const zeroStreakDays = cases > 0 || !reported ? 0 : street % 4 === 1 ? (i * 5) % 14 : Math.max(0, 14 + (i % 20) - dayOffset);
  const epidemicFree = zeroStreakDays >= 14;
  return {
    gridId, day, scans: { in: 100 + (i % 40), out: 90, denied: 2, fever: i % 5 === 0 ? 1 : 0 },
    cases: cases > 0 && i % 2 === 0 ? { 'close-contact': 1 } : {}, openCases: cases,
    work: { logs: reported ? 1 : 0, householdsVisited: reported ? 40 : 0, residentsScreened: reported ? 110 : 0, disinfectionRounds: reported ? 2 : 0, masksDistributed: reported ? 80 : 0, keyPersonsFound: 0 },
    reported, reportedOnTime: reported, certified: { reported, disinfectionRounds: reported ? 2 : 0 },
    deliveries: { requested: 3, delivered: 2, 'minutes.40': 2 }, openDeliveries: 1,
    streak: { zeroStreakDays, epidemicFree, ...(epidemicFree ? { since: addDays(day, 1 - zeroStreakDays) } : {}) },
  };
}

/**
 * Writes the day's grid snapshots and every roll-up through the snapshot store, as the close
 * writes them (a 2,000-grid close takes too long for a test), and for the 13 days before the
 * district's and streets' roll-ups its trend reads.
 */
async function closeDays(stack: RunningStack, registry: ReturnType<typeof wallRegistry>): Promise<void> {
  const s = await status(stack);
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: s.endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  const store = new SnapshotStore(documents, s.tables['stats']!);
  const domainRegistry: Registry = { ...registry, district: { ...registry.district, policy: { ...defaultPolicy, epidemicFreeDays: 14 } } };
  const streetOf = new Map(registry.communities.map((c, k) => [c.id, { street: Number(c.streetId.slice(1)), community: k % 25 }]));
  for (const [offset, day] of daysBetween(addDays(date, -13), date).reverse().entries()) {
    const snapshots = registry.grids.map((g, i) => {
      const { street, community } = streetOf.get(g.communityId)!;
      return snapshotOf(g.id, i, street, community, day, offset);
    });
    const days = new Map<string, GridDay>(snapshots.map((snap) => [snap.gridId, gridDayOf(snap, true)]));
    const rows = rollupRows(domainRegistry, day, days);
    if (day === date) {
      await eachLimited(snapshots, 16, (snap) => store.save(snap));
      await store.saveRollups(day, rows);
    } else {
      await store.saveRollups(day, rows.filter((r) => r.level !== 'community'));
    }
  }
  documents.destroy();
}

let stack: RunningStack;
let command: FirstlineClient;
let browser: Browser;
let page: Page;
let registry: ReturnType<typeof wallRegistry>;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startStack();
  registry = wallRegistry();
  const admin = await stack.as('admin');
  expect((await admin.put('/v1/registry', registry)).status).toBe(200);
  await closeDays(stack, registry);
  command = await stack.as('command');
  page = await browser.newPage({ viewport: { width: 2560, height: 1440 }, locale: 'zh-CN' });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface ShownTile {
  id: string;
  status: string;
  colour: string;
  box: { x: number; y: number; width: number; height: number };
}

async function shownTiles(): Promise<ShownTile[]> {
  return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('#map .tile')].map((tile) => {
    const r = tile.getBoundingClientRect();
    return { id: tile.dataset['id']!, status: tile.dataset['status']!, colour: getComputedStyle(tile).backgroundColor, box: { x: r.x, y: r.y, width: r.width, height: r.height } };
  }));
}

describe('the battle map on a 2560 × 1440 wall, 2,000 grids', () => {
  it('draws every grid once, in the state and colour the API gives it, with a legend of the same colours and counts', async () => {
    const api = (await command.get<RouteResponse<'GET /v1/reports/map'>>(`/v1/reports/map?date=${date}`)).body;
    expect(api.grids).toHaveLength(2_000);
    expect(Object.values(api.counts).every((n) => n > 0)).toBe(true);

    const started = performance.now();
    await page.goto(`${stack.url}/?date=${date}`);
    await page.click('#local-signin');
    await page.waitForFunction(() => document.querySelectorAll('#map .tile').length === 2_000 && document.querySelector('#status')?.textContent?.includes('终版'), null, { timeout: 60_000 });
    console.log(`wall: signed in to 2,000 tiles drawn in ${Math.round(performance.now() - started)} ms`);

    const tiles = await shownTiles();
    expect(tiles.map((t) => [t.id, t.status])).toEqual(api.grids.map((g) => [g.id, g.status]));
    const legend = await page.evaluate((): Record<string, { colour: string; count: number }> => Object.fromEntries([...document.querySelectorAll<HTMLElement>('#map-legend li')].map((li) => [
      li.dataset['status'], { colour: getComputedStyle(li.querySelector('.swatch')!).backgroundColor, count: Number(li.querySelector('.count')!.textContent) },
    ])));
    for (const tile of tiles) expect(tile.colour, tile.id).toBe(legend[tile.status]!.colour);
    expect(new Set(Object.values(legend).map((l) => l.colour)).size).toBe(4);
    expect(Object.fromEntries(Object.entries(legend).map(([s, l]) => [s, l.count]))).toEqual(api.counts);
    // A pending tile says how many days it still needs (还差 N 天).
    const pending = api.grids.find((g) => g.status === 'pending')!;
    expect(await page.locator(`#map .tile[data-id="${pending.id}"]`).getAttribute('aria-label')).toBe(`${pending.name} · 还差 ${pending.daysToGo} 天`);
  }, 120_000);

  it('fits the whole map on the wall below the cards: tiles a finger or an eye can find, none overlapping, street names readable', async () => {
    const tiles = await shownTiles();
    const mapTop = await page.evaluate(() => document.querySelector('#map')!.getBoundingClientRect().top);

    expect(Math.min(...tiles.map((t) => t.box.width))).toBeGreaterThanOrEqual(24);
    expect(Math.max(...tiles.map((t) => t.box.y + t.box.height))).toBeLessThanOrEqual(1440);
    expect(Math.max(...tiles.map((t) => t.box.x + t.box.width))).toBeLessThanOrEqual(2560);
    expect(new Set(tiles.map((t) => `${Math.round(t.box.x)},${Math.round(t.box.y)}`)).size).toBe(2_000);
    expect(mapTop).toBeGreaterThan(0);
    const streetFont = await page.evaluate(() => Math.min(...[...document.querySelectorAll('#map .street h3')].map((h) => Number.parseFloat(getComputedStyle(h).fontSize))));
    expect(streetFont).toBeGreaterThanOrEqual(13);
    // Every card on one row above the map: scans, cases, deliveries, care … read in one glance.
    const cards = await page.evaluate(() => {
      const tops = [...document.querySelectorAll('.card')].map((c) => c.getBoundingClientRect().top);
      return { all: tops.length, firstRow: tops.filter((t) => t === tops[0]).length };
    });
    expect(cards).toEqual({ all: 6, firstRow: 6 });
    await page.screenshot({ path: `${dashboardScreenshots}district-wall.png` });
  });

  it('keeps the tiles at least 24 px on a laptop, where the map scrolls with the page', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(() => window.dispatchEvent(new Event('resize')));
    // The map is fitted again 150 ms after the last resize.
    await page.waitForTimeout(600);
    expect((await page.locator('#map .tile').first().boundingBox())!.width).toBeGreaterThanOrEqual(24);

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await page.screenshot({ path: `${dashboardScreenshots}district-laptop-2000-zh-CN.png` });
    await page.setViewportSize({ width: 2560, height: 1440 });
  });

  it("opens a grid's report from its tile", async () => {
    const tile = (await command.get<RouteResponse<'GET /v1/reports/map'>>(`/v1/reports/map?date=${date}`)).body.grids.find((g) => g.status === 'cases')!;
    const community = registry.communities.find((c) => c.id === tile.communityId)!;

    await page.click(`#map .tile[data-id="${tile.id}"]`);
    await page.waitForFunction((name) => document.querySelector('#crumbs strong')?.textContent === name, tile.name);

    expect(await page.locator('#crumbs button').allTextContents()).toEqual(['武昌区', registry.streets.find((s) => s.id === community.streetId)!.name, community.name]);
    const grid = (await command.get<RouteResponse<'GET /v1/reports/daily'>>(`/v1/reports/daily?level=grid&id=${tile.id}&date=${date}`)).body;
    expect(await page.locator('#cases-total').textContent()).toBe(String([grid.cases.confirmed, grid.cases.suspected, grid.cases.feverUnexcluded, grid.cases.closeContact].reduce<number>((sum, n) => sum + Number(n), 0)));
    expect(await page.locator('#map-section').isHidden()).toBe(true);
  });
});
