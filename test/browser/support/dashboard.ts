/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

/**
 * Where the dashboard's browser tests keep what they saw: `.bench/dashboard/` on every run (ignored
 * by git), or the package's screenshots folder with DASHBOARD_SCREENSHOTS=1, to refresh the README's.
 */
export const dashboardScreenshots = fileURLToPath(new URL(
  process.env['DASHBOARD_SCREENSHOTS'] === '1' ? '../../../packages/dashboard/screenshots/' : '../../../.bench/dashboard/', import.meta.url,
));
mkdirSync(dashboardScreenshots, { recursive: true });

/** A laptop-sized page of the dashboard at `url`, in `lang`, already signed in with `token` (as after a sign-in in this tab). */
export async function signedInDashboard(browser: Browser, url: string, token: string, lang: 'zh-CN' | 'en'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang });
  await context.addInitScript(([t, language]) => {
    sessionStorage.setItem('firstline-token', t);
    localStorage.setItem('fl-lang', language);
  }, [token, lang] as const);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}
