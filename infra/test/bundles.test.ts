import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtKeys, functions, keyEnvNames } from '@firstline/service';
import { repoRoot } from '../bin/district-configs.ts';
import { synthDistrict } from './synth.ts';
import type { SynthesizedDistrict } from './synth.ts';
import { resourcesOf } from './template-refs.ts';

/**
 * The one test file that runs esbuild for every function (a few seconds each): what Lambda will
 * load, checked the way Lambda loads it. The other infra tests skip bundling.
 */

/** A handler with DynamoDB, SQS, middy and zod is ~100-200 kB; the SDK or all of zod's locales would double it. */
const bundleBudgetBytes = 512 * 1024;
const banner = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

let district: SynthesizedDistrict;
let outdir: string;
let loadDir: string;
let shimDir: string;

/**
 * With a pnpm lock file, NodejsFunction runs `pnpm exec -- esbuild <args>` once per function, and
 * pnpm's own start-up (~1.5 s on two busy cores) costs more than esbuild. For this worker only, a
 * `pnpm` first on PATH runs that exact command straight through the workspace's esbuild; any
 * other pnpm command goes to the real one. The esbuild arguments are CDK's, unchanged.
 */
function shortcutPnpmExecEsbuild(dir: string): void {
  const realPnpm = spawnSync('sh', ['-c', 'command -v pnpm'], { encoding: 'utf8' }).stdout.trim();
  const esbuild = join(repoRoot, 'node_modules/.bin/esbuild');
  if (!realPnpm || !existsSync(esbuild)) return;
  writeFileSync(join(dir, 'pnpm'), [
    '#!/bin/sh',
    `if [ "$1" = exec ] && [ "$2" = -- ] && [ "$3" = esbuild ]; then shift 3; exec '${esbuild}' "$@"; fi`,
    `exec '${realPnpm}' "$@"`,
    '',
  ].join('\n'));
  chmodSync(join(dir, 'pnpm'), 0o755);
  process.env['PATH'] = `${dir}:${process.env['PATH']}`;
}

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'firstline-bundles-'));
  loadDir = mkdtempSync(join(tmpdir(), 'firstline-load-'));
  shimDir = mkdtempSync(join(tmpdir(), 'firstline-pnpm-'));
  shortcutPnpmExecEsbuild(shimDir);
  district = synthDistrict('demo', { bundle: true, outdir });
});

afterAll(() => {
  for (const dir of [outdir, loadDir, shimDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The staged asset folder of a function: `asset.<hash>`, next to the template, for S3 key `<hash>.zip`. */
function bundleDir(name: string): string {
  const logicalId = district.api.getLogicalId(district.api.service.functions.get(name)!.node.defaultChild as CfnElement);
  const code = resourcesOf(district.apiTemplate)[logicalId]!.Properties!['Code'] as { S3Key: string };
  return join(outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
}

describe('function bundles', () => {
  it('are single ESM files that define require, within the size budget', () => {
    for (const fn of functions) {
      const file = join(bundleDir(fn.name), 'index.mjs');
      expect(existsSync(file), `${fn.name}: ${file}`).toBe(true);
      expect(readFileSync(file, 'utf8').startsWith(banner), fn.name).toBe(true);
      expect(statSync(file).size, `${fn.name} bundle size`).toBeLessThanOrEqual(bundleBudgetBytes);
    }
  });

  it('leave the AWS SDK to the runtime (nothing under @aws-sdk/ in the source map)', () => {
    for (const fn of functions) {
      const map = JSON.parse(readFileSync(join(bundleDir(fn.name), 'index.mjs.map'), 'utf8')) as { sources: string[] };
      expect(map.sources.length, fn.name).toBeGreaterThan(0);
      expect(map.sources.filter((s) => s.includes('/@aws-sdk/')), fn.name).toEqual([]);
    }
  });

  it('load on Node 24 with the environment the stack sets, and export a handler', () => {
    // A copy of each bundle beside a node_modules that stands in for the SDK the runtime provides.
    const root = loadDir;
    mkdirSync(join(root, 'node_modules'));
    symlinkSync(realpathSync(join(repoRoot, 'node_modules/.pnpm/node_modules/@aws-sdk')), join(root, 'node_modules/@aws-sdk'));
    for (const fn of functions) {
      mkdirSync(join(root, fn.name));
      for (const file of ['index.mjs', 'index.mjs.map']) copyFileSync(join(bundleDir(fn.name), file), join(root, fn.name, file));
    }
    // The district's keys, locally: one file each, same shape as each Secrets Manager secret.
    const codeSigningKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    const { d: _private, ...codePublicKey } = codeSigningKey;
    const keyFiles = { 'pseudonym-key': { pseudonymKey: randomBytes(32).toString('base64url') }, 'code-signing-key': { codeSigningKey }, 'code-public-key': { codePublicKey } };
    for (const [key, value] of Object.entries(keyFiles)) writeFileSync(join(root, `${key}.json`), JSON.stringify(value));

    // The stack's variables, with the data stack's outputs replaced by stand-ins.
    const first = resourcesOf(district.apiTemplate)[district.api.getLogicalId(district.api.service.functions.get(functions[0]!.name)!.node.defaultChild as CfnElement)]!;
    const variables = (first.Properties!['Environment'] as { Variables: Record<string, unknown> }).Variables;
    const environment = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : `https://stand-in.invalid/${k.toLowerCase()}`]));

    writeFileSync(join(root, 'load.mjs'), `
      const names = ${JSON.stringify(functions.map((f) => f.name))};
      const results = {};
      for (const name of names) {
        try {
          const mod = await import(new URL('./' + name + '/index.mjs', import.meta.url));
          results[name] = typeof mod.handler;
        } catch (error) {
          results[name] = 'failed: ' + (error && error.message);
        }
      }
      console.log(JSON.stringify(results));
    `);
    const run = spawnSync(process.execPath, [join(root, 'load.mjs')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env['PATH'],
        ...environment,
        ...Object.fromEntries(districtKeys.map((key) => [keyEnvNames.file(key), join(root, `${key}.json`)])),
        // Nothing may leave the machine: a handler that calls AWS while loading fails fast here.
        AWS_REGION: 'ap-east-1',
        AWS_ACCESS_KEY_ID: 'stand-in',
        AWS_SECRET_ACCESS_KEY: 'stand-in',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, string>;
    expect(results).toEqual(Object.fromEntries(functions.map((f) => [f.name, 'function'])));
  });
});
