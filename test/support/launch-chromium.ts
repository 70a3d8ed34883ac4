import { chromium } from 'playwright-core';
import type { Browser, LaunchOptions } from 'playwright-core';
import { inject } from 'vitest';
import type { ChromiumFound } from './chromium.ts';

/**
 * Launches headless Chromium for a browser test, from the path the browser project's global setup
 * found or installed (test/support/chromium-setup.ts); fails with the setup's reason when it has none.
 */
export async function launchChromium(options: { readonly args?: readonly string[] } & Omit<LaunchOptions, 'args' | 'executablePath'> = {}): Promise<Browser> {
  const found: ChromiumFound = inject('chromium') ?? { problem: 'the browser project\'s global setup did not run: run browser tests through vitest.config.ts' };
  if ('problem' in found) throw new Error(found.problem);
  const { args = [], ...rest } = options;
  return chromium.launch({
    ...rest,
    executablePath: found.path,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', ...args],
  });
}
