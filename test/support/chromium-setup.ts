import type { TestProject } from 'vitest/node';
import { ensureChromium } from './chromium.ts';

/**
 * Global setup of the browser project: runs once before its tests, only when a browser test is in
 * the run, so `pnpm test` brings its own Chromium on a fresh machine. When it cannot, the reason is
 * printed here and each browser test fails with it; the other projects still run.
 */
export default function setup(project: TestProject): void {
  const found = ensureChromium();
  if ('problem' in found) console.error(`browser tests: ${found.problem}`);
  project.provide('chromium', found);
}
