/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { launchChromium } from '../support/launch-chromium.ts';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained } from '../support/pipeline.ts';
import { smallRegistry } from '../support/registry-fixture.ts';
import { phone, signInLocally } from './support/frontline.ts';

interface Delivery { status: string; volunteerId?: string; history: { status: string; by?: string }[] }

let stack: RunningStack;
let dispatcher: FirstlineClient;
let browser: Browser;
let page: Page;

async function request(deliveryId: string, householdId: string, item: string, priority = 'normal'): Promise<void> {
  const res = await dispatcher.post('/v1/deliveries', {
    deliveryId, householdId, buildingId: 'b1', kind: 'groceries', priority, items: [{ name: item, quantity: 2 }], requestedAt: new Date().toISOString(),
  });
  expect(res.status).toBe(202);
}

async function delivery(deliveryId: string): Promise<Delivery> {
  return (await dispatcher.get<Delivery>(`/v1/deliveries/${deliveryId}`)).body;
}

const card = (deliveryId: string) => page.locator(`[data-testid=tasks] [data-delivery="${deliveryId}"]`);

beforeAll(async () => {
  stack = await startStack();
  const admin = await stack.as('admin');
  expect((await admin.put('/v1/registry', smallRegistry)).status).toBe(200);
  dispatcher = await stack.as('dispatcher');
  expect((await dispatcher.put('/v1/volunteers/v1', { name: '林芳', phone: '13900000001', roles: ['delivery'], gridIds: ['g1'], onDuty: true, capacity: 3 })).status).toBe(200);
  await request('d1', 'b1-h1', '大米 5 kg');
  await drained(stack);
  expect((await delivery('d1')).volunteerId).toBe('v1');
  browser = await launchChromium();
  ({ page } = await phone(browser));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('volunteer (配送任务) in Chromium', () => {
  it('lists the task with building, household and status, and delivers it end to end with one tap per step', async () => {
    await signInLocally(page, `${stack.url}/app/`, 'volunteer', 'v1');
    await card('d1').waitFor();

    expect(await card('d1').innerText()).toMatch(/b1[\s\S]*h1[\s\S]*大米 5 kg × 2/);
    expect(await card('d1').getAttribute('data-status')).toBe('assigned');
    expect(await page.locator('[data-testid=changes]').innerText()).toContain('首次查看');

    await card('d1').locator('[data-action=picked-up]').click();
    await page.waitForSelector('[data-delivery="d1"][data-status="picked-up"]');
    expect((await delivery('d1')).status).toBe('picked-up');

    await card('d1').locator('[data-action=delivered]').click();
    await card('d1').waitFor({ state: 'detached' });
    const done = await delivery('d1');
    expect(done.status).toBe('delivered');
    expect(done.history.map((h) => h.status)).toEqual(['queued', 'assigned', 'picked-up', 'delivered']);
  });

  it('shows what changed since the last look: a new task, marked new', async () => {
    await request('d2', 'b1-h2', '青菜', 'medical');
    await drained(stack);

    await page.click('.list-head button');
    await card('d2').waitFor();

    expect(await page.locator('[data-testid=changes]').innerText()).toContain('新任务 1');
    expect(await card('d2').locator('.badge.new').innerText()).toBe('新');
    expect(await card('d2').innerText()).toContain('医疗优先');
  });

  it('reports a failure with its reason in one tap on the reason', async () => {
    await card('d2').locator('[data-action=failed]').click();
    await card('d2').locator('[data-reason=not-home]').click();
    await page.waitForFunction(() => document.querySelector('[data-delivery="d2"] [data-reason]') === null);

    const history = (await delivery('d2')).history.map((h) => h.status);
    expect(history).toContain('failed');
  });

  it('goes off duty, and the dispatcher then gives it nothing new', async () => {
    await page.click('button[data-duty=false]');
    await page.waitForSelector('button[data-duty=false][aria-pressed=true]');
    await drained(stack);
    await request('d3', 'b1-h3', '牛奶');
    await drained(stack);

    expect((await delivery('d3')).status).toBe('queued');
    await page.reload();
    await page.waitForSelector('button[data-duty=false][aria-pressed=true]');
  });
});
