/// <reference lib="dom" />
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { provinceFirstPolicy } from '@firstline/domain/health-codes/index';
import { launchChromium } from '../support/launch-chromium.ts';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained } from '../support/pipeline.ts';
import { smallRegistry } from '../support/registry-fixture.ts';
import { fakeCamera, idNumber, phone, screenshotPath, signInLocally } from './support/frontline.ts';
import { qrFrame, writeY4m } from './support/y4m.ts';

/**
 * The code residents already carry, at a gate phone in Chromium with a fake camera: the province's
 * health code (pnpm dev's emulated province beside the stack), read off the camera and answered by
 * the server; with the province down, still answered at once, and the keeper is told the answer
 * was made without the province.
 */
let stack: RunningStack;
let admin: FirstlineClient;
const browsers: Browser[] = [];

beforeAll(async () => {
  stack = await startStack({ province: true });
  admin = await stack.as('admin');
  const district = { ...smallRegistry.district, policy: { healthCodes: provinceFirstPolicy } };
  expect((await admin.put('/v1/registry', { ...smallRegistry, district })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await fetch(`${stack.url}/local/province/control`, { method: 'PUT', body: JSON.stringify({ down: false }) });
  await stack?.stop();
});

/** A resident registered here (which links their ID-number digest) and the code the province's mini-program shows them. */
async function provincialCode(serial: number): Promise<{ nameMasked: string; code: string }> {
  const id = idNumber(serial);
  const registered = await admin.post<{ nameMasked: string }>('/v1/residents', { idNumber: id, name: '周省码', phone: '13900000888', buildingId: 'b1', householdId: `b1-p${serial}` });
  expect(registered.status).toBe(201);
  const issued = await fetch(`${stack.url}/province/mini-program/v1/codes`, { method: 'POST', body: JSON.stringify({ idNumber: id }) });
  expect(issued.status).toBe(200);
  return { nameMasked: registered.body.nameMasked, code: ((await issued.json()) as { code: string }).code };
}

async function gateSeeing(code: string): Promise<Page> {
  const file = join(await mkdtemp(join(tmpdir(), 'frontline-province-')), 'code.y4m');
  await writeY4m(file, [qrFrame(code)], 1);
  const browser = await launchChromium({ args: fakeCamera(file) });
  browsers.push(browser);
  const { page } = await phone(browser);
  await signInLocally(page, `${stack.url}/app/`, 'gate', 'cp1');
  await page.waitForSelector('.gate[data-camera=on]');
  return page;
}

async function shownVerdict(page: Page) {
  await page.click('button[data-temp="36.4"]');
  const overlay = page.locator('[data-testid=verdict]:not([hidden])');
  await overlay.waitFor();
  return { verdict: await overlay.getAttribute('data-verdict'), provincial: await page.locator('[data-testid=verdict-provincial]').isVisible(), text: await overlay.innerText() };
}

describe('the provincial health code at a gate phone', () => {
  it('lets a registered resident in on the code the province issued, by name', async () => {
    const person = await provincialCode(801);
    const shown = await shownVerdict(await gateSeeing(person.code));
    expect(shown).toMatchObject({ verdict: 'allow', provincial: false });
    expect(shown.text).toContain(person.nameMasked);
  });

  it('with the province down, still answers at once and says it judged without the province', async () => {
    const person = await provincialCode(802);
    expect((await fetch(`${stack.url}/local/province/control`, { method: 'PUT', body: JSON.stringify({ down: true }) })).status).toBe(200);
    const page = await gateSeeing(person.code);
    const shown = await shownVerdict(page);
    expect(shown).toMatchObject({ verdict: 'allow', provincial: true });
    expect(shown.text).toContain('省健康码系统未响应');
    await page.screenshot({ path: screenshotPath('gate-provincial-zh-CN') });
  });

  it("counts the verdicts given without the province apart, in the command center's scans card", async () => {
    const browser = await launchChromium();
    browsers.push(browser);
    const token = await stack.client.localToken({ role: 'command', district: 'demo', scopes: ['*'] });
    const context = await browser.newContext({ locale: 'zh-CN' });
    await context.addInitScript((t) => sessionStorage.setItem('firstline-token', t), token);
    const page = await context.newPage();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now());
    // The gate's scan counted live (queued, packed, folded) before the command center reads the day.
    await drained(stack);
    await page.goto(`${stack.url}/?date=${today}`);
    await page.waitForFunction(() => /省码临时判定 \d/.test(document.querySelector('#scans-detail')?.textContent ?? ''));
    const report = await admin.get<{ scans: { provisional: number } }>(`/v1/reports/daily?level=district&id=demo&date=${today}`);
    expect(report.body.scans.provisional).toBe(1);
    expect(await page.locator('#scans-detail').innerText()).toContain('省码临时判定 1');
  });
});
