/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { launchChromium } from '../support/launch-chromium.ts';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { smallRegistry } from '../support/registry-fixture.ts';
import { seriousViolations } from './support/axe.ts';
import { dashboardScreenshots, signedInDashboard } from './support/dashboard.ts';
import { idNumber } from './support/frontline.ts';
import en from '../../packages/dashboard/locales/en.json' with { type: 'json' };
import zhCN from '../../packages/dashboard/locales/zh-CN.json' with { type: 'json' };

type Lang = 'zh-CN' | 'en';
const catalogues = { 'zh-CN': zhCN, en } as const;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now());

/**
 * The district view's work lists (issue 15, §3) in headless Chromium, in both languages: a grid
 * worker of the district office sees the fevers at the gates to follow up, the open case and the
 * grids not reported; marking a fever followed up (已随访) or turned into a case (转为病例) takes it
 * off the list, for good (a reload does not bring it back).
 */
const registry = {
  district: { id: 'demo', name: '江岸区', timeZone: 'Asia/Shanghai', policy: { reportingDeadline: '00:00' } },
  streets: [{ id: 's1', name: '中山路街道' }],
  communities: [{ id: 'c1', name: '莲花社区', streetId: 's1' }, { id: 'c2', name: '枫林社区', streetId: 's1' }],
  grids: [{ id: 'g1', name: '第一网格', communityId: 'c1' }, { id: 'g2', name: '第二网格', communityId: 'c1' }, { id: 'g3', name: '第三网格', communityId: 'c2' }],
  buildings: smallRegistry.buildings,
  checkpoints: smallRegistry.checkpoints,
};

let stack: RunningStack;
let browser: Browser;
let workerToken: string;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startStack();
  expect((await (await stack.as('admin')).put('/v1/registry', registry)).status).toBe(200);
  const worker: FirstlineClient = await stack.as('grid-worker');
  const person = await worker.post<{ personId: string }>('/v1/residents', { idNumber: idNumber(41), name: '李小四', phone: '13900000041', buildingId: 'b1', householdId: 'b1-h1' });
  expect(person.status).toBe(201);
  expect((await worker.post('/v1/cases', { caseId: 'bw-case', personId: person.body.personId, category: 'close-contact', reportedAt: new Date().toISOString(), quarantine: 'home' })).status).toBe(201);
  expect((await worker.post('/v1/grid-logs', {
    logId: 'bw-log', gridId: 'g2', date: today, householdsVisited: 4, residentsScreened: 9, disinfectionRounds: 2, masksDistributed: 20, keyPersonsFound: 0,
  })).status).toBe(201);
  const scans = ['bw-zh', 'bw-en'].map((scanId, i) => ({
    scanId, checkpointId: 'cp1', idNumber: idNumber(41), direction: 'in', temperatureC: 38.2 + i, scannedAt: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
  }));
  expect((await (await stack.as('scanner')).post('/v1/scans', { scans })).status).toBe(200);
  for (const deadline = Date.now() + 30_000; ;) {
    const list = await worker.get<{ items: unknown[] }>('/v1/work-lists/fever-scans');
    if (list.body.items.length === 2) break;
    if (Date.now() > deadline) throw new Error('the fevers never reached the work list');
    await new Promise((r) => setTimeout(r, 200));
  }
  workerToken = await stack.client.localToken({ role: 'grid-worker', district: 'demo', scopes: ['*'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A browser in `lang`, signed in as the district office's grid worker, on today's district view. */
async function districtView(lang: Lang): Promise<Page> {
  const page = await signedInDashboard(browser, `${stack.url}/?date=${today}`, workerToken, lang);
  await page.waitForSelector('#work-lists [data-list="fever-scans"] li');
  return page;
}

const items = (page: Page, list: string) => page.locator(`#work-lists [data-list="${list}"] li`).allInnerTexts();

describe('the work lists in the district view', () => {
  for (const [lang, scanId, outcome] of [['zh-CN', 'bw-zh', 'followed-up'], ['en', 'bw-en', 'case']] as const) {
    it(`shows who has to act, masked, and a followed-up fever disappears (${lang})`, async () => {
      const words = catalogues[lang];
      const page = await districtView(lang);
      expect(await page.locator('#work-title').textContent()).toBe(words['work.title']);
      expect(await page.locator('#work-lists h3').allTextContents()).toEqual([
        words['work.fever.title'], words['work.open.title'], words['work.unreported.title'], words['work.ending.title'],
      ]);
      const fevers = await items(page, 'fever-scans');
      expect(fevers.length).toBeGreaterThanOrEqual(1);
      await page.locator('#work-section').screenshot({ path: `${dashboardScreenshots}work-lists-${lang}.png` });
      for (const text of fevers) expect(text).toContain('李**');
      const open = await items(page, 'open-cases');
      expect(open).toHaveLength(1);
      expect(open[0]).toContain(words['work.category.close-contact']);
      expect(open[0]).toContain(words['work.quarantine.home']);
      expect(await items(page, 'unreported-grids')).toEqual([
        words['work.unreported.item'].replace('{grid}', '第一网格').replace('{community}', '莲花社区'),
        words['work.unreported.item'].replace('{grid}', '第三网格').replace('{community}', '枫林社区'),
      ]);
      expect(await page.locator('body').innerText()).not.toContain('李小四');

      const item = page.locator(`#work-lists [data-list="fever-scans"] li[data-id="${scanId}"]`);
      await item.locator(`button[data-outcome="${outcome}"]`).click();
      await item.waitFor({ state: 'detached' });
      await page.reload();
      await page.waitForSelector('#work-lists [data-list="open-cases"] li');
      expect(await page.locator(`#work-lists [data-list="fever-scans"] li[data-id="${scanId}"]`).count()).toBe(0);

      const missing = await page.evaluate(() => [...((globalThis as { __dashboardMissingKeys?: Set<string> }).__dashboardMissingKeys ?? [])]);
      expect(missing).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    }, 60_000);
  }
});
