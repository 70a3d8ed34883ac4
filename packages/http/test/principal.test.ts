import { describe, expect, it } from 'vitest';
import { principalFromClaims } from '../src/principal.ts';

describe('principalFromClaims', () => {
  it('reads array claims as API Gateway passes them ("[a b]") and as real arrays', () => {
    const fromGateway = principalFromClaims({ sub: 'u1', role: 'scanner', district: 'demo', scopes: '[cp1 cp2]' });
    const fromArray = principalFromClaims({ sub: 'u1', role: 'scanner', district: 'demo', scopes: ['cp1', 'cp2'] });

    expect(fromGateway).toEqual({ subject: 'u1', role: 'scanner', district: 'demo', scopes: ['cp1', 'cp2'] });
    expect(fromArray).toEqual(fromGateway);
  });

  it.each([
    ['no claims', undefined],
    ['unknown role', { role: 'emperor', district: 'demo' }],
    ['no district', { role: 'admin' }],
    ['empty district', { role: 'admin', district: '' }],
  ])('is undefined for %s', (_name, claims) => {
    expect(principalFromClaims(claims)).toBeUndefined();
  });

  it('treats missing scopes as none', () => {
    expect(principalFromClaims({ role: 'grid-worker', district: 'demo' })?.scopes).toEqual([]);
  });
});
