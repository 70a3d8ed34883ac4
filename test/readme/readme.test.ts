import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { runnable, shellBlocks } from './readme-blocks.ts';
import { ReadmeShell } from './readme-shell.ts';

/**
 * The README as executable documentation: every ```sh block, in order, in one bash session in the
 * repository, against a local stack started as `pnpm dev` starts it (seeded, the city included) on
 * a free port. A block fails on any command that fails, and on any `{"error": …}` curl gets back.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const blocks = shellBlocks(readFileSync(`${root}README.md`, 'utf8'));
const filesBefore = new Set(readdirSync(root));
let stack: RunningStack;
let shell: ReadmeShell;

beforeAll(async () => {
  stack = await startStack({ seed: true, city: true, province: true });
  // The CLI finds the stack as it finds `pnpm dev`'s: from the address written in its data dir.
  shell = new ReadmeShell({ cwd: root, env: { U: stack.url, FIRSTLINE_DATA_DIR: stack.dataDir, FIRSTLINE_URL: '' } });
}, 600_000);

afterAll(async () => {
  shell?.close();
  await stack?.stop();
  // What the blocks wrote into the checkout (CSV exports), so a test run leaves it as it was.
  for (const name of readdirSync(root)) if (!filesBefore.has(name) && /\.csv$|^\.data-ops$/.test(name)) rmSync(`${root}${name}`, { recursive: true, force: true });
});

describe('README.md', () => {
  it('has shell blocks, and says why wherever one is not run', () => {
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks.filter((b) => b.skip)) expect(block.skip!.length, `README.md:${block.line}`).toBeGreaterThan(10);
    // A clone has no ../shared: the design and the API reference are in the repository.
    expect(readFileSync(`${root}README.md`, 'utf8')).not.toContain('../shared');
    expect(existsSync(`${root}docs/DESIGN.md`) && existsSync(`${root}docs/API.md`)).toBe(true);
  });

  for (const block of blocks) {
    const name = `README.md:${block.line} (${block.heading})`;
    if (block.skip) {
      it.skip(`${name}: ${block.skip}`, () => undefined);
      continue;
    }
    it(name, async () => {
      const output = await shell.run(runnable(block, stack.url), 240_000);

      expect(output).not.toContain('readme-test: curl answered an error');
    }, 300_000);
  }
});
