/// <reference lib="dom" />
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { launchChromium } from '../support/launch-chromium.ts';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained } from '../support/pipeline.ts';
import { smallRegistry } from '../support/registry-fixture.ts';
import { fakeCamera, idNumber, phone, screenshotPath, signInLocally, today } from './support/frontline.ts';
import type { GreyImage } from './support/y4m.ts';
import { blankFrame, qrFrame, writeY4m } from './support/y4m.ts';

interface Resident { personId: string; nameMasked: string; idNumber: string }
interface DailyReport { scans: { in: number; out: number; denied: number; fever: number; denyReasons: Record<string, number> } }

let stack: RunningStack;
let admin: FirstlineClient;
let appUrl: string;
let videos: string;
const browsers: Browser[] = [];
let serial = 0;

async function resident(householdId = 'b1-h1'): Promise<Resident> {
  const id = idNumber(++serial);
  const res = await admin.post<Resident>('/v1/residents', { idNumber: id, name: '王小明', phone: '13900000000', buildingId: 'b1', householdId });
  expect(res.status).toBe(201);
  return { ...res.body, idNumber: id };
}

async function codeOf(personId: string): Promise<string> {
  const res = await admin.get<{ code: string }>(`/v1/residents/${personId}/code`);
  expect(res.status).toBe(200);
  return res.body.code;
}

/** A browser whose camera sees `frames` (each for 1 / fps seconds), looping. */
async function cameraSeeing(name: string, frames: readonly GreyImage[], fps = 1): Promise<Browser> {
  const file = join(videos, `${name}.y4m`);
  await writeY4m(file, frames, fps);
  const browser = await launchChromium({ args: fakeCamera(file) });
  browsers.push(browser);
  return browser;
}

async function gatePhone(browser: Browser): Promise<Page> {
  const { page } = await phone(browser);
  await signInLocally(page, appUrl, 'gate', 'cp1');
  await page.waitForSelector('.gate[data-camera=on]');
  return page;
}

async function tapTemperature(page: Page, celsius: string): Promise<void> {
  await page.click(`button[data-temp="${celsius}"]`);
}

async function verdict(page: Page): Promise<{ verdict: string; reason: string; provisional: string; text: string }> {
  const overlay = page.locator('[data-testid=verdict]:not([hidden])');
  await overlay.waitFor();
  return {
    verdict: (await overlay.getAttribute('data-verdict'))!,
    reason: (await overlay.getAttribute('data-reason'))!,
    provisional: (await overlay.getAttribute('data-provisional'))!,
    text: await overlay.innerText(),
  };
}

async function next(page: Page): Promise<void> {
  await page.click('[data-testid=verdict] .next');
  await page.locator('[data-testid=verdict]').waitFor({ state: 'hidden' });
}

async function report(date = today()): Promise<DailyReport> {
  const res = await admin.get<DailyReport>(`/v1/reports/daily?level=grid&id=g1&date=${date}`);
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  stack = await startStack();
  appUrl = `${stack.url}/app/`;
  admin = await stack.as('admin');
  expect((await admin.put('/v1/registry', smallRegistry)).status).toBe(200);
  videos = await mkdtemp(join(tmpdir(), 'frontline-camera-'));
}, 120_000);

// A gate left open keeps decoding its camera: close each test's browsers so the next test has the CPU.
afterEach(async () => {
  for (const browser of browsers.splice(0)) await browser.close();
});

afterAll(async () => {
  await stack?.stop();
});

describe('gate (扫码测温) in Chromium with a fake camera', () => {
  it('reads a code the API issued off the camera and lets a green resident in, by name and colour', async () => {
    const person = await resident();
    const page = await gatePhone(await cameraSeeing('green', [qrFrame(await codeOf(person.personId))]));

    await tapTemperature(page, '36.4');
    const shown = await verdict(page);

    expect(shown).toMatchObject({ verdict: 'allow', reason: 'ok', provisional: 'false' });
    expect(shown.text).toContain('通行');
    expect(shown.text).toContain(person.nameMasked);
    expect(shown.text).toContain('绿码');
    await page.screenshot({ path: screenshotPath('gate-allow-zh-CN') });
  });

  it('holds a code read before the temperature, then stops a yellow-code resident with the reason in Chinese', async () => {
    const person = await resident('b1-h2');
    expect((await (await stack.as('grid-worker')).post('/v1/cases', { caseId: `case-${person.personId}`, personId: person.personId, category: 'close-contact', reportedAt: new Date().toISOString(), quarantine: 'none' })).status).toBe(201);
    const page = await gatePhone(await cameraSeeing('yellow', [qrFrame(await codeOf(person.personId))]));

    await page.waitForSelector('[data-testid=gate-status][data-i18n="gate.temperature.needed"]');
    await tapTemperature(page, '36.6');
    const shown = await verdict(page);

    expect(shown).toMatchObject({ verdict: 'deny', reason: 'code-yellow', provisional: 'false' });
    expect(shown.text).toContain('禁止');
    expect(shown.text).toContain('黄码');
    await page.screenshot({ path: screenshotPath('gate-deny-zh-CN') });
  });

  it('checks a typed ID number with its check digit before sending, and stops a fever', async () => {
    const person = await resident('b1-h3');
    const page = await gatePhone(await cameraSeeing('nothing', [blankFrame()]));
    const wrong = person.idNumber.slice(0, 17) + (person.idNumber.endsWith('1') ? '2' : '1');
    const scansBefore = (await report()).scans;

    await page.fill('#id-number', wrong);
    await page.click('[data-testid=id-submit]');
    await page.waitForSelector('[data-testid=id-status][data-i18n="gate.id.checkDigit"]');
    await page.fill('#id-number', person.idNumber);
    await tapTemperature(page, '37.5');
    await page.click('[data-testid=id-submit]');
    const shown = await verdict(page);

    expect(shown).toMatchObject({ verdict: 'deny', reason: 'fever' });
    expect(shown.text).toContain('发热');
    await drained(stack);
    const scansAfter = (await report()).scans;
    expect(scansAfter.fever - scansBefore.fever).toBe(1);
    expect(scansAfter.in + scansAfter.out - scansBefore.in - scansBefore.out).toBe(1);
  });
});

describe('urgent help at the gate (紧急就医)', () => {
  it('raises a need for the person just scanned in two taps, their household found by the server, and offers nothing for a provisional verdict', async () => {
    const person = await resident('b1-h4');
    const page = await gatePhone(await cameraSeeing('help', [blankFrame()]));
    const worker = await stack.as('grid-worker', ['g1']);

    await page.fill('#id-number', person.idNumber);
    await tapTemperature(page, '37.5');
    await page.click('[data-testid=id-submit]');
    expect(await verdict(page)).toMatchObject({ verdict: 'deny', reason: 'fever', provisional: 'false' });
    await page.getByRole('button', { name: '紧急就医求助' }).click();
    await page.screenshot({ path: screenshotPath('gate-help-choose-zh-CN') });
    await page.getByRole('button', { name: '发热需就诊' }).click();
    await page.waitForSelector('[data-testid=gate-help-status][data-i18n="help.sent"]');
    expect(await page.locator('[data-testid=gate-help-status]').innerText()).toMatch(/^已发出：网格员须在 .+ 前响应$/);
    await page.screenshot({ path: screenshotPath('gate-help-zh-CN') });

    const listed = (await worker.get<{ items: { householdId: string; kind: string; openedBy: string; status: { stage: string } }[] }>('/v1/urgent-requests?gridId=g1')).body.items
      .filter((i) => i.householdId === 'b1-h4');
    expect(listed).toEqual([expect.objectContaining({ kind: 'fever-clinic', openedBy: 'scanner:cp1', status: expect.objectContaining({ stage: 'waiting-acknowledgement' }) })]);

    // The next person's verdict starts with the offer closed; offline, the phone judges alone and knows no household.
    await next(page);
    await page.context().setOffline(true);
    await page.fill('#id-number', person.idNumber);
    await tapTemperature(page, '36.4');
    await page.click('[data-testid=id-submit]');
    expect(await verdict(page)).toMatchObject({ provisional: 'true' });
    expect(await page.locator('[data-testid=gate-help]').isHidden()).toBe(true);
  });
});

describe('gate with the browser\'s own detector', () => {
  it('uses BarcodeDetector where the browser has one, without downloading the decoder, and records an exit', async () => {
    const person = await resident('b1-h5');
    const code = await codeOf(person.personId);
    const browser = await cameraSeeing('detector', [blankFrame()]);
    const { context, page } = await phone(browser);
    // Android Chrome's detector, standing in: it "sees" the code in every frame.
    await context.addInitScript((text) => {
      (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector = class {
        static getSupportedFormats = async () => ['qr_code', 'ean_13'];
        detect = async () => [{ rawValue: text, format: 'qr_code' }];
      };
    }, code);
    const pageScripts: string[] = [];
    page.on('request', (request) => {
      if (!request.serviceWorker() && request.url().endsWith('.js')) pageScripts.push(new URL(request.url()).pathname);
    });
    await signInLocally(page, appUrl, 'gate', 'cp1');
    await page.waitForSelector('.gate[data-camera=on]');
    const before = (await report()).scans;

    await page.click('button[data-direction=out]');
    await tapTemperature(page, '36.2');
    const shown = await verdict(page);

    expect(shown).toMatchObject({ verdict: 'allow', reason: 'ok', provisional: 'false' });
    expect(shown.text).toContain('出');
    expect(pageScripts.filter((path) => /\/decode-/.test(path))).toEqual([]);
    await drained(stack);
    expect((await report()).scans.out - before.out).toBe(1);
  });
});

describe('gate under a district mount', () => {
  it('talks to the API of the mount it is served from, with its own session and queue', async () => {
    const person = await resident('b1-h6');
    const { page } = await phone(await cameraSeeing('mount', [blankFrame()]));
    const apiPaths: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/v1/')) apiPaths.push(new URL(request.url()).pathname);
    });
    await signInLocally(page, `${stack.url}/districts/demo/app/`, 'gate', 'cp1');

    await page.fill('#id-number', person.idNumber);
    await tapTemperature(page, '36.6');
    await page.click('[data-testid=id-submit]');

    expect(await verdict(page)).toMatchObject({ verdict: 'allow', reason: 'ok', provisional: 'false' });
    expect(apiPaths.length).toBeGreaterThan(0);
    expect(apiPaths.filter((path) => !path.startsWith('/districts/demo/v1/'))).toEqual([]);
    await page.goto(`${appUrl}#gate`);
    await page.waitForSelector('[data-testid=local-signin]');
  });
});

describe('gate sign-in', () => {
  it('keeps what it queued when its token runs out, and uploads it after the next sign-in', async () => {
    const person = await resident('b1-h4');
    const page = await gatePhone(await cameraSeeing('expiring', [blankFrame()]));
    const shortLived = await stack.client.localToken({ role: 'scanner', district: 'demo', scopes: ['cp1'], ttlSeconds: 4 });
    await page.evaluate((token) => localStorage.setItem('fl-session:gate@/', JSON.stringify({ token, subject: 'cp1' })), shortLived);
    await page.reload();
    await page.waitForSelector('.gate[data-camera=on]');
    const before = (await report()).scans;
    await page.waitForTimeout(4_500);

    await page.fill('#id-number', person.idNumber);
    await tapTemperature(page, '36.8');
    await page.click('[data-testid=id-submit]');
    expect((await verdict(page)).provisional).toBe('true');
    await page.click('[data-testid=verdict] .next');
    await page.waitForSelector('[data-testid=signin-error][data-i18n="gate.signin.again"]');

    await page.fill('#subject', 'cp1');
    await page.click('[data-testid=local-signin]');
    await page.waitForFunction(() => document.querySelector('[data-testid=pending]')?.textContent === '待上传 0');
    await drained(stack);
    const after = (await report()).scans;
    expect(after.in + after.out - before.in - before.out).toBe(1);
  });
});

describe('gate offline', () => {
  it('uploads a morning offline (150 scans) in batches of at most 100, each counted once', async () => {
    const page = await gatePhone(await cameraSeeing('morning', [blankFrame()]));
    // The scans are 0.1 s apart, ending now: all on one day (each is counted on the day it happened).
    const start = Date.now() - 20_000;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(start);
    // Registered residents: a backlog of strangers' ID numbers would (rightly) spend the token's lookup budget.
    const people: Resident[] = [];
    for (let i = 0; i < 150; i += 10) people.push(...await Promise.all(Array.from({ length: 10 }, (_, k) => resident(`b1-h${40 + ((i + k) % 20)}`))));
    const before = (await report(day)).scans;
    // What a gate that was offline since dawn holds: scans of people it could not check, queued by the app's own store.
    await page.evaluate(async ({ ids, start }) => {
      const open = indexedDB.open('firstline-gate@/');
      const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
      const tx = db.transaction('scans', 'readwrite');
      for (let i = 0; i < ids.length; i++) {
        const scannedAt = new Date(start + i * 100).toISOString();
        const scanId = `morning-${i}`;
        tx.objectStore('scans').put({
          scanId, state: 'pending', scannedAt, provisional: { verdict: 'deny', reason: 'unverified-offline' },
          body: { scanId, checkpointId: 'cp1', idNumber: ids[i], direction: 'in', temperatureC: 36.5, scannedAt },
        });
      }
      await new Promise((resolve) => (tx.oncomplete = resolve));
    }, { ids: people.map((p) => p.idNumber), start });
    const batches: number[] = [];
    await page.route('**/v1/scans', async (route) => {
      batches.push((route.request().postDataJSON() as { scans: unknown[] }).scans.length);
      await route.continue();
    });

    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-testid=pending]')?.textContent === '待上传 0', undefined, { timeout: 45_000 });

    expect(batches).toEqual([100, 50]);
    await drained(stack);
    const after = (await report(day)).scans;
    expect(after.in - before.in).toBe(150);
  });

  it('queues 20 scans with verdicts from the signed codes, uploads them when back online (once, even when an answer is lost), and flags a code used twice', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => resident(`b1-h${10 + i}`)));
    const codes = await Promise.all(people.map((p) => codeOf(p.personId)));
    // Another gate spends one of these codes while this one is offline.
    const scanner = await stack.as('scanner');
    const elsewhere = await scanner.post<{ results: { verdict: string }[] }>('/v1/scans', {
      scans: [{ scanId: 'elsewhere-1', checkpointId: 'cp1', code: codes[7], direction: 'in', temperatureC: 36.5, scannedAt: new Date().toISOString() }],
    });
    expect(elsewhere.body.results[0]?.verdict).toBe('allow');
    await drained(stack);
    const before = (await report()).scans;

    const browser = await cameraSeeing('twenty', codes.map((code) => qrFrame(code)), 4);
    const { context, page } = await phone(browser);
    await signInLocally(page, appUrl, 'gate', 'cp1');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null && localStorage.getItem('fl-code-keys:demo@/') !== null);

    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('.gate[data-camera=on]');
    const provisional: string[] = [];
    for (let n = 0; n < 20; n++) {
      await page.waitForSelector('[data-testid=gate-status][data-i18n="gate.temperature.needed"]');
      await tapTemperature(page, '36.4');
      const shown = await verdict(page);
      provisional.push(`${shown.verdict}/${shown.reason}/${shown.provisional}`);
      if (n === 0) await page.screenshot({ path: screenshotPath('gate-offline-zh-CN') });
      await next(page);
    }
    expect(provisional).toEqual(Array.from({ length: 20 }, () => 'allow/ok/true'));
    expect(await page.locator('[data-testid=pending]').innerText()).toBe('待上传 20');
    const queued = await page.evaluate(async () => {
      const open = indexedDB.open('firstline-gate@/');
      const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
      const all = db.transaction('scans').objectStore('scans').getAll();
      return new Promise<{ scanId: string; scannedAt: string; state: string }[]>((resolve) => (all.onsuccess = () => resolve(all.result)));
    });
    expect(queued.filter((s) => s.state === 'pending')).toHaveLength(20);
    expect(new Set(queued.map((s) => s.scanId)).size).toBe(queued.length);

    // The first upload reaches the server but its answer never comes back: the gate must send the
    // same batch again, and the server must count it once.
    let lost = 0;
    await page.route('**/v1/scans', async (route) => {
      if (lost++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await context.setOffline(false);
    await page.waitForFunction(() => document.querySelector('[data-testid=pending]')?.textContent === '待上传 0', undefined, { timeout: 45_000 });
    expect(lost).toBeGreaterThanOrEqual(2);

    await page.waitForSelector('[data-flag=reused]');
    expect(await page.locator('[data-testid=flags]').innerText()).toBe('复核异常 1');
    await page.screenshot({ path: screenshotPath('gate-flags-zh-CN') });

    await drained(stack);
    const after = (await report()).scans;
    expect(after.in + after.out - before.in - before.out).toBe(20);
    expect(after.denied - before.denied).toBe(1);
    expect((after.denyReasons['invalid-code'] ?? 0) - (before.denyReasons['invalid-code'] ?? 0)).toBe(1);
  }, 180_000);
});
