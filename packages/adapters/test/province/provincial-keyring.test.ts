import { describe, expect, it } from 'vitest';
import { JwsProvincialKeyring } from '../../src/province/provincial-keyring.ts';
import { provincialIdDigest } from '../../src/province/id-digest.ts';
import { claimsAt, digest, testProvinceKey } from './province-support.ts';

const at = new Date('2020-03-12T01:00:00Z');

describe('JwsProvincialKeyring.verifyOffline', () => {
  it('verifies a code signed with a pinned key, without any network', async () => {
    // Prepare
    const key = await testProvinceKey();
    const keyring = new JwsProvincialKeyring({ issuer: '420000', keys: [key.publicJwk] });

    // Act
    const check = await keyring.verifyOffline(await key.sign(claimsAt(at, { col: 'yellow' })), at);

    // Assess
    expect(check).toMatchObject({ ok: true, code: { idDigest: digest, color: 'yellow', issuer: '420000' } });
  });

  it('refuses a code signed by another key with the same key id', async () => {
    const [real, forger] = [await testProvinceKey(), await testProvinceKey()];
    const keyring = new JwsProvincialKeyring({ issuer: '420000', keys: [real.publicJwk] });
    expect(await keyring.verifyOffline(await forger.sign(claimsAt(at)), at)).toEqual({ ok: false, why: 'signature' });
  });

  it('refuses a code whose colour was changed after signing', async () => {
    const key = await testProvinceKey();
    const keyring = new JwsProvincialKeyring({ issuer: '420000', keys: [key.publicJwk] });
    const code = await key.sign(claimsAt(at, { col: 'red' }));
    const [header, , signature] = code.slice('GBHC1:'.length).split('.');
    const greened = Buffer.from(JSON.stringify(claimsAt(at, { col: 'green' }))).toString('base64url');
    expect(await keyring.verifyOffline(`GBHC1:${header}.${greened}.${signature}`, at)).toEqual({ ok: false, why: 'signature' });
  });

  it.each([
    ['expired', claimsAt(new Date(at.getTime() - 3_600_000)), 'expired'],
    ['another issuer', claimsAt(at, { iss: '110000' }), 'malformed'],
    ['a raw ID number', claimsAt(at, { idd: '420102199001010011' }), 'malformed'],
  ])('refuses a code that is %s', async (_what, claims, why) => {
    const key = await testProvinceKey();
    const keyring = new JwsProvincialKeyring({ issuer: '420000', keys: [key.publicJwk] });
    expect(await keyring.verifyOffline(await key.sign(claims), at)).toEqual({ ok: false, why });
  });

  it('refuses a token of another type signed by the same key', async () => {
    const key = await testProvinceKey();
    const keyring = new JwsProvincialKeyring({ issuer: '420000', keys: [key.publicJwk] });
    expect(await keyring.verifyOffline(await key.sign(claimsAt(at), { typ: 'JWT' }), at)).toEqual({ ok: false, why: 'malformed' });
  });

  it('fetches the key set for an unknown key id, at most once a minute', async () => {
    // Prepare
    let now = 0;
    let fetches = 0;
    const rotated = await testProvinceKey('province-test-2');
    const keyring = new JwsProvincialKeyring({
      issuer: '420000', keys: [], now: () => now,
      fetchKeys: async () => {
        fetches += 1;
        return { issuer: '420000', keys: fetches > 1 ? [rotated.publicJwk as Record<string, unknown>] : [] };
      },
    });
    const code = await rotated.sign(claimsAt(at));

    // Act
    const first = await keyring.verifyOffline(code, at);
    const soon = await keyring.verifyOffline(code, at);
    now += 60_000;
    const later = await keyring.verifyOffline(code, at);

    // Assess
    expect([first.ok, soon.ok, later.ok]).toEqual([false, false, true]);
    expect(fetches).toBe(2);
  });

  it('ignores a key set that carries a private key', async () => {
    const key = await testProvinceKey();
    const keyring = new JwsProvincialKeyring({ issuer: '420000', keys: [{ ...key.publicJwk, d: 'secret' }] });
    expect(keyring.keyIds).toEqual([]);
  });
});

describe('provincialIdDigest', () => {
  it('is keyed, normalised, and 43 characters', () => {
    const salt = 'a'.repeat(32);
    expect(provincialIdDigest(salt, ' 42010219900101001x ')).toBe(provincialIdDigest(salt, '42010219900101001X'));
    expect(provincialIdDigest(salt, '42010219900101001X')).not.toBe(provincialIdDigest('b'.repeat(32), '42010219900101001X'));
    expect(provincialIdDigest(salt, '42010219900101001X')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
