import { describe, expect, it } from 'vitest';
import type { CodeCheck } from '../src/app/code-verify.ts';
import { flagOf, provisionalVerdict } from '../src/app/verdict.ts';

const valid = (color: 'green' | 'yellow' | 'red' | undefined): CodeCheck => ({ ok: true, personId: 'p_x', codeId: 'j', color, expiresAt: new Date() });

describe('provisionalVerdict', () => {
  it.each([
    ['a green code at 36.5', valid('green'), 36.5, 'allow', 'ok'],
    ['a green code at 37.2', valid('green'), 37.2, 'allow', 'ok'],
    ['a green code at the fever line', valid('green'), 37.3, 'deny', 'fever'],
    ['a yellow code', valid('yellow'), 36.5, 'deny', 'code-yellow'],
    ['a red code with fever: red comes first', valid('red'), 38.5, 'deny', 'code-red'],
    ['a forged code', { ok: false, why: 'signature' } as const, 36.5, 'deny', 'invalid-code'],
    ['an expired code', { ok: false, why: 'expired' } as const, 36.5, 'deny', 'invalid-code'],
    ['a code without a colour', valid(undefined), 36.5, 'deny', 'unverified-offline'],
    ['an ID number', 'id-number' as const, 36.5, 'deny', 'unverified-offline'],
    ['no keys cached yet', 'no-keys' as const, 36.5, 'deny', 'unverified-offline'],
  ] as const)('%s', (_name, check, temperature, verdict, reason) => {
    expect(provisionalVerdict(check, temperature)).toEqual({ verdict, reason });
  });
});

describe('flagOf', () => {
  const allowed = { verdict: 'allow', reason: 'ok' } as const;

  it('flags a code let through offline that the server found already used', () => {
    expect(flagOf(allowed, { verdict: 'deny', reason: 'invalid-code' })).toBe('reused');
  });

  it('flags any other reason the server would have stopped the person for', () => {
    expect(flagOf(allowed, { verdict: 'deny', reason: 'pass-quota' })).toBe('changed');
  });

  it('raises nothing when the server agrees, or when the gate had stopped the person anyway', () => {
    expect(flagOf(allowed, allowed)).toBeUndefined();
    expect(flagOf({ verdict: 'deny', reason: 'unverified-offline' }, { verdict: 'deny', reason: 'quarantine' })).toBeUndefined();
    expect(flagOf({ verdict: 'deny', reason: 'unverified-offline' }, allowed)).toBeUndefined();
  });
});
