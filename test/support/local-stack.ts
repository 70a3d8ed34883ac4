import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FirstlineClient } from '@firstline/client';

const devEntry = fileURLToPath(new URL('../../packages/local/src/dev.ts', import.meta.url));

export interface RunningStack {
  readonly url: string;
  readonly dataDir: string;
  readonly district: string;
  readonly output: () => string;
  /** An anonymous client; `as(role, scopes)` gives one with a token. */
  readonly client: FirstlineClient;
  as(role: string, scopes?: string[], district?: string): Promise<FirstlineClient>;
  /** SIGTERM and wait for a clean exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

export interface StartOptions {
  readonly dataDir?: string;
  readonly district?: string;
  readonly seed?: boolean;
  /** Run the city and all its districts (infra/city.json), not just this one district. */
  readonly city?: boolean;
  /**
   * Run `pnpm dev`'s emulated province beside the stack (off by default, so a suite measures the
   * district alone; a suite that runs its own province passes its address in `env`).
   */
  readonly province?: boolean;
  readonly env?: Record<string, string>;
}

/**
 * Starts `pnpm dev`'s entry in a child process on a free port, the way a person runs it, and
 * waits for its `ready` line. Each test file gets its own data dir unless it passes one.
 */
export async function startStack(options: StartOptions = {}): Promise<RunningStack> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'firstline-test-')));
  // A data dir this helper made is removed when the process exits; one passed in belongs to the caller.
  if (!options.dataDir) process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  const district = options.district ?? 'demo';
  const child: ChildProcess = spawn(process.execPath, [devEntry], {
    env: {
      ...process.env,
      PORT: '0',
      FIRSTLINE_DISTRICT: district,
      FIRSTLINE_DATA_DIR: dataDir,
      FIRSTLINE_SEED: options.seed ? '1' : '0',
      FIRSTLINE_PROVINCE: options.province ? '1' : '0',
      ...(options.city ? {} : { FIRSTLINE_DISTRICTS: district, FIRSTLINE_CITY: '0' }),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /ready at (http:\/\/\S+)/.exec(output);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`local stack exited (${code}) before ready:\n${output}`)));
  });
  const client = new FirstlineClient({ baseUrl: url });
  return {
    url,
    dataDir,
    district,
    output: () => output,
    client,
    as: async (role, scopes = ['*'], tokenDistrict = district) =>
      client.withToken(await client.localToken({ role, district: tokenDistrict, scopes })),
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
