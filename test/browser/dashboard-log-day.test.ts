/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@firstline/domain';
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
/** Past the 72 h backlog window, so locked; inside the 28-day retention, so an admin may reopen it. */
const lockedDay = addDays(today, -10);

/**
 * Reporting discipline in the dashboard (issue 15, §4), in headless Chromium and both languages: a
 * grid's day past the backlog window reads as locked; the command center cannot reopen it; an admin
 * reopens it with a reason, which is kept beside it and shown with who and until when.
 */
let stack: RunningStack;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startStack();
  expect((await (await stack.as('admin')).put('/v1/registry', smallRegistry)).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A browser in `lang` signed in with a `role` token, on grid `gridId`'s report of `date` (opened from the map). */
async function gridView(lang: Lang, role: 'admin' | 'command', gridId: string, date: string): Promise<Page> {
  const token = await stack.client.localToken({ role, district: 'demo', scopes: ['*'] });
  const page = await signedInDashboard(browser, `${stack.url}/?date=${date}`, token, lang);
  await page.locator(`#map [data-id="${gridId}"]`).click();
  await page.waitForSelector('#log-day-section:not([hidden]) #log-day p');
  return page;
}

const panel = (page: Page) => page.locator('#log-day').innerText();

describe("a grid's locked day and its reopening", () => {
  for (const [lang, gridId] of [['zh-CN', 'g1'], ['en', 'g2']] as const) {
    it(`shows the lock, and an admin reopens the day with a reason kept beside it (${lang})`, async () => {
      const m = catalogues[lang];
      const command = await gridView(lang, 'command', gridId, lockedDay);
      expect(await panel(command)).toContain(m['logDay.locked']);
      expect(await command.locator('#log-day form').count()).toBe(0);
      await command.context().close();

      const admin = await gridView(lang, 'admin', gridId, lockedDay);
      expect(await panel(admin)).toContain(m['logDay.locked']);
      const button = admin.getByRole('button', { name: m['logDay.reopen'] });
      // No reason, no reopening: the form asks for one first.
      await button.click();
      expect(await admin.locator('#log-day input[name="reason"]').evaluate((i: HTMLInputElement) => i.validity.valueMissing)).toBe(true);
      await admin.getByLabel(m['logDay.reason']).fill('找到了纸质日志 the paper log was found');
      await button.click();
      await admin.waitForFunction((open) => document.querySelector('#log-day')?.textContent?.includes(open), m['logDay.open']);
      expect(await panel(admin)).toContain('找到了纸质日志 the paper log was found');
      await admin.locator('#log-day-section').screenshot({ path: `${dashboardScreenshots}log-day-${lang}.png` });
      expect(await admin.locator('#log-day form').count()).toBe(0);
      expect(await seriousViolations(admin)).toEqual([]);
      expect(await admin.evaluate(() => [...((globalThis as { __dashboardMissingKeys?: Set<string> }).__dashboardMissingKeys ?? [])])).toEqual([]);
      await admin.context().close();

      // The reopening is the district's: the API says the same to anyone of it who asks.
      const report = await (await stack.as('command')).get<{ logDay: { locked: boolean; reopening: { reason: string; by: string } } }>(`/v1/reports/daily?level=grid&id=${gridId}&date=${lockedDay}`);
      expect(report.body.logDay).toMatchObject({ locked: false, reopening: { reason: '找到了纸质日志 the paper log was found' } });
    });
  }

  it("says a recent day's logs are still taken, with no way to reopen what is open", async () => {
    const admin = await gridView('zh-CN', 'admin', 'g3', addDays(today, -1));
    expect(await panel(admin)).toContain(zhCN['logDay.open']);
    expect(await admin.locator('#log-day form').count()).toBe(0);
    await admin.context().close();
  });
});
