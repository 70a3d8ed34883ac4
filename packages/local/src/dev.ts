import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startProvinceEmulator } from '@firstline/province-emulator';
import type { ProvinceEmulator } from '@firstline/province-emulator';
import { parseCityConfig, parseDistrictConfig } from '@firstline/service';
import { startEmulators } from './emulators.ts';
import type { Emulators } from './emulators.ts';
import { startFront } from './front.ts';
import { repoRoot } from './handlers.ts';
import { tokenSigningKey } from './keys.ts';
import { seedDemo } from './seed.ts';
import type { LocalCity } from './stack.ts';
import type { StackProcessOptions, StackReady } from './stack-process.ts';

/**
 * `pnpm dev`: the city of infra/city.json and its districts on this machine, one process per stack
 * on one pair of emulators, behind one address laid out as the cloud's command-center site is:
 *   /v1/city/…             the city stack
 *   /districts/<id>/…      each district stack (its /v1 routes, /local/*, /openapi.json)
 *   /…                     the district FIRSTLINE_DISTRICT (API.md's local contract) and the dashboard
 * Environment: PORT (3000), FIRSTLINE_DISTRICT (demo), FIRSTLINE_DISTRICTS (the city's members),
 * FIRSTLINE_CITY (0: no city stack), FIRSTLINE_DATA_DIR (.data/), FIRSTLINE_SEED (1; 0 to skip),
 * FIRSTLINE_PROVINCE (1: the emulated provincial service; 0: none), or FIRSTLINE_PROVINCE_URL with
 * FIRSTLINE_PROVINCE_LINK_FILE for a province run elsewhere, and for tests
 * FIRSTLINE_LOCAL_VISIBILITY_SECONDS, FIRSTLINE_LOCAL_SWEEP_SECONDS and FIRSTLINE_FAULTS.
 * While it runs, `<data dir>/url` holds its front address, where `firstline` finds it.
 * SIGINT (Ctrl-C) and SIGTERM stop every stack after its batches in flight and exit 0; the `dev`
 * script ignores both in the shells between pnpm and this process, so that pnpm sees that exit 0,
 * not a shell killed by the same Ctrl-C.
 */
const started = performance.now();
const env = process.env;
const dataDir = resolve(env['FIRSTLINE_DATA_DIR'] ?? '.data');
const port = Number(env['PORT'] ?? 3000);
const cityConfig = parseCityConfig(JSON.parse(readFileSync(join(repoRoot, 'infra/city.json'), 'utf8')), 'infra/city.json');
const defaultDistrict = env['FIRSTLINE_DISTRICT'] ?? 'demo';
const districts = [...new Set([defaultDistrict, ...(env['FIRSTLINE_DISTRICTS']?.split(',').filter(Boolean) ?? cityConfig.districts)])];
const withCity = env['FIRSTLINE_CITY'] !== '0';
const tuning = {
  ...(env['FIRSTLINE_LOCAL_VISIBILITY_SECONDS'] ? { visibilityTimeoutSeconds: Number(env['FIRSTLINE_LOCAL_VISIBILITY_SECONDS']) } : {}),
  ...(env['FIRSTLINE_LOCAL_SWEEP_SECONDS'] ? { sweepEverySeconds: Number(env['FIRSTLINE_LOCAL_SWEEP_SECONDS']) } : {}),
};

const districtName = (id: string) => {
  const file = join(repoRoot, 'infra/districts', `${id}.json`);
  return existsSync(file) ? parseDistrictConfig(JSON.parse(readFileSync(file, 'utf8')), file).name : `${id[0]!.toUpperCase()}${id.slice(1)} District`;
};

const urlFile = join(dataDir, 'url');
const children: ChildProcess[] = [];
let emulators: Emulators | undefined;
let front: { url: string; server: Server } | undefined;
let province: ProvinceEmulator | undefined;

// Registered before anything starts: a Ctrl-C during start-up or seeding stops what has started.
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping (finishing batches in flight)…`);
  await Promise.all(children.map((child) => new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done(undefined);
    child.once('exit', done);
    child.send({ stop: true });
  })));
  front?.server.close();
  await province?.stop();
  await emulators?.stop();
  await rm(urlFile, { force: true });
  console.log('stopped');
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
/** A start-up step that fails because a stop is under way is not an error: the stop decides the exit. */
const unlessStopping = (error: unknown) => {
  if (!stopping) throw error;
};

await mkdir(dataDir, { recursive: true });
// Made once here: every stack signs and checks tokens with it, so it must not be raced into being.
await tokenSigningKey(join(dataDir, 'keys', 'token-signing.json'));
emulators = await startEmulators(dataDir);
const endpoints = { dynamodbEndpoint: emulators.dynamodbEndpoint, sqsEndpoint: emulators.sqsEndpoint };
// The province the districts report to and whose codes their gates read: emulated here, its keys
// and colours under the data dir, unless one is given from outside (tests run their own) or none is wanted.
if (!env['FIRSTLINE_PROVINCE_URL'] && env['FIRSTLINE_PROVINCE'] !== '0') province = await startProvinceEmulator({ dataDir });
const provinceEnv: Record<string, string> = province ? { FIRSTLINE_PROVINCE_URL: province.url, FIRSTLINE_PROVINCE_LINK_FILE: province.linkFile } : {};

function launch(options: StackProcessOptions): Promise<StackReady> {
  const child = fork(join(import.meta.dirname, 'stack-process.ts'), [], {
    env: { ...env, ...provinceEnv, FIRSTLINE_STACK: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.push(child);
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`[${options.id}] ${line}`));
  }
  return new Promise<StackReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as StackReady));
    child.once('exit', (code) => reject(new Error(`stack ${options.id} exited (${code}) before it was ready`)));
  }).catch((error: unknown) => {
    unlessStopping(error);
    return new Promise<never>(() => undefined);
  });
}

let city: LocalCity | undefined;
let cityUrl: string | undefined;
if (withCity) {
  const members = { id: cityConfig.id, name: cityConfig.name, districts: cityConfig.districts };
  const ready = await launch({ kind: 'city', id: cityConfig.id, dataDir, endpoints, city: members, ...tuning });
  city = { ...members, ...(ready.queueUrls['city-rollup'] ? { queueUrl: ready.queueUrls['city-rollup'] } : {}) };
  cityUrl = ready.ready;
}
const districtUrls = new Map(await Promise.all(districts.map(async (id) => {
  const member = city && cityConfig.districts.includes(id) ? { city } : {};
  return [id, (await launch({ kind: 'district', id, dataDir, endpoints, ...member, ...tuning })).ready] as const;
})));

// What the dashboard needs to find every API; the cloud site deploys the same file.
const siteConfig = JSON.stringify({
  city: withCity ? { id: cityConfig.id, name: cityConfig.name } : null,
  defaultDistrict,
  districts: districts.map((id) => ({ id, name: districtName(id), api: `/districts/${id}` })),
});
front = await startFront(port, [
  ...(cityUrl ? [{ prefix: '/v1/city', target: cityUrl, keepPrefix: true }, { prefix: '/city', target: cityUrl }] : []),
  // The emulated province's own side (what a resident's mini-program asks it for: a code), and its
  // control, local only like the rest of /local: slow, failing or down, to watch the gates' fallback.
  ...(province ? [{ prefix: '/province', target: province.url }, { prefix: '/local/province', target: province.controlUrl }] : []),
  ...[...districtUrls].map(([id, target]) => ({ prefix: `/districts/${id}`, target })),
], districtUrls.get(defaultDistrict)!, (req, res, path) => {
  if (req.method !== 'GET' || path !== '/config.json') return false;
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' }).end(siteConfig);
  return true;
});

// Where `firstline` finds this stack when neither --url nor FIRSTLINE_URL says otherwise.
await writeFile(urlFile, `${front.url}\n`);

if (env['FIRSTLINE_SEED'] !== '0') {
  const frontUrl = front.url;
  await Promise.all(districts.map(async (id) => {
    const marker = join(dataDir, `seeded-${id}`);
    if (await access(marker).then(() => true, () => false)) return;
    console.log(`seeding demo district ${id}…`);
    const seeded = await seedDemo(`${frontUrl}/districts/${id}`, id, { province });
    await writeFile(marker, new Date().toISOString());
    console.log(`seeded ${id}: ${seeded.residents} residents; e.g. person ${seeded.samplePersonIds.join(', ')}`);
  })).catch(unlessStopping);
}
// A stop during the seed prints its own lines; the stack is not ready then.
if (!stopping) {
  const url = front.url;
  console.log(`firstline ready at ${url} — district ${defaultDistrict}${withCity ? `, city ${cityConfig.id}` : ''}, data in ${dataDir} (${Math.round(performance.now() - started)} ms)`);
  console.log(`  dashboard:  ${url}/  (sign in with a command token)`);
  if (withCity) console.log(`  city API:   ${url}/v1/city/reports/daily   token: curl -s -X POST ${url}/local/tokens -d '{"role":"command","district":"${cityConfig.id}","scopes":["*"]}'`);
  for (const id of districts) console.log(`  ${id} API:${' '.repeat(Math.max(1, 10 - id.length))}${url}/districts/${id}/v1/…${id === defaultDistrict ? `  (also ${url}/v1/…)` : ''}`);
  console.log(`  tokens: curl -s -X POST ${url}/local/tokens -d '{"role":"admin","district":"${defaultDistrict}","scopes":["*"]}'`);
  if (province) console.log(`  province:   a resident's provincial code: curl -s -X POST ${url}/province/mini-program/v1/codes -d '{"idNumber":"…"}'  (control: ${url}/local/province/control)`);
  console.log(`  status: curl -s ${url}/local/status`);
}
