import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { iconPng } from './icons.ts';

const packageDir = fileURLToPath(new URL('../', import.meta.url));
/** What the stack serves at /app/ and the cloud site would upload: committed, so serving needs no build. */
export const publicDir = join(packageDir, 'public');

/** Phones a gate might have: Chrome/WebView 89+ (top-level await), Safari 15+, Firefox 90+ (private methods). */
const target = ['chrome89', 'safari15', 'firefox90'];

/**
 * Builds the app into `outDir`: the TypeScript bundled and minified (the decoder, the QR
 * encoder, the Ed25519 fallback and the English catalogue each in a chunk loaded on first use),
 * the static files, the icons, and last the service worker, which is given the list of every
 * file and a hash of them all: a new build is a new cache.
 */
export async function buildApp(outDir = publicDir): Promise<string[]> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: { app: join(packageDir, 'src/app/main.ts') },
    outdir: outDir,
    absWorkingDir: packageDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    target,
    minify: true,
    charset: 'utf8',
    chunkNames: '[name]-[hash]',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'manifest.webmanifest']) await writeFile(join(outDir, file), await readFile(join(packageDir, 'static', file)));
  const css = await transform(await readFile(join(packageDir, 'static/app.css'), 'utf8'), { loader: 'css', minify: true, target });
  await writeFile(join(outDir, 'app.css'), css.code);
  for (const size of [192, 512]) await writeFile(join(outDir, `icon-${size}.png`), iconPng(size));

  const files = (await readdir(outDir)).sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(await readFile(join(outDir, file)));
  const shell = ['./', ...files.filter((f) => f !== 'index.html')];
  await build({
    entryPoints: [join(packageDir, 'src/app/sw.ts')],
    outfile: join(outDir, 'sw.js'),
    absWorkingDir: packageDir,
    bundle: true,
    format: 'iife',
    target,
    minify: true,
    charset: 'utf8',
    logLevel: 'warning',
    define: { SHELL_FILES: JSON.stringify(shell), SHELL_VERSION: JSON.stringify(hash.digest('hex').slice(0, 16)) },
  });
  return [...files, 'sw.js'].sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await buildApp();
  console.log(`built ${files.length} files into ${publicDir}: ${files.join(', ')}`);
}
