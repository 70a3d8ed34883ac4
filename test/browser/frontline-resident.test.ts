/// <reference lib="dom" />
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import decodeQR from 'qr/decode.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { launchChromium } from '../support/launch-chromium.ts';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained, poll } from '../support/pipeline.ts';
import { smallRegistry } from '../support/registry-fixture.ts';
import { fakeCamera, idNumber, phone, screenshotPath, signInLocally } from './support/frontline.ts';
import { screenshotFrame, writeY4m } from './support/y4m.ts';

interface Resident { personId: string; nameMasked: string }
interface Household { deliveries: { deliveryId: string; kind: string; priority: string; requestedAt: string; callNumber?: number; items: { name: string; quantity: number }[] }[] }

let stack: RunningStack;
let admin: FirstlineClient;
let person: Resident;
let callNumber: number;
const browsers: Browser[] = [];
let page: Page;

const claimsOf = (code: string) => JSON.parse(Buffer.from(code.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

/** The QR code on the resident's screen, as pixels a camera would see. */
async function screenQr(): Promise<PNG> {
  return PNG.sync.read(await page.locator('[data-testid=resident-qr]').screenshot());
}

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.as('admin');
  const registry = { ...smallRegistry, district: { ...smallRegistry.district, policy: { outings: { perHousehold: 1, everyDays: 3 } } } };
  expect((await admin.put('/v1/registry', registry)).status).toBe(200);
  const registered = await admin.post<Resident>('/v1/residents', { idNumber: idNumber(7), name: '李秀英', phone: '13900000007', buildingId: 'b1', householdId: 'b1-h7' });
  expect(registered.status).toBe(201);
  person = registered.body;
  const dispatcher = await stack.as('dispatcher');
  expect((await dispatcher.post('/v1/group-buys', {
    groupBuyId: 'gb-eggs', gridId: 'g1', item: '鸡蛋 30 枚', arrivedAt: new Date().toISOString(),
    households: [{ householdId: 'b1-h6', buildingId: 'b1', quantity: 1 }, { householdId: 'b1-h7', buildingId: 'b1', quantity: 1 }],
  })).status).toBe(202);
  await drained(stack);
  const household = await admin.get<Household>(`/v1/residents/${person.personId}/household`);
  callNumber = household.body.deliveries[0]!.callNumber!;
  const browser = await launchChromium();
  browsers.push(browser);
  ({ page } = await phone(browser));
}, 120_000);

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await stack?.stop();
});

describe('resident (我的通行码) in Chromium', () => {
  it('signs in as a seeded resident and shows the code with its colour, the outings left and the call number', async () => {
    await page.clock.install();
    await page.goto(`${stack.url}/app/#resident`);
    await page.click(`[data-person="${person.personId}"]`);
    await page.waitForSelector('[data-testid=resident-qr]:not([hidden])');
    await page.waitForSelector('[data-testid=deliveries] [data-delivery]');

    expect(await page.locator('.person').innerText()).toContain(person.nameMasked);
    expect(await page.locator('[data-testid=code-color]').innerText()).toBe('绿码');
    expect(await page.locator('[data-testid=outings]').innerText()).toBe('剩余 1 次（每 3 天 1 次）');
    expect(await page.locator('[data-testid=deliveries]').innerText()).toContain(`取货号 ${callNumber}`);
    expect(await page.locator('[data-testid=deliveries]').innerText()).toContain('鸡蛋 30 枚 × 1');
  });

  it('renews the code before it expires', async () => {
    const before = decodeQR(await screenQr());
    const expires = await page.locator('[data-testid=resident-qr]').getAttribute('data-expires');

    await page.clock.fastForward('04:01');
    await page.waitForFunction((previous) => document.querySelector<HTMLCanvasElement>('[data-testid=resident-qr]')?.dataset['expires'] !== previous, expires);
    const after = decodeQR(await screenQr());

    expect(claimsOf(after)['jti']).not.toBe(claimsOf(before)['jti']);
    expect(claimsOf(after)['sub']).toBe(person.personId);
  });

  it("shows a QR code that decodes to the resident's signed code, which a gate's camera reads and accepts", async () => {
    const shown = await screenQr();
    const code = decodeQR(shown);
    expect(claimsOf(code)).toMatchObject({ sub: person.personId, col: 'green', aud: 'firstline-code', iss: 'demo' });

    const video = join(await mkdtemp(join(tmpdir(), 'frontline-resident-')), 'screen.y4m');
    await writeY4m(video, [screenshotFrame(shown)], 1);
    const gateBrowser = await launchChromium({ args: fakeCamera(video) });
    browsers.push(gateBrowser);
    const gate = (await phone(gateBrowser)).page;
    await signInLocally(gate, `${stack.url}/app/`, 'gate', 'cp1');
    await gate.click('button[data-temp="36.2"]');
    const verdict = gate.locator('[data-testid=verdict]:not([hidden])');
    await verdict.waitFor();

    expect(await verdict.getAttribute('data-verdict')).toBe('allow');
    expect(await verdict.innerText()).toContain(person.nameMasked);
    await gateBrowser.close();
  });

  it('asks for urgent medicine for the household and sees it among its deliveries, dated by the server\'s clock', async () => {
    // This phone's clock runs 4 minutes ahead since the renewal test: the server refuses a time more
    // than 2 minutes ahead of its own, so the app dates the request by the server's clock (learnt
    // from its answers' Date header).
    expect(await page.evaluate(() => Date.now()) - Date.now()).toBeGreaterThan(3 * 60_000);
    await page.selectOption('#request-kind', 'medicine');
    await page.fill('#request-item', '胰岛素');
    await page.fill('#request-quantity', '2');
    await page.check('#request-urgent');
    await page.click('form.request button[type=submit]');
    await page.waitForSelector('[data-testid=request-status][data-i18n="resident.request.sent"]');
    await page.waitForSelector('[data-testid=deliveries] >> text=胰岛素 × 2');

    const household = await admin.get<Household>(`/v1/residents/${person.personId}/household`);
    const asked = household.body.deliveries.find((d) => d.items.some((i) => i.name === '胰岛素'));
    expect(asked).toMatchObject({ kind: 'medicine', priority: 'medical', items: [{ name: '胰岛素', quantity: 2 }] });
    expect(Math.abs(Date.parse(asked!.requestedAt) - Date.now())).toBeLessThan(60_000);
  });

  it('agrees to SMS notices only with the box ticked, reads its call number in the inbox, and withdraws', async () => {
    await page.fill('#contact-phone', '13600007777');
    await page.click('form.contact button[type=submit]');
    await page.waitForSelector('[data-testid=contact-status][data-i18n="resident.contact.consentNeeded"]');
    await page.check('#contact-consent');
    await page.click('form.contact button[type=submit]');
    await page.waitForSelector('[data-testid=contact-status][data-i18n="resident.contact.saved"]');
    expect(await page.locator('[data-testid=contact-agreed]').innerText()).toBe('已同意短信通知：136****7777');

    const dispatcher = await stack.as('dispatcher');
    expect((await dispatcher.post('/v1/group-buys/gb-eggs/calls', { gridId: 'g1', from: callNumber, to: callNumber, perMinute: 10, pickup: '北门' })).status).toBe(202);
    await poll(async () => (await stack.client.get<{ items: unknown[] }>(`/local/outbox?personId=${person.personId}`)).body.items, (items) => items.length === 1, 'the call number sent');
    await page.reload();
    await page.waitForSelector('[data-testid=inbox] [data-message]');
    expect(await page.locator('[data-testid=inbox]').innerText()).toContain(`团购第 ${callNumber} 号，请到北门取货（鸡蛋 30 枚）`);
    await page.screenshot({ path: screenshotPath('resident-inbox-zh-CN'), fullPage: true });

    await page.click('.contact-panel button.warn');
    await page.waitForSelector('[data-testid=contact-status][data-i18n="resident.contact.withdrawn"]');
    expect(await page.locator('[data-testid=contact-agreed]').innerText()).toMatch(/^未开通/);
    expect(await page.locator('form.contact').isVisible()).toBe(true);
  });

  it('asks for urgent medical help: the grid is told with a clock, and 120 is one tap away', async () => {
    expect(await page.locator('form.help a.call').getAttribute('href')).toBe('tel:120');
    await page.selectOption('#help-kind', 'labour');
    await page.click('form.help button[type=submit]');
    await page.waitForSelector('[data-testid=help-status][data-i18n="help.sent"]');
    expect(await page.locator('[data-testid=help-status]').innerText()).toMatch(/^已发出：网格员须在 .+ 前响应$/);

    const worker = await stack.as('grid-worker', ['g1']);
    const open = (await worker.get<{ items: { householdId: string; kind: string; openedBy: string; status: { stage: string; dueAt: string }; openedAt: string }[] }>('/v1/urgent-requests?gridId=g1')).body.items;
    const mine = open.filter((r) => r.householdId === 'b1-h7');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'labour', status: { stage: 'waiting-acknowledgement' } });
    // Labour: a grid worker must answer within 5 minutes of the server's opening, whatever this phone's clock says.
    expect(Date.parse(mine[0]!.status.dueAt) - Date.parse(mine[0]!.openedAt)).toBe(5 * 60_000);

    // Offline, the app says so and points to 120 rather than pretending it sent anything.
    await page.context().setOffline(true);
    await page.click('form.help button[type=submit]');
    await page.waitForSelector('[data-testid=help-status][data-i18n="help.offline"]');
    await page.context().setOffline(false);
    expect((await worker.get<{ items: { householdId: string }[] }>('/v1/urgent-requests?gridId=g1')).body.items.filter((r) => r.householdId === 'b1-h7')).toHaveLength(1);
  });
});
