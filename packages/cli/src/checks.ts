import { services } from '@firstline/service/manifest';
import type { QueueName } from '@firstline/service/manifest';
import { claimsOf, UsageError } from './args.ts';
import type { OptionValues, TokenClaims } from './args.ts';

/**
 * Checks of option values, made before anything is sent: a wrong value is a one-line reason and
 * exit code 2 at once, not a round trip and a server's 400. The stack still checks everything.
 */

/** Queues whose dead letters `firstline redrive` moves back: a district's, and the city's. */
export const redriveQueues: readonly QueueName[] = [...new Set(Object.values(services).flatMap((s) => s.queues.map((q) => q.name)))];

/** Report levels of `firstline export`: a district's four, and the city's. */
export const exportLevels = ['district', 'street', 'community', 'grid', 'city'] as const;

/** The API's id shape (@firstline/schemas `id`): what a district, street, grid or volunteer id may be. */
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

const quoted = (value: unknown) => JSON.stringify(value);

/** A string option's value, or undefined when absent. */
export function text(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function oneOf<T extends string>(values: OptionValues, name: string, allowed: readonly T[]): T | undefined {
  const value = text(values, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} ${quoted(value)} is not one of: ${allowed.join(', ')}`);
  return value as T;
}

export function idOption(values: OptionValues, name: string): string | undefined {
  const value = text(values, name);
  if (value === undefined) return undefined;
  if (!idPattern.test(value)) throw new UsageError(`--${name} ${quoted(value)} is not an id (1 to 64 letters, digits and . _ : -, starting with a letter or digit)`);
  return value;
}

/** A comma-separated list of ids, or `*` for everything the role may reach. */
export function scopesOption(values: OptionValues, name: string): string[] | undefined {
  const value = text(values, name);
  if (value === undefined) return undefined;
  const scopes = value.split(',').map((s) => s.trim()).filter(Boolean);
  const wrong = scopes.filter((s) => s !== '*' && !idPattern.test(s));
  if (scopes.length === 0 || wrong.length > 0) throw new UsageError(`--${name} ${quoted(value)} must be ids separated by commas, or *`);
  return scopes;
}

/** A calendar day as YYYY-MM-DD that exists (no 2026-02-30). */
export function dateOption(values: OptionValues, name: string): string | undefined {
  const value = text(values, name);
  if (value === undefined) return undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--${name} ${quoted(value)} is not a date as YYYY-MM-DD`);
  }
  return value;
}

/**
 * A bearer token: a JWT whose claims can be read (not verified: that is the stack's work), with a
 * role among `accepted` when the command only makes sense for some roles.
 */
export function tokenValue(value: string, name = '--token', accepted?: readonly string[]): TokenClaims {
  const claims = claimsOf(value);
  if (!claims) throw new UsageError(`${name} is not a JWT (header.payload.signature, as firstline token prints one)`);
  if (accepted && claims.role !== undefined && !accepted.includes(claims.role)) {
    throw new UsageError(`${name} is a ${claims.role} token; this needs a token with role ${accepted.join(' or ')}`);
  }
  return claims;
}

/** An http(s) URL, without the trailing slash a route path would double. */
export function urlValue(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} ${quoted(value)} is not a URL (for example http://localhost:3000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${name} ${quoted(value)} is not an http or https URL (for example http://localhost:3000)`);
  return value.replace(/\/+$/, '');
}
