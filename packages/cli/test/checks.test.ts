import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/args.ts';
import { dateOption, idOption, oneOf, scopesOption, tokenValue, urlValue } from '../src/checks.ts';

const jwt = (claims: object) => `eyJhbGciOiJFZERTQSJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

describe('option checks', () => {
  it('lists the allowed values when a value is not one of them', () => {
    const check = () => oneOf({ role: 'emperor' }, 'role', ['scanner', 'admin']);

    expect(check).toThrow(UsageError);
    expect(check).toThrow('--role "emperor" is not one of: scanner, admin');
    expect(oneOf({ role: 'admin' }, 'role', ['scanner', 'admin'])).toBe('admin');
    expect(oneOf({}, 'role', ['scanner'])).toBeUndefined();
  });

  it('takes ids the API takes, and refuses the rest', () => {
    expect(idOption({ id: 'dem-s1-c1.g1:x' }, 'id')).toBe('dem-s1-c1.g1:x');
    for (const wrong of ['', '-x', 'a b', 'a#b', 'x'.repeat(65)]) expect(() => idOption({ id: wrong }, 'id')).toThrow(UsageError);
  });

  it('reads scopes as ids separated by commas, or *', () => {
    expect(scopesOption({ scopes: 'g1, g2' }, 'scopes')).toEqual(['g1', 'g2']);
    expect(scopesOption({ scopes: '*' }, 'scopes')).toEqual(['*']);
    expect(() => scopesOption({ scopes: ',' }, 'scopes')).toThrow('must be ids separated by commas');
    expect(() => scopesOption({ scopes: 'g1,g 2' }, 'scopes')).toThrow(UsageError);
  });

  it('takes only calendar days that exist', () => {
    expect(dateOption({ date: '2024-02-29' }, 'date')).toBe('2024-02-29');
    for (const wrong of ['2023-02-29', '2026-13-01', '26-01-01', 'yesterday', '2026-1-1']) {
      expect(() => dateOption({ date: wrong }, 'date'), wrong).toThrow(`--date "${wrong}" is not a date as YYYY-MM-DD`);
    }
  });

  it('refuses a token that is not a JWT, or whose role cannot do the work', () => {
    expect(tokenValue(jwt({ role: 'command', district: 'demo' }), '--token', ['command'])).toMatchObject({ role: 'command', district: 'demo' });
    expect(() => tokenValue('not-a-token')).toThrow('--token is not a JWT');
    expect(() => tokenValue(jwt({ role: 'scanner' }), '--token', ['command', 'admin'])).toThrow('--token is a scanner token; this needs a token with role command or admin');
  });

  it('takes http and https URLs, without a trailing slash', () => {
    expect(urlValue('http://localhost:3000/', '--url')).toBe('http://localhost:3000');
    expect(urlValue('https://api.example.org/prod', '--url')).toBe('https://api.example.org/prod');
    expect(() => urlValue('localhost:3000', '--url')).toThrow(UsageError);
    expect(() => urlValue('ftp://x', 'FIRSTLINE_URL')).toThrow('FIRSTLINE_URL "ftp://x" is not an http or https URL');
  });
});
