/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** The phone the app is laid out for. */
export const phoneViewport = { width: 360, height: 640 } as const;

/**
 * Where screenshots go: `.bench/frontline/` on every run (ignored by git), or the package's
 * screenshots folder when FRONTLINE_SCREENSHOTS=1 (run on a machine with CJK fonts, to refresh the README's).
 */
export const screenshotDir = process.env['FRONTLINE_SCREENSHOTS'] === '1'
  ? fileURLToPath(new URL('../../../packages/frontline/screenshots/', import.meta.url))
  : fileURLToPath(new URL('../../../.bench/frontline/', import.meta.url));
mkdirSync(screenshotDir, { recursive: true });
export const screenshotPath = (name: string) => resolve(screenshotDir, `${name}.png`);

/** Chromium flags that give getUserMedia a camera playing `video` (a .y4m), with no permission prompt. */
export const fakeCamera = (video: string) => ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`];

export type Lang = 'zh-CN' | 'en';

/** A fresh phone (its own storage, service worker and IndexedDB) showing the app in `lang`. */
export async function phone(browser: Browser, lang: Lang = 'zh-CN'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: phoneViewport, locale: lang, permissions: ['camera'] });
  if (lang === 'en') await context.addInitScript(() => localStorage.setItem('fl-lang', 'en'));
  const page = await context.newPage();
  return { context, page };
}

/** Opens a mode and signs in with the local stack's one-tap button (a gate's checkpoint, a volunteer's id). */
export async function signInLocally(page: Page, appUrl: string, mode: 'gate' | 'volunteer' | 'care' | 'testing', subject: string): Promise<void> {
  await page.goto(`${appUrl}#${mode}`);
  await page.fill('#subject', subject);
  await page.click('[data-testid=local-signin]');
  await page.waitForSelector(`body[data-mode=${mode}] .${mode}`);
}

/** Message keys the app asked for and no catalogue had, as `lang:key`. */
export async function missingKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((globalThis as { __frontlineMissingKeys?: Set<string> }).__frontlineMissingKeys ?? [])]);
}

/** Text on screen that looks like a message key instead of a message (`gate.pending`). */
export async function rawKeysShown(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return [...text.matchAll(/\b(?:app|home|mode|nav|common|signin|gate|verdict|reason|color|resident|kind|status|priority|volunteer|failure|care|need|help|testing)\.[a-zA-Z][\w.-]*/g)].map((m) => m[0]);
}

/** The smallest touch target on the page that a finger must hit, in CSS pixels. */
export async function smallestTarget(page: Page): Promise<{ size: number; what: string }> {
  return page.evaluate(() => {
    let smallest = { size: Infinity, what: '' };
    for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input:not([type=checkbox]), select, textarea')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const size = Math.min(box.width, box.height);
      if (size < smallest.size) smallest = { size, what: el.outerHTML.slice(0, 80) };
    }
    return smallest;
  });
}

/** GB 11643 check character, so residents made here pass the gate's own check. */
export function idNumber(serial: number, birth = '19800101'): string {
  const body = `420102${birth}${String(serial % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** The day a scan made now is counted on (the district's time zone). */
export const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
