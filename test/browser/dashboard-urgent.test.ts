/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/launch-chromium.ts';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { smallRegistry } from '../support/registry-fixture.ts';
import { seriousViolations } from './support/axe.ts';
import { dashboardScreenshots, signedInDashboard } from './support/dashboard.ts';
import en from '../../packages/dashboard/locales/en.json' with { type: 'json' };
import zhCN from '../../packages/dashboard/locales/zh-CN.json' with { type: 'json' };

type Lang = 'zh-CN' | 'en';
const catalogues = { 'zh-CN': zhCN, en } as const;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now());

/**
 * A missed clock in the command center (issue 16, §2), in headless Chromium and both languages: a
 * labour request nobody acknowledged is escalated by the watch and stands first in the district's
 * work section, saying how far it went; one arranged leaves it. The care card counts the day.
 */
let stack: RunningStack;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startStack();
  expect((await (await stack.as('admin')).put('/v1/registry', smallRegistry)).status).toBe(200);
  const worker = await stack.as('grid-worker', ['g1', 'g2']);
  const neededAt = new Date().toISOString();
  for (const [requestId, householdId, buildingId, kind] of [['u-labour', 'b1-h1', 'b1', 'labour'], ['u-dialysis', 'b2-h1', 'b2', 'dialysis'], ['u-done', 'b2-h2', 'b2', 'other']]) {
    const opened = await worker.post<{ openedAt: string }>('/v1/urgent-requests', { requestId, householdId, buildingId, kind, neededAt });
    expect(opened.status).toBe(201);
  }
  expect((await worker.post('/v1/urgent-requests/u-done/steps', { step: 'arranged', how: 'a volunteer driver' })).status).toBe(200);
  // The watch, as it would run 12 minutes on: the labour request's clock (5 minutes) ran out twice over.
  const watched = await stack.client.post<{ escalated: number }>('/local/schedules/watch-urgent-requests', { time: new Date(Date.now() + 12 * 60_000).toISOString() });
  expect(watched.body.escalated).toBe(1);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function districtView(lang: Lang): Promise<Page> {
  const token = await stack.client.localToken({ role: 'command', district: 'demo', scopes: ['*'] });
  const page = await signedInDashboard(browser, `${stack.url}/?date=${today}`, token, lang);
  await page.waitForSelector('#urgent li');
  return page;
}

describe('urgent medical needs in the command center', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`lists the open requests, the escalated one marked with how far it went, none arranged (${lang})`, async () => {
      const m = catalogues[lang];
      const page = await districtView(lang);
      expect(await page.locator('#urgent-title').textContent()).toBe(m['urgent.title']);
      const items = page.locator('#urgent li');
      expect(await items.evaluateAll((lis) => lis.map((li) => [(li as HTMLElement).dataset['id'], (li as HTMLElement).dataset['escalation']]))).toEqual([
        ['u-labour', 'street'], ['u-dialysis', 'none'],
      ]);
      const labour = await items.first().innerText();
      expect(labour).toContain(m['urgent.kind.labour']);
      expect(labour).toContain(m['urgent.escalation.street']);
      expect(labour).toContain('Grid 1');
      expect(await items.first().getAttribute('class')).toContain('overdue');
      expect(await items.nth(1).innerText()).toContain(m['urgent.escalation.none']);
      // The care card says the day's figures as the care report answers them, and what waits now.
      const care = (await (await stack.as('command')).get<{ urgent: Record<string, number>; visits: { done: number }; now: Record<string, number> }>(`/v1/reports/care?level=district&id=demo&date=${today}`)).body;
      const fill = (template: string, values: Record<string, number | string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));
      expect(await page.locator('#care-total').textContent()).toBe('3');
      const medians = { ack: care.urgent['medianMinutesToAcknowledge'] ?? '–', arrange: care.urgent['medianMinutesToArrange'] ?? '–' };
      expect(await page.locator('#care-detail').textContent()).toBe(fill(m['card.care.detail'], { ...care.urgent, ...medians, visits: care.visits.done }));
      expect(await page.locator('#care-now').textContent()).toBe(fill(m['card.care.now'], { open: care.now['openUrgent']!, overdue: care.now['overdueUrgent']!, due: care.now['visitsDue']! }));
      expect(care.now['openUrgent']).toBe(2);
      await page.locator('.cards').screenshot({ path: `${dashboardScreenshots}care-${lang}.png` });
      await page.locator('#work-section').screenshot({ path: `${dashboardScreenshots}urgent-${lang}.png` });
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.evaluate(() => [...((globalThis as { __dashboardMissingKeys?: Set<string> }).__dashboardMissingKeys ?? [])])).toEqual([]);
      await page.context().close();
    });
  }
});
