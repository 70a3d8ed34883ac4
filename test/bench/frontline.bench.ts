/// <reference lib="dom" />
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import encodeQR from 'qr';
import { findChromium } from '../support/chromium.ts';
import { startStack } from '../support/local-stack.ts';
import { smallRegistry } from '../support/registry-fixture.ts';
import type { Table } from './bench-support.ts';
import { printTable } from './bench-support.ts';
import type { Summary } from './summary.ts';

/** Chrome DevTools' "Fast 3G" preset: 562.5 ms latency, 1.6 Mbit/s down and 750 kbit/s up, each at 90 %. */
const fast3g = { offline: false, latency: 562.5, downloadThroughput: (1_600_000 / 8) * 0.9, uploadThroughput: (750_000 / 8) * 0.9 };
const scansEach = Number(process.env['BENCH_FRONTLINE_SCANS'] ?? 10);
const shellGoalKb = 200;
const onlineGoalMs = 1_500;
const offlineGoalMs = 300;

async function throttle(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', fast3g);
}

/**
 * A camera the benchmark controls: getUserMedia answers a stream captured from a canvas, and
 * `__showCode` draws a QR code on it, noting the moment; the verdict's appearance is noted too.
 * What lies between is what a gate keeper waits for: frame capture, decoding, the signature check
 * and, online, the server's answer.
 */
function installCanvasCamera(): void {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const context = canvas.getContext('2d')!;
  const blank = () => {
    context.fillStyle = '#e6e6e6';
    context.fillRect(0, 0, canvas.width, canvas.height);
  };
  blank();
  // A canvas stream only yields frames when the canvas changes: one pixel flickers to keep it live.
  let tick = 0;
  setInterval(() => {
    context.fillStyle = tick++ % 2 ? '#e6e6e6' : '#e5e5e5';
    context.fillRect(0, 0, 1, 1);
  }, 30);
  const stream = canvas.captureStream(30);
  navigator.mediaDevices.getUserMedia = async () => stream;
  const bench = globalThis as unknown as { __showCode(m: boolean[][]): void; __blank(): void; __shownAt: number; __verdictAt: number };
  bench.__blank = blank;
  bench.__showCode = (modules) => {
    blank();
    const scale = Math.floor(440 / modules.length);
    const left = (canvas.width - modules.length * scale) / 2;
    const top = (canvas.height - modules.length * scale) / 2;
    context.fillStyle = '#fff';
    context.fillRect(left, top, modules.length * scale, modules.length * scale);
    context.fillStyle = '#000';
    modules.forEach((row, y) => row.forEach((dark, x) => dark && context.fillRect(left + x * scale, top + y * scale, scale, scale)));
    bench.__shownAt = performance.now();
  };
}

function watchVerdict(): void {
  const bench = globalThis as unknown as { __verdictAt: number };
  const overlay = document.querySelector<HTMLElement>('[data-testid=verdict]')!;
  new MutationObserver(() => {
    // Stamped in the frame that paints it, not when the DOM changed.
    if (!overlay.hidden) requestAnimationFrame(() => (bench.__verdictAt = performance.now()));
  }).observe(overlay, { attributes: true, attributeFilter: ['hidden'] });
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * The front-line app on a slow phone link, in headless Chromium: what the first visit downloads
 * (compressed, as the stack serves it) under Fast 3G, and how long a code held up to the camera
 * takes to become a verdict on screen, online through Fast 3G and offline.
 */
export async function frontlineBenchmark(rows: Table, summary?: Summary): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("no Chromium: install Debian's chromium-headless-shell");
  const stack = await startStack();
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const appUrl = `${stack.url}/app/`;
    const admin = await stack.as('admin');
    await admin.put('/v1/registry', smallRegistry);

    // First visit: every byte the page and its service worker fetch, as received (gzip on the wire).
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await throttle(context, page);
    const received = new Map<string, { bytes: number; worker: boolean }>();
    context.on('requestfinished', (request) => void request.sizes().then((sizes) => {
      const key = `${request.serviceWorker() ? 'sw' : 'page'} ${request.url()}`;
      received.set(key, { bytes: sizes.responseBodySize + sizes.responseHeadersSize, worker: request.serviceWorker() !== null });
    }));
    const started = Date.now();
    await page.goto(appUrl);
    await page.waitForSelector('.home nav a');
    const firstRender = Date.now() - started;
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });
    const offlineReady = Date.now() - started;
    await page.waitForTimeout(500);
    const pageBytes = [...received.values()].filter((r) => !r.worker).reduce((sum, r) => sum + r.bytes, 0);
    const workerBytes = [...received.values()].filter((r) => r.worker).reduce((sum, r) => sum + r.bytes, 0);
    rows.push(
      ['app shell, first load (page)', kb(pageBytes), `${[...received.keys()].filter((k) => k.startsWith('page')).length} requests, compressed, headers included; home screen drawn after ${firstRender} ms on Fast 3G`],
      ['app shell + offline cache (service worker)', kb(pageBytes + workerBytes), `every lazy chunk (decoder, QR encoder, Ed25519 fallback, English) precached; files the page already had are revalidated (304); offline-ready after ${offlineReady} ms (the worker's own fetches are not throttled)`],
    );
    summary?.push({ what: 'front-line app shell, first visit', figure: kb(pageBytes + workerBytes), goal: `≤ ${shellGoalKb} KB compressed`, ok: pageBytes + workerBytes <= shellGoalKb * 1024, detail: 'page + service-worker precache, Fast 3G' });

    // Code in frame → verdict, on a gate phone with the canvas camera.
    const people = await Promise.all(Array.from({ length: scansEach * 2 }, async (_, i) => {
      const body = `42010219800101${String(100 + i).padStart(3, '0')}`;
      const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const check = '10X98765432'[[...body].reduce((s, d, k) => s + Number(d) * weights[k]!, 0) % 11]!;
      return (await admin.post<{ personId: string }>('/v1/residents', { idNumber: body + check, name: '王小明', phone: '13900000000', buildingId: 'b1', householdId: `b1-h${i}` })).body.personId;
    }));
    const codes = await Promise.all(people.map(async (personId) => (await admin.get<{ code: string }>(`/v1/residents/${personId}/code`)).body.code));
    const gate = await browser.newContext({ viewport: { width: 360, height: 640 } });
    await gate.addInitScript(installCanvasCamera);
    const gatePage = await gate.newPage();
    await gatePage.goto(`${appUrl}#gate`);
    await gatePage.fill('#subject', 'cp1');
    await gatePage.click('[data-testid=local-signin]');
    await gatePage.waitForSelector('.gate[data-camera=on]');
    await gatePage.waitForFunction(() => navigator.serviceWorker.controller !== null && localStorage.getItem('fl-code-keys:demo@/') !== null);
    await gatePage.evaluate(watchVerdict);
    await throttle(gate, gatePage);

    const measure = async (code: string) => {
      await gatePage.click('button[data-temp="36.4"]');
      await gatePage.evaluate((modules) => (globalThis as unknown as { __showCode(m: boolean[][]): void }).__showCode(modules), encodeQR(code, 'raw', { border: 4 }));
      await gatePage.waitForFunction(() => {
        const bench = globalThis as unknown as { __shownAt: number; __verdictAt?: number };
        return (bench.__verdictAt ?? 0) > bench.__shownAt;
      }, undefined, { timeout: 20_000, polling: 20 });
      const ms = await gatePage.evaluate(() => {
        const bench = globalThis as unknown as { __shownAt: number; __verdictAt: number };
        return bench.__verdictAt - bench.__shownAt;
      });
      const provisional = (await gatePage.getAttribute('[data-testid=verdict]', 'data-provisional')) === 'true';
      await gatePage.evaluate(() => (globalThis as unknown as { __blank(): void }).__blank());
      await gatePage.click('[data-testid=verdict] .next');
      return { ms, provisional };
    };
    const online = [];
    for (const code of codes.slice(0, scansEach)) online.push(await measure(code));
    await gate.setOffline(true);
    const offline = [];
    for (const code of codes.slice(scansEach)) offline.push(await measure(code));
    await gate.setOffline(false);

    const onlineMs = online.map((r) => r.ms);
    const offlineMs = offline.map((r) => r.ms);
    rows.push(
      ['code in frame → verdict, online (Fast 3G)', `${median(onlineMs).toFixed(0)} ms median`, `p95 ${p95(onlineMs).toFixed(0)} ms over ${online.length} scans; ${online.filter((r) => !r.provisional).length} answered by the server, ${online.filter((r) => r.provisional).length} judged from the code after the 1.2 s wait`],
      ['code in frame → verdict, offline', `${median(offlineMs).toFixed(0)} ms median`, `p95 ${p95(offlineMs).toFixed(0)} ms over ${offline.length} scans, each queued in IndexedDB with an Ed25519 check of the code`],
    );
    summary?.push(
      { what: 'gate: code in frame → verdict, online', figure: `${p95(onlineMs).toFixed(0)} ms p95`, goal: `≤ ${onlineGoalMs} ms`, ok: p95(onlineMs) <= onlineGoalMs, detail: 'headless Chromium, Fast 3G' },
      { what: 'gate: code in frame → verdict, offline', figure: `${p95(offlineMs).toFixed(0)} ms p95`, goal: `≤ ${offlineGoalMs} ms`, ok: p95(offlineMs) <= offlineGoalMs, detail: 'headless Chromium' },
    );
  } finally {
    await browser.close();
    await stack.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows: Table = [];
  await frontlineBenchmark(rows);
  console.log(`\n${printTable('frontline', rows)}`);
}
