/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirstlineClient } from '@firstline/client';
import type { RunningStack } from '../support/local-stack.ts';
import { launchChromium } from '../support/launch-chromium.ts';
import { startStack } from '../support/local-stack.ts';
import { drained } from '../support/pipeline.ts';
import { smallRegistry } from '../support/registry-fixture.ts';

const date = '2020-03-12';
/** Screenshots of each run, for a person to look at (ignored by git). */
const screenshots = fileURLToPath(new URL('../../.bench/', import.meta.url));

interface Report {
  name: string;
  epidemicFree: { percent: number; free: number; grids: number };
  scans: { in: number; out: number };
  children: { id: string; name: string; epidemicFree: { percent: number } }[];
}

let stack: RunningStack;
let command: FirstlineClient;
let cityCommand: FirstlineClient;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // First, so a machine without Chromium fails at once, with the reason the global setup found.
  browser = await launchChromium();
  mkdirSync(screenshots, { recursive: true });
  // The city with its two districts, each with a closed day; riverside's grids all report.
  stack = await startStack({ city: true });
  for (const [district, reporting] of [['demo', ['g1', 'g3']], ['riverside', ['g1', 'g2', 'g3']]] as const) {
    const anonymous = new FirstlineClient({ baseUrl: `${stack.url}/districts/${district}` });
    const as = async (role: string) => anonymous.withToken(await anonymous.localToken({ role, district, scopes: ['*'] }));
    const admin = await as('admin');
    const name = district === 'demo' ? 'Demo District' : 'Riverside District';
    expect((await admin.put('/v1/registry', { ...smallRegistry, district: { ...smallRegistry.district, id: district, name, policy: { epidemicFreeDays: 1 } } })).status).toBe(200);
    const worker = await as('grid-worker');
    for (const gridId of reporting) {
      await worker.post('/v1/grid-logs', { logId: `l-${gridId}`, gridId, date, householdsVisited: 12, residentsScreened: 30, disinfectionRounds: 2, masksDistributed: 40, keyPersonsFound: 0 });
    }
    expect((await admin.post('/v1/admin/close-day', { date })).status).toBe(200);
  }
  await drained({ ...stack, client: new FirstlineClient({ baseUrl: `${stack.url}/city` }) });
  command = await stack.as('command');
  cityCommand = await stack.as('command', ['*'], 'city');
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function shown(id: string): Promise<string> {
  return (await page.locator(`#${id}`).textContent())?.trim() ?? '';
}

async function apiReport(level: string, id: string): Promise<Report> {
  return (await command.get<Report>(`/v1/reports/daily?level=${level}&id=${id}&date=${date}`)).body;
}

describe('command-center dashboard in Chromium', () => {
  it('signs in as the city, shows the city as its API reports it, and drills down to a grid', async () => {
    await page.goto(`${stack.url}/?date=${date}`);
    await page.click('#local-signin');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('final'));

    const city = (await cityCommand.get<Report>(`/v1/city/reports/daily?date=${date}`)).body;
    expect(await shown('free-percent')).toBe(`${city.epidemicFree.percent}%`);
    expect(await shown('free-detail')).toBe(`${city.epidemicFree.free} of ${city.epidemicFree.grids} grids`);
    expect(await shown('scans-total')).toBe(String(city.scans.in + city.scans.out));
    expect(await page.locator('#children td:first-child').allTextContents()).toEqual(city.children.map((c) => c.name));
    expect(await shown('late')).toContain('Demo District');
    await page.screenshot({ path: `${screenshots}city-laptop.png`, fullPage: true });

    await page.click('#children tr[data-id="demo"]');
    await page.waitForFunction(() => document.querySelector('#crumbs strong')?.textContent === 'Demo District');
    const district = await apiReport('district', 'demo');
    expect(await shown('free-percent')).toBe(`${district.epidemicFree.percent}%`);
    expect(await shown('free-detail')).toBe(`${district.epidemicFree.free} of ${district.epidemicFree.grids} grids`);
    expect(await page.locator('#children tr').count()).toBe(district.children.length);
    await page.screenshot({ path: `${screenshots}district-laptop.png`, fullPage: true });

    await page.click('#children tr[data-id="s1"]');
    await page.waitForFunction(() => document.querySelectorAll('#crumbs strong')[0]?.textContent === 'Zhongshan Road');
    const street = await apiReport('street', 's1');
    expect(await shown('free-percent')).toBe(`${street.epidemicFree.percent}%`);
    expect(await page.locator('#children td:first-child').allTextContents()).toEqual(street.children.map((c) => c.name));

    await page.click('#children tr[data-id="c1"]');
    await page.waitForFunction(() => document.querySelector('#crumbs strong')?.textContent === 'Lotus Community');
    const community = await apiReport('community', 'c1');
    expect(await shown('free-percent')).toBe(`${community.epidemicFree.percent}%`);
    expect(await shown('late')).toContain('Grid 2');

    await page.click('#children tr[data-id="g1"]');
    await page.waitForFunction(() => document.querySelector('#crumbs strong')?.textContent === 'Grid 1');
    expect(await shown('free-percent')).toBe('100%');

    await page.click('#crumbs a[data-level="district"]');
    await page.waitForFunction(() => document.querySelector('#crumbs strong')?.textContent === 'Demo District');
  });

  it("drills into the other district through its own API", async () => {
    await page.click('#crumbs a[data-level="city"]');
    await page.waitForFunction(() => document.querySelector('#crumbs strong')?.textContent === 'Demo City');
    await page.click('#children tr[data-id="riverside"]');
    await page.waitForFunction(() => document.querySelector('#crumbs strong')?.textContent === 'Riverside District');

    const riverside = (await new FirstlineClient({ baseUrl: `${stack.url}/districts/riverside` }).withToken(await stack.client.localToken({ role: 'command', district: 'riverside', scopes: ['*'] }))
      .get<Report>(`/v1/reports/daily?level=district&id=riverside&date=${date}`)).body;
    expect(await shown('free-percent')).toBe(`${riverside.epidemicFree.percent}%`);
    expect(await shown('late')).toBe('All reported');
    await page.click('#children tr[data-id="s1"]');
    await page.waitForFunction(() => document.querySelector('#crumbs strong')?.textContent === 'Zhongshan Road');
    await page.click('#crumbs a[data-level="district"]');
    await page.waitForFunction(() => document.querySelector('#crumbs strong')?.textContent === 'Riverside District');
  });

  it('downloads the table as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);

    expect(download.suggestedFilename()).toBe(`firstline-district-riverside-${date}.csv`);
  });

  it('fits a command-center wall', async () => {
    await page.setViewportSize({ width: 2560, height: 1440 });
    await page.reload();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('final'));

    const cardsPerRow = await page.evaluate(() => {
      const tops = [...document.querySelectorAll('.card')].map((c) => c.getBoundingClientRect().top);
      return tops.filter((t) => t === tops[0]).length;
    });
    expect(cardsPerRow).toBe(5);
    await page.screenshot({ path: `${screenshots}city-wall.png` });
  });
});
