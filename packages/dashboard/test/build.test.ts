import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDashboard, publicDir } from '../src/build.ts';

const outDir = await mkdtemp(join(tmpdir(), 'dashboard-build-'));
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('the built dashboard in public/', () => {
  it('is exactly what the build makes from the sources (run `pnpm --filter @firstline/dashboard build` after a change)', async () => {
    const built = await buildDashboard(outDir);

    expect(built).toEqual(['app.js', 'index.html', 'style.css']);
    expect((await readdir(publicDir)).sort()).toEqual(built);
    for (const file of built) expect((await readFile(join(publicDir, file))).equals(await readFile(join(outDir, file))), file).toBe(true);
  }, 30_000);

  it('has no inline script or style, which the site policy (script-src and style-src self) would refuse', async () => {
    const page = await readFile(join(publicDir, 'index.html'), 'utf8');

    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
  });
});
