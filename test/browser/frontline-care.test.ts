/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { launchChromium } from '../support/launch-chromium.ts';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { smallRegistry } from '../support/registry-fixture.ts';
import { phone, screenshotPath, signInLocally, today } from './support/frontline.ts';

interface Urgent { requestId: string }
interface Household { householdId: string; visitDue: boolean; lastVisit?: { kind: string; found: string; by: string } }

/**
 * 关爱帮扶 on a grid worker's phone (issue 16 §2–3), in headless Chromium as the worker uses it: the
 * grid's urgent requests, the one past its clock marked with how far it was raised, answered and
 * arranged with taps; the vulnerable households, those due a visit first, each visit recorded in
 * one tap (with the worker's name) and taken off the due list.
 */
let stack: RunningStack;
let worker: FirstlineClient;
let browser: Browser;
let page: Page;

const urgentCard = (id: string) => page.locator(`[data-testid=care-urgent] [data-request="${id}"]`);
const householdCard = (id: string) => page.locator(`[data-testid=care-households] [data-household="${id}"]`);

beforeAll(async () => {
  stack = await startStack();
  expect((await (await stack.as('admin')).put('/v1/registry', smallRegistry)).status).toBe(200);
  worker = await stack.as('grid-worker', ['g1']);
  const neededAt = new Date().toISOString();
  for (const [requestId, householdId, kind] of [['u-labour', 'b1-h1', 'labour'], ['u-dialysis', 'b1-h2', 'dialysis']]) {
    expect((await worker.post('/v1/urgent-requests', { requestId, householdId, buildingId: 'b1', kind, neededAt })).status).toBe(201);
  }
  // Another grid's request never shows on this grid's phone.
  expect((await (await stack.as('grid-worker', ['g2'])).post('/v1/urgent-requests', { requestId: 'u-other', householdId: 'b2-h1', buildingId: 'b2', kind: 'other', neededAt })).status).toBe(201);
  // The watch, as it would run 12 minutes on: the labour request's clock (5 minutes) ran out.
  expect((await stack.client.post<{ escalated: number }>('/local/schedules/watch-urgent-requests', { time: new Date(Date.now() + 12 * 60_000).toISOString() })).body.escalated).toBe(1);
  for (const [householdId, needs] of [['b1-h3', ['elderly-alone']], ['b1-h4', ['dialysis']]] as const) {
    expect((await worker.put(`/v1/households/${householdId}/needs`, { buildingId: 'b1', needs })).status).toBe(200);
  }
  expect((await worker.post('/v1/households/b1-h4/visits', { at: new Date().toISOString(), kind: 'visit', found: 'well' })).status).toBe(200);
  browser = await launchChromium();
  ({ page } = await phone(browser));
  await signInLocally(page, `${stack.url}/app/`, 'care', 'g1');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('care (关爱帮扶) in Chromium', () => {
  it("lists the grid's urgent requests, the escalated one marked, and answers and arranges one, saying how", async () => {
    await urgentCard('u-labour').waitFor();
    expect(await page.locator('[data-testid=care-urgent] [data-request]').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset['request']))).toEqual(['u-labour', 'u-dialysis']);
    expect(await urgentCard('u-labour').getAttribute('data-escalation')).not.toBe('none');
    expect(await urgentCard('u-labour').innerText()).toMatch(/临产[\s\S]*已上报(社区|街道)/);
    await page.screenshot({ path: screenshotPath('care-zh-CN') });

    await urgentCard('u-dialysis').locator('[data-step=acknowledged]').click();
    await page.waitForSelector('[data-request="u-dialysis"][data-stage="waiting-arrangement"]');
    await urgentCard('u-dialysis').locator('[data-step=arranged]').click();
    // Arranging says how: an empty answer is not sent.
    await urgentCard('u-dialysis').locator('form.arrange button[type=submit]').click();
    expect(await urgentCard('u-dialysis').getAttribute('data-stage')).toBe('waiting-arrangement');
    await urgentCard('u-dialysis').locator('form.arrange input').fill('志愿者车送市第一医院');
    await urgentCard('u-dialysis').locator('form.arrange button[type=submit]').click();
    await urgentCard('u-dialysis').waitFor({ state: 'detached' });

    const listed = (await worker.get<{ items: Urgent[] }>('/v1/urgent-requests?gridId=g1')).body.items.map((i) => i.requestId);
    expect(listed).toEqual(['u-labour']);
    const care = await (await stack.as('command')).get<{ urgent: { acknowledged: number; arranged: number } }>(`/v1/reports/care?level=grid&id=g1&date=${today()}`);
    expect(care.body.urgent).toMatchObject({ acknowledged: 1, arranged: 1 });
  });

  it('lists the vulnerable households due a visit first, and records a call in one tap that takes it off the due list', async () => {
    await householdCard('b1-h3').waitFor();
    expect(await page.locator('[data-testid=care-households] [data-household]').evaluateAll((cards) => cards.map((c) => [(c as HTMLElement).dataset['household'], (c as HTMLElement).dataset['due']]))).toEqual([
      ['b1-h3', 'true'], ['b1-h4', 'false'],
    ]);
    expect(await householdCard('b1-h3').innerText()).toContain('独居老人');
    expect(await householdCard('b1-h4').innerText()).toMatch(/血透[\s\S]*上次走访：.+，正常/);

    await page.click('[data-kind=call]');
    await householdCard('b1-h3').locator('[data-found=well]').click();
    await page.waitForSelector('[data-household="b1-h3"][data-due="false"]');
    await page.screenshot({ path: screenshotPath('care-visited-zh-CN') });

    const households = (await worker.get<{ items: Household[] }>('/v1/households/needs?gridId=g1')).body.items;
    expect(households.find((h) => h.householdId === 'b1-h3')).toMatchObject({ visitDue: false, lastVisit: { kind: 'call', found: 'well', by: 'grid-worker:g1' } });
  });

  it('says so when the network is gone, and loses nothing it had on screen', async () => {
    await page.context().setOffline(true);
    await householdCard('b1-h4').locator('[data-found=not-reached]').click();
    await page.waitForSelector('[data-testid=care-status][data-i18n="common.network"]');
    expect(await householdCard('b1-h4').count()).toBe(1);
    await page.context().setOffline(false);
    expect((await worker.get<{ items: Household[] }>('/v1/households/needs?gridId=g1')).body.items.find((h) => h.householdId === 'b1-h4')?.lastVisit?.found).toBe('well');
  });
});
