import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';

const packageDir = fileURLToPath(new URL('../', import.meta.url));
/** What the stack serves at `/` and the city site uploads: committed, so serving needs no build. */
export const publicDir = join(packageDir, 'public');

/** Command-center machines: browsers of the last few years (Intl.ListFormat, top-level await). */
const target = ['chrome89', 'safari15', 'firefox90', 'edge89'];

/**
 * Builds the dashboard into `outDir` as the three files the stacks serve: the page, one script
 * (the TypeScript and both message catalogues bundled and minified) and the style sheet.
 */
export async function buildDashboard(outDir = publicDir): Promise<string[]> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: { app: join(packageDir, 'src/app/main.ts') },
    outdir: outDir,
    absWorkingDir: packageDir,
    bundle: true,
    format: 'esm',
    target,
    minify: true,
    charset: 'utf8',
    logLevel: 'warning',
  });
  await writeFile(join(outDir, 'index.html'), await readFile(join(packageDir, 'static/index.html')));
  const css = await transform(await readFile(join(packageDir, 'static/style.css'), 'utf8'), { loader: 'css', minify: true, target });
  await writeFile(join(outDir, 'style.css'), css.code);
  return (await readdir(outDir)).sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await buildDashboard();
  console.log(`built ${files.join(', ')} into ${publicDir}`);
}
