import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/args.ts';
import { connect, stackUrl } from '../src/stack-url.ts';

function dataDir(url?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'firstline-cli-'));
  if (url !== undefined) writeFileSync(join(dir, 'url'), `${url}\n`);
  return dir;
}

/** An address nothing listens on: a port the system just gave out and took back. */
async function closedAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('the stack a command talks to', () => {
  it('is --url first, then FIRSTLINE_URL, then what pnpm dev wrote, then localhost:3000', () => {
    const dir = dataDir('http://localhost:41234');
    const env = { FIRSTLINE_DATA_DIR: dir, FIRSTLINE_URL: 'http://10.0.0.5:3000/' };

    expect(stackUrl('http://example.org:8080', env)).toMatchObject({ url: 'http://example.org:8080', from: 'option' });
    expect(stackUrl(undefined, env)).toMatchObject({ url: 'http://10.0.0.5:3000', from: 'env' });
    expect(stackUrl(undefined, { FIRSTLINE_DATA_DIR: dir })).toEqual({ url: 'http://localhost:41234', from: 'dev', urlFile: join(dir, 'url') });
    expect(stackUrl(undefined, { FIRSTLINE_DATA_DIR: dataDir() })).toMatchObject({ url: 'http://localhost:3000', from: 'default' });
  });

  it('ignores a url file that holds no address, and refuses a wrong FIRSTLINE_URL before any call', () => {
    expect(stackUrl(undefined, { FIRSTLINE_DATA_DIR: dataDir('garbage') })).toMatchObject({ from: 'default' });
    expect(() => stackUrl(undefined, { FIRSTLINE_URL: 'localhost:3000' })).toThrow(UsageError);
  });

  it('names the address it tried, where it came from and how to change it when nothing answers', async () => {
    const dir = dataDir();
    const closed = await closedAddress();
    const fromDefault = { ...stackUrl(undefined, { FIRSTLINE_DATA_DIR: dir }), url: closed };
    const fromEnv = stackUrl(undefined, { FIRSTLINE_URL: closed });

    const defaultError = await connect(fromDefault).get('/local/status').catch((e: Error) => e.message);
    const envError = await connect(fromEnv).get('/local/status').catch((e: Error) => e.message);

    expect(defaultError).toContain(`cannot reach ${closed} (the default: no running pnpm dev has written ${join(dir, 'url')})`);
    expect(defaultError).toContain('ECONNREFUSED');
    expect(defaultError).toContain('start the local stack with pnpm dev, or pass --url <address> or set FIRSTLINE_URL');
    expect(envError).toContain(`cannot reach ${closed} (from FIRSTLINE_URL)`);
    expect(envError).toContain('change or unset FIRSTLINE_URL');
  });
});
