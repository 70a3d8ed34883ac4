import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { DistrictKey, FunctionSpec, QueueName, TableName } from '@firstline/service';
import { bundleDefines, cityService, districtService, envNames, keyEnvNames } from '@firstline/service';
import type { Table } from './bench-support.ts';
import type { Summary } from './summary.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** infra/constructs/service-functions.ts's banner, verbatim. */
const banner = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";
const sizeGoalKb = 200;
const initGoalMs = 60;
const runs = Number(process.env['BENCH_INIT_RUNS'] ?? 5);

/**
 * What NodejsFunction runs for each function (infra/constructs/service-functions.ts): esbuild,
 * bundled, platform node, ESM, target node24, main fields module then main, minified, source map
 * without sources content, UTF-8, the AWS SDK v3 left to the runtime, the `require` banner, and the
 * function's own manifest entry defined in.
 */
async function bundle(fn: FunctionSpec, outdir: string): Promise<{ file: string; byPackage: Map<string, number> }> {
  const outfile = join(outdir, fn.name, 'index.mjs');
  const result = await build({
    metafile: true,
    entryPoints: [join(repoRoot, fn.entry)],
    outfile,
    absWorkingDir: repoRoot,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    charset: 'utf8',
    logLevel: 'warning',
    external: ['@aws-sdk/*'],
    banner: { js: banner },
    define: bundleDefines(fn),
  });
  // Bytes in the bundle by package (the metafile only observes the build; the output is the same).
  const byPackage = new Map<string, number>();
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  for (const [path, input] of Object.entries(output?.inputs ?? {})) {
    const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
    const name = match ? match[1]! : path.startsWith('packages/') ? `@firstline/${path.split('/')[1]}` : path.split('/')[0]!;
    byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
  }
  return { file: outfile, byPackage };
}

type KeyFiles = Readonly<Record<DistrictKey, string>>;

/**
 * A function's environment, as infra sets it, with stand-ins for the data stack's names and URLs;
 * each key the function declares (and only those) from its own file, as the local stack reads them.
 */
function environment(kind: 'district' | 'city', keyFiles: KeyFiles, keys: readonly DistrictKey[] = []): Record<string, string> {
  const service = kind === 'district' ? districtService : cityService;
  const queues: QueueName[] = kind === 'district' ? [...districtService.queues.map((q) => q.name), 'city-rollup'] : ['city-rollup'];
  return {
    [envNames.district]: kind === 'district' ? 'demo' : 'wuhan',
    [envNames.timeZone]: 'Asia/Shanghai',
    ...(kind === 'district'
      ? { [envNames.city]: 'wuhan', ...Object.fromEntries(keys.map((key) => [keyEnvNames.file(key), keyFiles[key]])) }
      : { [envNames.cityName]: 'Wuhan', [envNames.cityDistricts]: 'demo' }),
    ...Object.fromEntries(service.tables.map((t) => [envNames.table(t.name as TableName), `firstline-${t.name}`])),
    ...Object.fromEntries(queues.map((q) => [envNames.queueUrl(q), `https://sqs.us-east-1.amazonaws.com/000000000000/firstline-${q}`])),
    NODE_OPTIONS: '--enable-source-maps',
    POWERTOOLS_SERVICE_NAME: 'firstline',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_METRICS_NAMESPACE: 'Firstline',
    // Nothing may leave the machine: a handler that calls AWS while loading fails fast.
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'stand-in',
    AWS_SECRET_ACCESS_KEY: 'stand-in',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Times, inside a fresh Node process, the import of a bundle (its module init, top-level awaits included). */
function timeInit(file: string, env: Record<string, string>, cwd: string, what = 'handler'): Promise<{ init: number; sinceStart: number }> {
  const probe = `
    const before = performance.now();
    const mod = await import(${JSON.stringify(pathToFileURL(file).href)});
    const after = performance.now();
    if (${JSON.stringify(what)} === 'handler' && typeof mod.handler !== 'function') throw new Error('no handler');
    process.stdout.write(JSON.stringify({ init: after - before, sinceStart: after }));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', probe], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`${file}: exit ${code}: ${err.slice(0, 500)}`))));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function bundlesBenchmark(rows: Table, summary: Summary): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'firstline-bench-bundles-'));
  try {
    // The nodejs24.x runtime provides the SDK v3: a node_modules beside the bundles stands in for it.
    await mkdir(join(root, 'node_modules'));
    await symlink(await realpath(join(repoRoot, 'node_modules/.pnpm/node_modules/@aws-sdk')), join(root, 'node_modules/@aws-sdk'));
    // The district's three keys, each read at init from its own file (in the cloud: its own secret).
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const keyFiles: KeyFiles = {
      'pseudonym-key': join(root, 'pseudonym-key.json'),
      'code-signing-key': join(root, 'code-signing-key.json'),
      'code-public-key': join(root, 'code-public-key.json'),
    };
    await writeFile(keyFiles['pseudonym-key'], JSON.stringify({ pseudonymKey: randomBytes(32).toString('base64url') }));
    await writeFile(keyFiles['code-signing-key'], JSON.stringify({ codeSigningKey: privateKey.export({ format: 'jwk' }) }));
    await writeFile(keyFiles['code-public-key'], JSON.stringify({ codePublicKey: publicKey.export({ format: 'jwk' }) }));

    const all = [
      ...districtService.functions.map((fn) => ({ fn, kind: 'district' as const })),
      ...cityService.functions.map((fn) => ({ fn, kind: 'city' as const })),
    ];
    const results: { name: string; kb: number; init: number; sinceStart: number; byPackage: Map<string, number> }[] = [];
    for (const { fn, kind } of all) {
      const name = kind === 'city' && fn.name === 'openapi' ? 'city openapi' : fn.name;
      const { file, byPackage } = await bundle(fn, join(root, kind));
      const kb = (await stat(file)).size / 1024;
      const timings = [];
      for (let i = 0; i < runs; i++) timings.push(await timeInit(file, environment(kind, keyFiles, fn.keys), root));
      const init = median(timings.map((t) => t.init));
      const sinceStart = median(timings.map((t) => t.sinceStart));
      results.push({ name, kb, init, sinceStart, byPackage });
      rows.push([`${name} (${fn.memoryMb} MB)`, `${kb.toFixed(1)} KB, init ${init.toFixed(1)} ms`,
        `${kb <= sizeGoalKb ? '✓' : '✗'} size, ${init <= initGoalMs ? '✓' : '✗'} init; process start → module evaluated ${sinceStart.toFixed(1)} ms (median of ${runs})`]);
    }
    const biggest = results.reduce((a, b) => (b.kb > a.kb ? b : a));
    const slowest = results.reduce((a, b) => (b.init > a.init ? b : a));
    const overSize = results.filter((r) => r.kb > sizeGoalKb);
    const overInit = results.filter((r) => r.init > initGoalMs);
    const initMedian = median(results.map((r) => r.init));
    summary.push(
      { what: `bundle size, minified (${results.length} functions, district and city)`, figure: `max ${biggest.kb.toFixed(1)} KB (${biggest.name})`, goal: `each ≤ ${sizeGoalKb} KB`, ok: overSize.length === 0,
        detail: `count; median ${median(results.map((r) => r.kb)).toFixed(1)} KB; ${overSize.length} over` },
      { what: 'cold module init on Node 24 (import of the bundle, its key files read included)', figure: `max ${slowest.init.toFixed(1)} ms (${slowest.name})`, goal: `each ≤ ${initGoalMs} ms`, ok: overInit.length === 0,
        detail: `timing, median of ${runs} fresh processes each; median over functions ${initMedian.toFixed(1)} ms; ${overInit.length} over` },
    );
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    if (overSize.length > 0) {
      const top = [...biggest.byPackage].sort((a, b) => b[1] - a[1]).slice(0, 6);
      summary.gaps.push(`bundle size: ${overSize.length} of ${results.length} over ${sizeGoalKb} KB; ${biggest.name} ${biggest.kb.toFixed(0)} KB = ${top.map(([p, n]) => `${p} ${kb(n)}`).join(' + ')} + rest`);
    }
    if (overInit.length > 0) {
      // What init is made of: the same process and environment importing only the SDK v3 clients the handlers use (external, from the runtime's node_modules).
      const sdkProbe = join(root, 'sdk-only.mjs');
      await writeFile(sdkProbe, "import '@aws-sdk/client-dynamodb'; import '@aws-sdk/lib-dynamodb'; import '@aws-sdk/client-sqs';");
      const sdkRuns = [];
      for (let i = 0; i < runs; i++) sdkRuns.push((await timeInit(sdkProbe, environment('district', keyFiles), root, 'sdk')).init);
      const kind = slowest.name.startsWith('city') ? 'city' : 'district';
      const slowFn = all.find(({ fn }) => fn.name === slowest.name.replace(/^city openapi$/, 'openapi'))!.fn;
      const slowFile = join(root, kind, slowFn.name, 'index.mjs');
      const noMaps = [];
      for (let i = 0; i < runs; i++) noMaps.push((await timeInit(slowFile, { ...environment(kind, keyFiles, slowFn.keys), NODE_OPTIONS: '' }, root)).init);
      summary.gaps.push(`module init: ${overInit.length} of ${results.length} over ${initGoalMs} ms; importing the three SDK v3 clients alone takes ${median(sdkRuns).toFixed(0)} ms; ${slowest.name} ${slowest.init.toFixed(0)} ms, ${median(noMaps).toFixed(0)} ms without NODE_OPTIONS=--enable-source-maps (timings)`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
