import { parseArgs } from 'node:util';

/** Wrong or missing options: the command prints its usage and exits 2. */
export class UsageError extends Error {}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export function options(args: string[], spec: OptionSpec): OptionValues {
  try {
    return parseArgs({ args, options: { ...spec, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values as OptionValues;
  } catch (error) {
    const unknown = /^Unknown option '([^']+)'/.exec((error as Error).message);
    if (!unknown) throw new UsageError((error as Error).message);
    throw new UsageError(`unknown option ${unknown[1]}; the options are ${[...Object.keys(spec), 'help'].map((o) => `--${o}`).join(', ')}`);
  }
}

/** Options and the words that are not options (a command's files), for a command that takes both. */
export function optionsAndArguments(args: string[], spec: OptionSpec): { values: OptionValues; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options: { ...spec, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true });
    return { values: parsed.values as OptionValues, positionals: parsed.positionals };
  } catch (error) {
    const unknown = /^Unknown option '([^']+)'/.exec((error as Error).message);
    if (!unknown) throw new UsageError((error as Error).message);
    throw new UsageError(`unknown option ${unknown[1]}; the options are ${[...Object.keys(spec), 'help'].map((o) => `--${o}`).join(', ')}`);
  }
}

export function required(values: OptionValues, ...names: string[]): void {
  const missing = names.filter((n) => typeof values[n] !== 'string' || values[n] === '');
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`);
}

/** A numeric option within bounds, or `fallback` when it is absent. */
export function numberOption(values: OptionValues, name: string, fallback: number, { min, max, integer = false }: { min: number; max: number; integer?: boolean }): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  }
  return n;
}

export interface TokenClaims {
  readonly role?: string;
  readonly district?: string;
  readonly scopes?: readonly string[];
}

/**
 * The claims of a bearer token, read without verifying it: only to route a token to the work its
 * role allows and to catch a wrong district before sending anything. The stack still decides.
 */
export function claimsOf(token: string): TokenClaims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const scopes = Array.isArray(claims['scopes']) ? claims['scopes'].map(String)
      : typeof claims['scopes'] === 'string' ? claims['scopes'].split(/[\s,]+/).filter(Boolean) : undefined;
    return {
      ...(typeof claims['role'] === 'string' ? { role: claims['role'] } : {}),
      ...(typeof claims['district'] === 'string' ? { district: claims['district'] } : {}),
      ...(scopes ? { scopes } : {}),
    };
  } catch {
    return undefined;
  }
}
