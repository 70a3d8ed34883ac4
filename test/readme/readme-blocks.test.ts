import { describe, expect, it } from 'vitest';
import { runnable, shellBlocks } from './readme-blocks.ts';

const markdown = [
  '# Title',
  '## Start',
  '```sh',
  'npx -y pnpm@10.34.9 install --frozen-lockfile && npx -y pnpm@10.34.9 dev',
  '```',
  '<!-- readme-test: skip (runs the suite itself) -->',
  '',
  '```sh',
  'pnpm test',
  '```',
  '```ts',
  'const notShell = 1;',
  '```',
  '### Ops',
  '```sh',
  'FIRSTLINE_SEED=0 PORT=3001 pnpm dev   # in a second terminal',
  'U=http://localhost:3001',
  'pnpm devtools --dev # not the dev script',
  '```',
].join('\n');

describe('README shell blocks', () => {
  it('are the sh blocks in order, with their line, heading and skip reason', () => {
    const blocks = shellBlocks(markdown);

    expect(blocks.map((b) => [b.line, b.heading, b.skip])).toEqual([[3, 'Start', undefined], [8, 'Start', 'runs the suite itself'], [15, 'Ops', undefined]]);
  });

  it('run with pnpm dev dropped and the README addresses pointing at the test stack', () => {
    const [first, , ops] = shellBlocks(markdown);

    expect(runnable(first!, 'http://localhost:4321')).toMatch(/^# \(the test's stack stands in for:\) npx -y pnpm@10\.34\.9 install/);
    expect(runnable(ops!, 'http://localhost:4321').split('\n')).toEqual([
      "# (the test's stack stands in for:) FIRSTLINE_SEED=0 PORT=3001 pnpm dev   # in a second terminal",
      'U=http://localhost:4321',
      'pnpm devtools --dev # not the dev script',
    ]);
  });

  it('refuse a block that is never closed', () => {
    expect(() => shellBlocks('```sh\necho open')).toThrow('README.md:1: a code block is never closed');
  });
});
