import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, publicDir } from '../src/build.ts';

const outDir = await mkdtemp(join(tmpdir(), 'frontline-build-'));
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('the built app in public/', () => {
  it('is exactly what the build makes from the sources (run `pnpm --filter @firstline/frontline build` after a change)', async () => {
    const built = await buildApp(outDir);

    expect((await readdir(publicDir)).sort()).toEqual(built);
    for (const file of built) expect((await readFile(join(publicDir, file))).equals(await readFile(join(outDir, file))), file).toBe(true);
  }, 30_000);

  it('keeps the whole shell, every lazy chunk included, under 200 KB gzipped', async () => {
    let total = 0;
    for (const file of await readdir(publicDir)) total += gzipSync(await readFile(join(publicDir, file)), { level: 6 }).length;

    expect(total).toBeLessThan(200 * 1024);
  });

  it('gives the service worker every file it serves, and a version that changes with them', async () => {
    const sw = await readFile(join(publicDir, 'sw.js'), 'utf8');
    const files = (await readdir(publicDir)).filter((f) => f !== 'sw.js' && f !== 'index.html');

    for (const file of files) expect(sw, file).toContain(`"${file}"`);
    expect(sw).toContain('"./"');
    expect(sw).toMatch(/frontline-[0-9a-f]{16}/);
  });
});
