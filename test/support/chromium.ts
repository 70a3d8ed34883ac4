import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The one place the browser tests get Chromium from: Debian's `chromium-headless-shell`, driven by
 * playwright-core (which downloads no browser; none can be downloaded here). `CHROMIUM_PATH` points
 * at another build.
 */
export const chromiumPackage = 'chromium-headless-shell';

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return [env['CHROMIUM_PATH'], `/usr/bin/${chromiumPackage}`, '/usr/bin/chromium'].find((path): path is string => !!path && existsSync(path));
}

/** Chromium's path, or why there is none: what the browser tests report instead of a bare "not found". */
export type ChromiumFound = { readonly path: string } | { readonly problem: string };

function run(command: string, args: string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10 * 60_000,
  });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? result.error.message : ''}` };
}

/**
 * Finds Chromium, or installs Debian's headless shell with apt-get when it can (root, apt-get
 * present). The package lists are refreshed only when the first try fails: a fresh machine has none,
 * a machine that installed anything recently has them already.
 */
export function ensureChromium(log: (line: string) => void = console.log): ChromiumFound {
  const found = findChromium();
  if (found) return { path: found };
  const manual = `install it once with: apt-get update && apt-get install -y ${chromiumPackage} (as root), or set CHROMIUM_PATH to a Chromium binary`;
  if (!existsSync('/usr/bin/apt-get')) return { problem: `no Chromium found and no apt-get on this machine; ${manual}` };
  if (process.getuid?.() !== 0) return { problem: `no Chromium found, and installing it needs root; ${manual}` };
  log(`browser tests: no Chromium found; installing Debian's ${chromiumPackage} with apt-get (once, about a minute)…`);
  let install = run('apt-get', ['install', '-y', '--no-install-recommends', chromiumPackage]);
  if (!install.ok) {
    const update = run('apt-get', ['update']);
    if (!update.ok) return { problem: `apt-get update failed, so ${chromiumPackage} could not be installed; ${manual}\n${update.output.trim().split('\n').slice(-5).join('\n')}` };
    install = run('apt-get', ['install', '-y', '--no-install-recommends', chromiumPackage]);
  }
  const path = findChromium();
  if (!install.ok || !path) {
    return { problem: `apt-get install ${chromiumPackage} failed; ${manual}\n${install.output.trim().split('\n').slice(-5).join('\n')}` };
  }
  log(`browser tests: installed ${path}`);
  return { path };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by the browser project's global setup (chromium-setup.ts), read by launchChromium. */
    chromium: ChromiumFound;
  }
}
