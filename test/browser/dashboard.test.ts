/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { smallRegistry } from '../support/registry-fixture.ts';

const date = '2020-03-12';
/** Screenshots of each run, for a person to look at (ignored by git). */
const screenshots = fileURLToPath(new URL('../../.bench/', import.meta.url));
const executablePath = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((p) => p && existsSync(p));

interface Report {
  name: string;
  epidemicFree: { percent: number; free: number; grids: number };
  scans: { in: number; out: number };
  children: { id: string; name: string; epidemicFree: { percent: number } }[];
}

let stack: RunningStack;
let command: FirstlineClient;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!executablePath) throw new Error('no Chromium: install Debian\'s chromium-headless-shell (.ci/run does)');
  mkdirSync(screenshots, { recursive: true });
  stack = await startStack();
  const admin = await stack.as('admin');
  expect((await admin.put('/v1/registry', { ...smallRegistry, district: { ...smallRegistry.district, policy: { epidemicFreeDays: 1 } } })).status).toBe(200);
  const worker = await stack.as('grid-worker', ['*']);
  for (const gridId of ['g1', 'g3']) {
    await worker.post('/v1/grid-logs', { logId: `l-${gridId}`, gridId, date, householdsVisited: 12, residentsScreened: 30, disinfectionRounds: 2, masksDistributed: 40, keyPersonsFound: 0 });
  }
  expect((await admin.post('/v1/admin/close-day', { date })).status).toBe(200);
  command = await stack.as('command');
  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
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
  it('signs in, shows the district as the API reports it, and drills down to a grid', async () => {
    await page.goto(`${stack.url}/?date=${date}`);
    await page.click('#local-signin');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('final'));

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

  it('downloads the table as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);

    expect(download.suggestedFilename()).toBe(`firstline-district-demo-${date}.csv`);
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
    await page.screenshot({ path: `${screenshots}district-wall.png` });
  });
});
