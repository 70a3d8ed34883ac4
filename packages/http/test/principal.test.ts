import { describe, expect, it } from 'vitest';
import { tokenRules } from '@firstline/service';
import { principalFromClaims, readPrincipal } from '../src/principal.ts';

const now = Date.parse('2020-03-12T09:00:00Z');
const t = now / 1000;
/** A token issued a minute ago for an hour, as an identity provider would. */
const fresh = { iat: t - 60, exp: t + 3600 };

describe('readPrincipal', () => {
  it('reads array claims as API Gateway passes them ("[a b]") and as real arrays', () => {
    const fromGateway = principalFromClaims({ sub: 'u1', role: 'scanner', district: 'demo', scopes: '[cp1 cp2]', iat: String(fresh.iat), exp: String(fresh.exp) }, now);
    const fromArray = principalFromClaims({ sub: 'u1', role: 'scanner', district: 'demo', scopes: ['cp1', 'cp2'], ...fresh }, now);

    expect(fromGateway).toEqual({ subject: 'u1', role: 'scanner', district: 'demo', scopes: ['cp1', 'cp2'] });
    expect(fromArray).toEqual(fromGateway);
  });

  it('reads an empty array and a missing claim as no scopes', () => {
    expect(principalFromClaims({ role: 'grid-worker', district: 'demo', scopes: '[]', ...fresh }, now)?.scopes).toEqual([]);
    expect(principalFromClaims({ role: 'grid-worker', district: 'demo', ...fresh }, now)?.scopes).toEqual([]);
  });

  it.each([
    ['a space-separated string', 'g1 g2'],
    ['a comma-separated string', 'g1,g2'],
    ['one bare id (not an array)', 'g1'],
    ['commas inside the brackets', '[g1,g2]'],
    ['two spaces between items', '[g1  g2]'],
    ['an array item holding two ids', ['g1 g2']],
    ['an array item with a separator', ['g1,g2']],
    ['a sentinel that is no id', ['(nobody)']],
    ['an empty item', ['']],
    ['a number', [7 as unknown as string]],
  ])('refuses scopes given as %s, never splitting them', (_what, scopes) => {
    const reading = readPrincipal({ role: 'grid-worker', district: 'demo', scopes, ...fresh }, now);

    expect(reading.ok).toBe(false);
  });

  it.each([
    ['no exp', { iat: fresh.iat }, 'no expiry'],
    ['no iat', { exp: fresh.exp }, 'no issue time'],
    ['exp already past', { iat: t - 7200, exp: t - 1 }, 'expired'],
    ['issued in the future beyond the skew', { iat: t + tokenRules.clockSkewSeconds + 5, exp: t + 3600 }, 'future'],
    ['a lifetime over the maximum', { iat: t - 60, exp: t - 60 + tokenRules.maxLifetimeSeconds + 1 }, 'longer than'],
    ['a non-numeric exp', { iat: fresh.iat, exp: 'tomorrow' }, 'no expiry'],
  ])('refuses a token with %s, saying why', (_what, times, reason) => {
    const reading = readPrincipal({ role: 'admin', district: 'demo', ...times }, now);

    expect(reading).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it('accepts a token issued within the clock skew and one of exactly the maximum lifetime', () => {
    expect(readPrincipal({ role: 'admin', district: 'demo', iat: t + 60, exp: t + 3600 }, now).ok).toBe(true);
    expect(readPrincipal({ role: 'admin', district: 'demo', iat: t - 60, exp: t - 60 + tokenRules.maxLifetimeSeconds }, now).ok).toBe(true);
  });

  it.each([
    ['no claims', undefined],
    ['unknown role', { role: 'emperor', district: 'demo', ...fresh }],
    ['no district', { role: 'admin', ...fresh }],
    ['empty district', { role: 'admin', district: '', ...fresh }],
  ])('is refused for %s', (_name, claims) => {
    expect(principalFromClaims(claims, now)).toBeUndefined();
  });
});
