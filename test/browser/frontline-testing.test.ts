/// <reference lib="dom" />
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { launchChromium } from '../support/launch-chromium.ts';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained, poll } from '../support/pipeline.ts';
import { smallRegistry } from '../support/registry-fixture.ts';
import { fakeCamera, idNumber, phone, screenshotPath, signInLocally, today } from './support/frontline.ts';
import { blankFrame, qrFrame, writeY4m } from './support/y4m.ts';

interface Resident { personId: string; nameMasked: string; idNumber: string }
interface Round { roundId: string; kind: string; day: string; place: string; slots: { from: string; to: string; buildingIds: string[] }[]; households: number }
interface RoundList { rounds: { round: Round; expected: number; tested: number }[]; communityId: string }
interface Progress {
  tested: number;
  expected: number;
  results: { negative: number; positive: number; invalid: number; pending: number };
  buildings: { buildingId: string; tested: number; missing: { personId: string }[]; missingCount: number; results: { negative: number; positive: number; invalid: number; pending: number }; pending: { personId: string }[] }[];
}

/**
 * Testing rounds on the front-line phones (核酸/抗原 by building), in headless Chromium as people
 * use them: a grid worker plans a round in batches and slots and sees who has not come down; the
 * sampling point's phone samples by camera (a code, a tube's barcode), by ID number and offline;
 * the grid worker enters an antigen round's results by hand (the gate may not); a resident reports
 * an antigen self-test. Every outcome is checked through the API.
 */
let stack: RunningStack;
let admin: FirstlineClient;
let worker: FirstlineClient;
let appUrl: string;
let videos: string;
const browsers: Browser[] = [];
let serial = 500;
let pcr: Round;

/** Grid g1 has three buildings here, so a round of it comes down in two batches of two and one. */
const registry = {
  ...smallRegistry,
  buildings: [...smallRegistry.buildings, { id: 'b4', name: 'Building 4', gridId: 'g1' }, { id: 'b5', name: 'Building 5', gridId: 'g1' }],
};
const people: Record<string, Resident> = {};

async function resident(key: string, buildingId: string, householdId: string, name: string): Promise<Resident> {
  const id = idNumber(++serial, '19700214');
  const res = await admin.post<Resident>('/v1/residents', { idNumber: id, name, phone: `139000${String(serial).padStart(5, '0')}`, buildingId, householdId });
  expect(res.status).toBe(201);
  people[key] = { ...res.body, idNumber: id };
  return people[key]!;
}

async function codeOf(personId: string): Promise<string> {
  const res = await admin.get<{ code: string }>(`/v1/residents/${personId}/code`);
  expect(res.status).toBe(200);
  return res.body.code;
}

async function progress(roundId: string): Promise<Progress> {
  const res = await worker.get<Progress>(`/v1/test-rounds/${roundId}?gridId=g1`);
  expect(res.status).toBe(200);
  return res.body;
}

const missingIds = (p: Progress) => p.buildings.flatMap((b) => b.missing.map((m) => m.personId));
const pendingIds = (p: Progress) => p.buildings.flatMap((b) => b.pending.map((m) => m.personId));

async function browserWith(args: string[] = []): Promise<Browser> {
  const browser = await launchChromium({ args });
  browsers.push(browser);
  return browser;
}

/** A browser whose camera sees `frames`, looping. */
async function cameraSeeing(name: string, frames: Parameters<typeof writeY4m>[1], fps = 2): Promise<Browser> {
  const file = join(videos, `${name}.y4m`);
  await writeY4m(file, frames, fps);
  return browserWith(fakeCamera(file));
}

/** A sampling point's phone at cp1, switched to 核酸采样. */
async function samplingPhone(browser: Browser, before?: (context: BrowserContext) => Promise<void>): Promise<Page> {
  const { context, page } = await phone(browser);
  await before?.(context);
  await signInLocally(page, appUrl, 'gate', 'cp1');
  await page.waitForSelector('.gate[data-camera]');
  await page.click('button[data-purpose=sample]');
  await page.waitForSelector('[data-testid=sample-rounds] [data-round]');
  return page;
}

/** A resident's phone signed in as `person` (the local sign-in lists only a few residents to pick from). */
async function residentPhone(person: Resident): Promise<Page> {
  const { page } = await phone(await browserWith());
  const token = await stack.client.localToken({ role: 'resident', district: 'demo', scopes: [person.personId] });
  await page.goto(appUrl);
  await page.evaluate((session) => localStorage.setItem('fl-session:resident@/', JSON.stringify(session)), { token, subject: person.personId });
  await page.goto(`${appUrl}#resident`);
  await page.waitForSelector('body[data-mode=resident] .resident');
  return page;
}

async function answer(page: Page): Promise<{ outcome: string; text: string }> {
  const overlay = page.locator('[data-testid=sample-answer]:not([hidden])');
  await overlay.waitFor();
  return { outcome: (await overlay.getAttribute('data-outcome'))!, text: await overlay.innerText() };
}

async function next(page: Page): Promise<void> {
  await page.click('[data-testid=sample-answer] .next');
  await page.locator('[data-testid=sample-answer]').waitFor({ state: 'hidden' });
}

async function sampleById(page: Page, person: Resident): Promise<{ outcome: string; text: string }> {
  await page.fill('#id-number', person.idNumber);
  await page.click('[data-testid=id-submit]');
  return answer(page);
}

beforeAll(async () => {
  stack = await startStack();
  appUrl = `${stack.url}/app/`;
  admin = await stack.as('admin');
  expect((await admin.put('/v1/registry', registry)).status).toBe(200);
  worker = await stack.as('grid-worker', ['g1']);
  await resident('wang', 'b1', 'b1-h1', '王建国');
  await resident('li', 'b1', 'b1-h1', '李秀兰');
  await resident('zhao', 'b1', 'b1-h2', '赵志强');
  await resident('wu', 'b1', 'b1-h2', '吴桂芳');
  await resident('sun', 'b4', 'b4-h1', '孙丽华');
  await resident('zhou', 'b5', 'b5-h1', '周文博');
  // Building 2 is in the community (grid g2) but not in g1's round; building 3 is another community's.
  await resident('qian', 'b2', 'b2-h1', '钱多多');
  // The Wangs agreed to SMS: their slot arrives as a message.
  const wang = await stack.as('resident', [people['wang']!.personId]);
  expect((await wang.put(`/v1/residents/${people['wang']!.personId}/contact`, { phone: '13912345678', consent: true })).status).toBe(200);
  videos = await mkdtemp(join(tmpdir(), 'frontline-testing-'));
}, 120_000);

afterEach(async () => {
  for (const browser of browsers.splice(0)) await browser.close();
});

afterAll(async () => {
  await stack?.stop();
});

describe('核酸检测 (testing rounds) on a grid worker\'s phone', () => {
  it('plans a PCR round of the grid in batches and slots, tells the households, and shows it with nobody tested yet', async () => {
    const { page } = await phone(await browserWith());
    await signInLocally(page, appUrl, 'testing', 'g1');
    await page.waitForSelector('[data-testid=testing-rounds] li.empty[data-i18n="testing.rounds.none"]');

    await page.click('[data-testid=testing-new]');
    await page.click('[data-testid=round-form] button[data-kind=pcr]');
    expect(await page.inputValue('#round-day')).toBe(today());
    // An empty place is not sent.
    await page.fill('#round-place', '');
    await page.click('[data-testid=round-form] button[type=submit]');
    await page.waitForSelector('[data-testid=round-form-status][data-i18n="testing.form.place.invalid"]');
    await page.fill('#round-place', '1号楼前广场');
    await page.fill('#round-start', '08:00');
    await page.fill('#round-minutes', '30');
    await page.fill('#round-per-slot', '2');
    const plan = page.locator('[data-testid=round-plan] li[data-slot]');
    await expect.poll(() => plan.count()).toBe(2);
    expect(await plan.allInnerTexts()).toEqual([
      expect.stringMatching(/^第 1 批 08:00\s*–\s*08:30\s+Building 1、Building 4$/),
      expect.stringMatching(/^第 2 批 08:30\s*–\s*09:00\s+Building 5$/),
    ]);
    await page.screenshot({ path: screenshotPath('testing-plan-zh-CN') });
    await page.click('[data-testid=round-form] button[type=submit]');

    await page.waitForSelector('[data-testid=testing-status][data-i18n="testing.created"]');
    // Four households: two in Building 1, one each in 4 and 5.
    expect(await page.locator('[data-testid=testing-status]').innerText()).toBe('已创建：已通知 4 户');
    const listed = (await worker.get<RoundList>(`/v1/test-rounds?day=${today()}&gridId=g1`)).body;
    expect(listed.rounds).toHaveLength(1);
    pcr = listed.rounds[0]!.round;
    expect(pcr).toMatchObject({ kind: 'pcr', day: today(), place: '1号楼前广场', households: 4 });
    // 08:00 and 08:30 on the district's clock (UTC+8), whatever the phone's own zone.
    expect(pcr.slots).toEqual([
      { from: `${today()}T00:00:00.000Z`, to: `${today()}T00:30:00.000Z`, buildingIds: ['b1', 'b4'] },
      { from: `${today()}T00:30:00.000Z`, to: `${today()}T01:00:00.000Z`, buildingIds: ['b5'] },
    ]);
    const card = page.locator(`[data-testid=testing-rounds] [data-round="${pcr.roundId}"]`);
    await card.waitFor();
    expect(await card.innerText()).toContain('已检 0 / 应检 6');

    await card.locator('button[data-open]').click();
    await page.waitForSelector('[data-testid=round-detail] [data-building=b1]');
    expect(await page.locator('[data-building=b1]').innerText()).toMatch(/Building 1\s+08:00\s*–\s*08:30[\s\S]*未检测 4 人/);
    expect(await page.locator('[data-building=b1] [data-person]').count()).toBe(4);
    await page.screenshot({ path: screenshotPath('testing-round-new-zh-CN') });
  });

  it('shows each resident their building\'s slot, and tells a household that agreed to SMS in its inbox', async () => {
    await drained(stack);
    const page = await residentPhone(people['wang']!);
    const slot = page.locator(`[data-testid=test-slots] [data-round="${pcr.roundId}"]`);
    await slot.waitFor();
    expect(await slot.innerText()).toMatch(/核酸\s+1号楼前广场\s+\d+月\d+日周.\s+08:00–08:30\s+未检测/);
    await page.waitForSelector('[data-testid=inbox] [data-message]');
    expect(await page.locator('[data-testid=inbox]').innerText()).toMatch(/核酸检测：请您楼栋居民于.*08:00.*08:30.*1号楼前广场采样/);
    await slot.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('resident-slots-zh-CN') });
  });
});

describe('核酸采样 at the sampling point', () => {
  it('samples a resident read off the camera into the one round of the day, by name and building, and takes them off the not-tested list', async () => {
    const wang = people['wang']!;
    const page = await samplingPhone(await cameraSeeing('wang', [qrFrame(await codeOf(wang.personId))]));
    // One round today: picked without asking.
    expect(await page.getAttribute(`[data-round="${pcr.roundId}"]`, 'aria-pressed')).toBe('true');

    const shown = await answer(page);
    expect(shown.outcome).toBe('sampled');
    expect(shown.text).toContain('已采样');
    expect(shown.text).toContain(wang.nameMasked);
    expect(shown.text).toContain('Building 1');
    await page.screenshot({ path: screenshotPath('gate-sample-camera-zh-CN') });
    await next(page);

    const after = await progress(pcr.roundId);
    expect(missingIds(after)).not.toContain(wang.personId);
    expect(after.tested).toBe(1);
    // The same code still in frame is not taken again.
    await page.waitForSelector('[data-testid=gate-status][data-i18n="gate.repeat"]');
    expect(await page.locator('[data-testid=recent-samples] [data-sample]').count()).toBe(1);
  });

  it('puts a typed tube number (kept for the next people, a pooled tube) with the person typed by ID number, and says why anybody else is not sampled', async () => {
    const page = await samplingPhone(await cameraSeeing('blank', [blankFrame()]));
    const { li, wang, qian } = people as Record<string, Resident>;
    await page.fill('#tube-id', 'T-0002');
    await page.press('#tube-id', 'Enter');
    await page.waitForSelector('[data-testid=tube-status][data-i18n="gate.sample.tube.count"]');
    await page.locator('#tube-id').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('gate-sampling-tube-zh-CN') });
    const shown = await sampleById(page, li!);
    expect(shown).toMatchObject({ outcome: 'sampled' });
    expect(shown.text).toContain('T-0002');
    await next(page);
    // The tube stays for the next people until another is read or typed.
    expect(await page.inputValue('#tube-id')).toBe('T-0002');
    expect(await page.locator('[data-testid=tube-status]').innerText()).toBe('试管 T-0002：本管已采 1 人');

    const repeat = await sampleById(page, wang!);
    expect(repeat.outcome).toBe('repeat');
    expect(repeat.text).toContain('本轮已采过');
    await page.screenshot({ path: screenshotPath('gate-sample-repeat-zh-CN') });
    await next(page);
    const outside = await sampleById(page, qian!);
    expect(outside.outcome).toBe('not-in-round');
    expect(outside.text).toContain('不在本轮楼栋');
    await next(page);
    const stranger = await sampleById(page, { personId: '', nameMasked: '', idNumber: idNumber(999, '19880808') });
    expect(stranger.outcome).toBe('unknown-person');
    expect(stranger.text).toContain('未登记');
    await next(page);
    // Nobody else went into the tube.
    expect(await page.locator('[data-testid=tube-status]').innerText()).toBe('试管 T-0002：本管已采 1 人');

    // The lab's result for tube T-0002 reaches Li Xiulan's sample.
    const lab = await worker.post<{ recorded: number; unknown: unknown[] }>(`/v1/test-rounds/${pcr.roundId}/results`, { results: [{ tubeId: 'T-0002', result: 'negative' }] });
    expect(lab.body).toMatchObject({ recorded: 1, unknown: [] });
    const after = await progress(pcr.roundId);
    expect(after.tested).toBe(2);
    expect(after.results.negative).toBe(1);
    expect(missingIds(after)).not.toContain(li!.personId);
    expect(missingIds(after)).toContain(people['zhao']!.personId);
  });

  it('reads a tube\'s linear barcode with the browser\'s own detector at a sampling point (two people pooled in it), and ignores it at the gate', async () => {
    const { zhao, wu } = people as Record<string, Resident>;
    const page = await samplingPhone(await cameraSeeing('detector', [blankFrame()]), async (context) => {
      // Android Chrome's detector, standing in: it "sees" whatever the test puts in front of it.
      await context.addInitScript(() => {
        const seen = globalThis as { seen?: { rawValue: string; format: string } | undefined; BarcodeDetector?: unknown };
        seen.BarcodeDetector = class {
          static getSupportedFormats = async () => ['qr_code', 'code_128', 'ean_13'];
          detect = async () => (seen.seen ? [seen.seen] : []);
        };
      });
    });
    await page.waitForSelector('.gate[data-camera=on]');

    // At the gate (通行查验) a tube is no pass code: nothing happens.
    await page.click('button[data-purpose=pass]');
    await page.evaluate(() => ((globalThis as { seen?: unknown }).seen = { rawValue: 'T-0003', format: 'code_128' }));
    await page.waitForTimeout(400);
    expect(await page.locator('[data-testid=gate-status]').innerText()).toBe('');

    await page.click('button[data-purpose=sample]');
    await page.waitForSelector('[data-testid=gate-status][data-i18n="gate.sample.tube.read"]');
    expect(await page.inputValue('#tube-id')).toBe('T-0003');
    await page.evaluate(() => ((globalThis as { seen?: unknown }).seen = undefined));
    const shown = await sampleById(page, zhao!);
    expect(shown).toMatchObject({ outcome: 'sampled' });
    expect(shown.text).toContain('T-0003');
    await next(page);
    expect((await sampleById(page, wu!)).outcome).toBe('sampled');
    await next(page);
    expect(await page.locator('[data-testid=tube-status]').innerText()).toBe('试管 T-0003：本管已采 2 人');

    // A forged code (three parts, no valid signature) is refused as such.
    await page.evaluate(() => ((globalThis as { seen?: unknown }).seen = { rawValue: 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', format: 'qr_code' }));
    const forged = await answer(page);
    expect(forged.outcome).toBe('invalid-code');
    expect(forged.text).toContain('无效码');
    await page.evaluate(() => ((globalThis as { seen?: unknown }).seen = undefined));
    await next(page);

    // The pooled tube's result is each of its two people's.
    const before = await progress(pcr.roundId);
    const lab = await worker.post<{ recorded: number }>(`/v1/test-rounds/${pcr.roundId}/results`, { results: [{ tubeId: 'T-0003', result: 'negative' }] });
    expect(lab.status).toBe(200);
    expect((await progress(pcr.roundId)).results.negative - before.results.negative).toBe(2);
  });

  it('samples offline (after an offline reload), and uploads it once when the network returns, even when the first answer is lost', async () => {
    const sun = people['sun']!;
    const { context, page } = await phone(await cameraSeeing('offline', [blankFrame()]));
    await signInLocally(page, appUrl, 'gate', 'cp1');
    await page.click('button[data-purpose=sample]');
    await page.waitForSelector(`[data-round="${pcr.roundId}"][aria-pressed=true]`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const before = await progress(pcr.roundId);

    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('.gate[data-purpose=sample]');
    // The rounds fetched earlier today are kept for an offline morning.
    await page.waitForSelector('[data-testid=sample-rounds-status][data-i18n="gate.sample.roundsKept"]');
    expect(await page.getAttribute(`[data-round="${pcr.roundId}"]`, 'aria-pressed')).toBe('true');
    const shown = await sampleById(page, sun);
    expect(shown.outcome).toBe('queued');
    expect(shown.text).toContain('离线');
    await page.screenshot({ path: screenshotPath('gate-sample-offline-zh-CN') });
    await next(page);
    expect(await page.locator('[data-testid=pending]').innerText()).toBe('待上传 1');
    expect(await page.getAttribute('[data-testid=recent-samples] [data-sample]', 'data-state')).toBe('pending');

    let sent = 0;
    await page.route('**/v1/test-rounds/*/samples', async (route) => {
      if (sent++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await context.setOffline(false);
    await page.waitForFunction(() => document.querySelector('[data-testid=pending]')?.textContent === '待上传 0', undefined, { timeout: 45_000 });
    expect(sent).toBeGreaterThanOrEqual(2);
    await page.waitForSelector('[data-testid=recent-samples] [data-sample][data-state=done][data-outcome=sampled]');
    expect(await page.locator('[data-testid=recent-samples] [data-sample]').innerText()).toContain(sun.nameMasked);

    const after = await progress(pcr.roundId);
    expect(after.tested - before.tested).toBe(1);
    expect(missingIds(after)).not.toContain(sun.personId);
  }, 120_000);

  it('shows the grid worker the building list shrink as people are sampled', async () => {
    const { page } = await phone(await browserWith());
    await signInLocally(page, appUrl, 'testing', 'g1');
    await page.click(`[data-testid=testing-rounds] [data-round="${pcr.roundId}"] button[data-open]`);
    await page.waitForSelector('[data-testid=round-detail] [data-building=b1]');

    expect(await page.getAttribute('[data-building=b1]', 'data-missing')).toBe('0');
    expect(await page.locator('[data-building=b1]').innerText()).toContain('全部已检');
    expect(await page.getAttribute('[data-building=b4]', 'data-missing')).toBe('0');
    expect(await page.getAttribute('[data-building=b5]', 'data-missing')).toBe('1');
    expect(await page.locator('[data-building=b5] [data-person]').innerText()).toContain(people['zhou']!.nameMasked);
    expect(await page.locator('[data-testid=round-totals]').innerText()).toBe('已检 5 / 应检 6');
    // The bar is five sixths full (drawn through the CSSOM: the site's CSP refuses style attributes).
    const filled = await page.locator('.totals .progress span').evaluate((fill) => fill.getBoundingClientRect().width / fill.parentElement!.clientWidth);
    expect(filled).toBeCloseTo(0.83, 2);
    await page.screenshot({ path: screenshotPath('testing-progress-zh-CN'), fullPage: true });

    // Zhou comes down; the worker's refresh shows Building 5 done.
    const scanner = await stack.as('scanner', ['cp1']);
    const sampled = await scanner.post<{ results: { outcome: string }[] }>(`/v1/test-rounds/${pcr.roundId}/samples`, {
      checkpointId: 'cp1', samples: [{ sampleId: 'api-zhou', idNumber: people['zhou']!.idNumber, sampledAt: new Date().toISOString() }],
    });
    expect(sampled.body.results[0]?.outcome).toBe('sampled');
    await page.click('[data-testid=round-refresh]');
    await page.waitForSelector('[data-building=b5][data-missing="0"]');
    expect(await page.locator('[data-testid=round-totals]').innerText()).toBe('已检 6 / 应检 6');
  });
});

describe('抗原 (antigen) rounds', () => {
  let antigen: Round;

  beforeAll(async () => {
    const res = await worker.post<Round>('/v1/test-rounds', {
      roundId: 'antigen-today', communityId: 'c1', kind: 'antigen', day: today(), place: '2号楼门口',
      slots: [{ from: `${today()}T10:00:00+08:00`, to: `${today()}T11:00:00+08:00`, buildingIds: ['b1', 'b4', 'b5'] }],
    });
    expect(res.status).toBe(201);
    antigen = res.body;
  });

  it('asks which round when the day has two, and leaves an antigen result to the grid worker', async () => {
    const { wang, li } = people as Record<string, Resident>;
    const page = await samplingPhone(await cameraSeeing('antigen', [blankFrame()]));
    expect(await page.locator('[data-testid=sample-rounds] [data-round]').count()).toBe(2);
    await page.fill('#id-number', wang!.idNumber);
    await page.click('[data-testid=id-submit]');
    await page.waitForSelector('[data-testid=gate-status][data-i18n="gate.sample.pickRound"]');
    await page.click(`[data-round="${antigen.roundId}"]`);

    const shown = await sampleById(page, wang!);
    expect(shown.outcome).toBe('sampled');
    // No result is taken at the gate (a positive opens a case, which a gate's token may not): the answer says who enters it.
    expect(shown.text).toContain('抗原结果由网格员录入');
    expect(await page.locator('[data-testid=sample-answer] button[data-result]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('gate-sample-antigen-zh-CN') });
    await next(page);
    expect((await sampleById(page, li!)).outcome).toBe('sampled');
    await next(page);

    const after = (await worker.get<Progress>(`/v1/test-rounds/${antigen.roundId}?gridId=g1`)).body;
    expect(after.results).toMatchObject({ negative: 0, positive: 0, pending: 2 });
    expect(pendingIds(after)).toEqual(expect.arrayContaining([wang!.personId, li!.personId]));
  });

  it('lets the grid worker enter the results by hand: a negative in one tap, nothing sent offline, a positive only after a confirmation (the code turns red)', async () => {
    const { wang, li } = people as Record<string, Resident>;
    const { context, page } = await phone(await browserWith());
    await signInLocally(page, appUrl, 'testing', 'g1');
    await page.click(`[data-testid=testing-rounds] [data-round="${antigen.roundId}"] button[data-open]`);
    const building = page.locator('[data-testid=round-detail] [data-building=b1]');
    const row = (person: Resident) => building.locator(`[data-pending="${person.personId}"]`);
    await row(wang!).waitFor();
    await row(li!).waitFor();
    expect(await building.locator('[data-testid=pending-results] summary').innerText()).toBe('待录结果 2 人');
    expect(await row(wang!).innerText()).toContain(wang!.nameMasked);

    // Offline: the tap says the result was not sent, and the person stays on the list.
    await context.setOffline(true);
    await row(wang!).locator('button[data-result=negative]').click();
    await building.locator('[data-testid=entered-status][data-i18n="testing.entered.offline"]').waitFor();
    expect(await row(wang!).count()).toBe(1);
    await context.setOffline(false);

    await row(wang!).locator('button[data-result=negative]').click();
    await building.locator('[data-testid=entered-status][data-i18n="testing.entered.recorded"]').waitFor();
    expect(await building.locator('[data-testid=entered-status]').innerText()).toBe(`已录入：${wang!.nameMasked} 阴性`);
    await row(wang!).waitFor({ state: 'detached' });
    expect(await building.locator('.results').innerText()).toMatch(/阴性 1/);

    // A positive asks once more; nothing is sent before the second tap.
    await row(li!).locator('button[data-result=positive]').click();
    const confirmation = row(li!).locator('.confirm-positive');
    await confirmation.waitFor();
    expect(await confirmation.innerText()).toContain('红码');
    await confirmation.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('testing-pending-positive-zh-CN') });
    expect(pendingIds(await progress(antigen.roundId))).toContain(li!.personId);
    expect((await admin.get<{ codeColor: string }>(`/v1/residents/${li!.personId}/code`)).body.codeColor).not.toBe('red');
    await confirmation.locator('[data-confirm=positive]').click();
    await building.locator('[data-testid=entered-status][data-i18n="testing.entered.case"]').waitFor();
    await row(li!).waitFor({ state: 'detached' });
    expect(await building.locator('[data-testid=pending-results]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('testing-pending-case-zh-CN') });

    const after = await progress(antigen.roundId);
    expect(after.buildings.find((b) => b.buildingId === 'b1')!.results).toMatchObject({ negative: 1, positive: 1 });
    expect(pendingIds(after)).not.toContain(li!.personId);
    expect((await admin.get<{ codeColor: string }>(`/v1/residents/${li!.personId}/code`)).body.codeColor).toBe('red');
  });

  it('lets a resident report a self-test, counted in their building\'s antigen round; a positive tells them to stay home', async () => {
    const { zhao, sun } = people as Record<string, Resident>;
    let page = await residentPhone(zhao!);

    const before = (await worker.get<Progress>(`/v1/test-rounds/${antigen.roundId}?gridId=g1`)).body;
    // The first report reaches the server but its answer is lost: the resident taps again, and it counts once.
    let lost = 0;
    await page.route('**/v1/residents/*/self-tests', async (route) => {
      if (lost++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await page.click('[data-testid=selftest] button[data-result=negative]');
    expect(await page.locator('[data-testid=selftest] .confirm-question').innerText()).toBe('上报自测结果：阴性？');
    await page.click('[data-testid=selftest-confirm]');
    await page.waitForSelector('[data-testid=selftest-status][data-i18n="common.network"]');
    await page.click('[data-testid=selftest-confirm]');
    await page.waitForSelector('[data-testid=selftest-status][data-i18n="resident.selftest.counted"]');
    expect(lost).toBe(2);
    expect(await page.getAttribute('[data-testid=selftest]', 'data-round')).toBe(antigen.roundId);
    const counted = (await worker.get<Progress>(`/v1/test-rounds/${antigen.roundId}?gridId=g1`)).body;
    expect(missingIds(counted)).not.toContain(zhao!.personId);
    expect(counted.tested - before.tested).toBe(1);
    expect(counted.results.negative - before.results.negative).toBe(1);
    // The round it counted in is the resident's antigen slot, now tested and negative.
    await page.waitForSelector(`[data-testid=test-slots] [data-round="${antigen.roundId}"][data-tested=true]`);
    expect(await page.locator(`[data-testid=test-slots] [data-round="${antigen.roundId}"]`).innerText()).toContain('已检测：阴性');

    // Another resident, positive: confirmed, they are told to stay home and their code turns red.
    page = await residentPhone(sun!);
    await page.waitForSelector('[data-testid=code-color]:not(:empty)');
    await page.click('[data-testid=selftest] button[data-result=positive]');
    await page.click('[data-testid=selftest-confirm]');
    await page.waitForSelector('[data-testid=selftest-positive]:not([hidden])');
    expect(await page.locator('[data-testid=selftest-positive]').innerText()).toContain('请留在家中');
    await poll(() => page.locator('[data-testid=code-color]').innerText(), (c) => c === '红码', 'the code to turn red');
    await page.locator('[data-testid=selftest]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('resident-selftest-positive-zh-CN') });
  });
});
