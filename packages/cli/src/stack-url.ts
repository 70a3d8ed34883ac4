import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FirstlineClient } from '@firstline/client';
import { urlValue } from './checks.ts';

export const defaultUrl = 'http://localhost:3000';

/** The stack a command talks to, and where that address came from (said when it cannot be reached). */
export interface StackUrl {
  readonly url: string;
  readonly from: 'option' | 'env' | 'dev' | 'default';
  /** The file `pnpm dev` wrote its address to (read, or looked for when the default is used). */
  readonly urlFile: string;
}

/**
 * Where the stack is: `--url`, else `FIRSTLINE_URL`, else the address the running `pnpm dev` wrote
 * to `<FIRSTLINE_DATA_DIR or .data>/url` (so a stack started on another port is found), else
 * http://localhost:3000. A wrong --url or FIRSTLINE_URL is a usage error, found before any call.
 */
export function stackUrl(option: string | undefined, env: NodeJS.ProcessEnv = process.env): StackUrl {
  const urlFile = join(env['FIRSTLINE_DATA_DIR'] || '.data', 'url');
  if (option !== undefined) return { url: urlValue(option, '--url'), from: 'option', urlFile };
  const fromEnv = env['FIRSTLINE_URL'];
  if (fromEnv) return { url: urlValue(fromEnv, 'FIRSTLINE_URL'), from: 'env', urlFile };
  let written: string | undefined;
  try {
    written = readFileSync(urlFile, 'utf8').trim();
  } catch {
    written = undefined;
  }
  if (written && /^https?:\/\/\S+$/.test(written)) return { url: written.replace(/\/+$/, ''), from: 'dev', urlFile };
  return { url: defaultUrl, from: 'default', urlFile };
}

/** A stack that did not answer at all: the message names the address, where it came from and how to change it. */
export class UnreachableError extends Error {}

export function unreachable(target: StackUrl, error: unknown): UnreachableError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? (error as Error).message;
  const where = {
    option: `${target.url} (from --url)`,
    env: `${target.url} (from FIRSTLINE_URL)`,
    dev: `${target.url} (written to ${target.urlFile} by pnpm dev; is it still running?)`,
    default: `${target.url} (the default: no running pnpm dev has written ${target.urlFile})`,
  }[target.from];
  const change = target.from === 'env'
    ? 'change or unset FIRSTLINE_URL, or pass --url <address>'
    : 'start the local stack with pnpm dev, or pass --url <address> or set FIRSTLINE_URL for another stack';
  return new UnreachableError(`cannot reach ${where}: ${why}; ${change}`);
}

/** A client whose failed connections say which address was tried and how to change it. */
export function connect(target: StackUrl, token?: string): FirstlineClient {
  const reaching: typeof fetch = async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (error) {
      throw unreachable(target, error);
    }
  };
  return new FirstlineClient({ baseUrl: target.url, fetch: reaching, ...(token ? { token } : {}) });
}
