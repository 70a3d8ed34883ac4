import { describe, expect, it } from 'vitest';
import { isProvincialCode, provincialCodeValidAt, readProvincialClaims } from '../../src/health-codes/provincial-code.ts';

const claims = {
  ver: '1', iss: '420000', cid: 'c0ffee00-1234', idt: '01', idd: 'q8S2l0m1Zk3xY7w9vA4bC6dEq8S2l0m1Zk3xY7w9vA4', col: 'yellow', iat: 1_584_000_000, exp: 1_584_000_600,
};

describe('readProvincialClaims', () => {
  it('reads every data element of a well-formed code', () => {
    // Act
    const read = readProvincialClaims(claims);

    // Assess
    expect(read).toEqual({
      ok: true,
      code: {
        issuer: '420000', codeId: 'c0ffee00-1234', idDigest: claims.idd, color: 'yellow',
        issuedAt: new Date(1_584_000_000_000), expiresAt: new Date(1_584_000_600_000),
      },
    });
  });

  it.each([
    ['ver', { ver: '2' }],
    ['iss', { iss: 'Hubei' }],
    ['cid', { cid: 'x' }],
    ['idt', { idt: '02' }],
    ['idd', { idd: '42010219900101001X' }],
    ['col', { col: 'blue' }],
    ['iat/exp', { exp: claims.iat }],
    ['iat/exp', { iat: 1.5 }],
  ])('refuses a code whose %s is wrong, naming it', (field, change) => {
    // Act
    const read = readProvincialClaims({ ...claims, ...change });

    // Assess
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.problem).toMatch(new RegExp(`^${field.replace('/', '\\/')}:`));
  });

  it('refuses a raw ID number where the digest belongs (the code must never carry one)', () => {
    // Act
    const reads = ['420102199001010011', '42010219900101001X'].map((idd) => readProvincialClaims({ ...claims, idd }));

    // Assess
    expect(reads.map((r) => r.ok)).toEqual([false, false]);
  });
});

describe('provincialCodeValidAt', () => {
  const code = { issuedAt: new Date('2020-03-12T09:00:00Z'), expiresAt: new Date('2020-03-12T09:10:00Z') };

  it.each([
    ['2020-03-12T08:59:56Z', true],
    ['2020-03-12T08:59:50Z', false],
    ['2020-03-12T09:05:00Z', true],
    ['2020-03-12T09:10:00Z', false],
  ])('at %s → %s', (at, valid) => {
    expect(provincialCodeValidAt(code, new Date(at))).toBe(valid);
  });
});

describe('isProvincialCode', () => {
  it('tells the province’s code by its prefix', () => {
    expect(isProvincialCode('GBHC1:eyJhbGciOiJFZERTQSJ9.e30.c2ln')).toBe(true);
    expect(isProvincialCode('eyJhbGciOiJFZERTQSIsInR5cCI6ImZsLWNvZGUifQ.e30.c2ln')).toBe(false);
  });
});
