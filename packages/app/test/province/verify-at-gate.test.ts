import { describe, expect, it } from 'vitest';
import type { CodeCheck, CodeColor } from '@firstline/domain';
import { defaultHealthCodePolicy, healthCodePolicy, provinceFirstPolicy } from '@firstline/domain/health-codes/index';
import type { ProvincialCode } from '@firstline/domain/health-codes/index';
import { firstlineCodeProvider } from '../../src/province/firstline-code-provider.ts';
import { provincialCodeProvider } from '../../src/province/provincial-code-provider.ts';
import { verifyAtGate } from '../../src/province/verify-at-gate.ts';
import type { GateCodePorts } from '../../src/province/verify-at-gate.ts';
import { FakeKeyring, FakePeople, FakeProvince } from './fakes.ts';

const at = new Date('2020-03-12T01:00:00Z');
const firstlineCode = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJwIn0.c2lnbmF0dXJl';
const provincialCode = 'GBHC1:eyJhbGciOiJFZERTQSJ9.eyJjaWQiOiJ4In0.c2lnbmF0dXJl';
const digest = 'D'.repeat(43);
const personId = 'p_registeredPerson000001';

const provincial = (color: CodeColor, idDigest = digest): ProvincialCode => ({
  issuer: '420000', codeId: 'code-0001', idDigest, color, issuedAt: new Date(at.getTime() - 60_000), expiresAt: new Date(at.getTime() + 540_000),
});

function gate(options: { policy?: GateCodePorts['policy']; firstline?: CodeCheck } = {}) {
  const province = new FakeProvince();
  const keyring = new FakeKeyring();
  const people = new FakePeople();
  let firstlineCalls = 0;
  const codes = {
    verify: async (): Promise<CodeCheck> => {
      firstlineCalls += 1;
      return options.firstline ?? { ok: true, claims: { personId, codeId: 'fl-1', issuedAt: at, expiresAt: new Date(at.getTime() + 300_000), color: 'green' } };
    },
  };
  const ports: GateCodePorts = {
    policy: options.policy ?? provinceFirstPolicy,
    providers: [firstlineCodeProvider(codes), provincialCodeProvider(province)],
    province: { keyring, people },
  };
  return { ports, province, keyring, people, firstlineCalls: () => firstlineCalls };
}

describe('verifyAtGate: Firstline’s own code', () => {
  it('vouches for the person and leaves the colour to Firstline’s record; single use', async () => {
    // Prepare
    const { ports, province } = gate();

    // Act
    const verdict = await verifyAtGate(ports, firstlineCode, at);

    // Assess
    expect(verdict).toMatchObject({ ok: true, provider: 'firstline', personId, codeId: 'fl-1', color: null, provisional: false, singleUse: true });
    expect(province.calls).toBe(0);
  });

  it('refuses a bad signature as Firstline’s refusal', async () => {
    const { ports } = gate({ firstline: { ok: false, why: 'signature' } });
    expect(await verifyAtGate(ports, firstlineCode, at)).toEqual({ ok: false, provider: 'firstline', why: 'signature' });
  });
});

describe('verifyAtGate: the province’s code online', () => {
  it('matches a registered resident by digest and takes the province’s colour now', async () => {
    // Prepare
    const { ports, province, people } = gate();
    await people.link(personId, digest);
    province.verification = { ok: true, code: provincial('yellow') };

    // Act
    const verdict = await verifyAtGate(ports, provincialCode, at);

    // Assess
    expect(verdict).toMatchObject({ ok: true, provider: 'province', personId, color: 'yellow', provisional: false, singleUse: false });
    expect(people.remembered).toEqual([{ idDigest: digest, color: 'yellow' }]);
  });

  it('writes the colour seen only when it changed', async () => {
    const { ports, province, people } = gate();
    await people.link(personId, digest);
    province.verification = { ok: true, code: provincial('green') };
    await verifyAtGate(ports, provincialCode, at);
    await verifyAtGate(ports, provincialCode, at);
    expect(people.remembered).toHaveLength(1);
  });

  it('names nobody for a digest not registered here (the gate says unknown-person) and keeps nothing about them', async () => {
    const { ports, province, people } = gate();
    province.verification = { ok: true, code: provincial('green', 'U'.repeat(43)) };
    const verdict = await verifyAtGate(ports, provincialCode, at);
    expect(verdict).toMatchObject({ ok: true, personId: null, color: 'green' });
    expect(people.remembered).toEqual([]);
  });

  it('passes the province’s refusal on and does not fall back on it', async () => {
    const { ports, province, keyring } = gate();
    province.verification = { ok: false, why: 'expired' };
    expect(await verifyAtGate(ports, provincialCode, at)).toEqual({ ok: false, provider: 'province', why: 'expired' });
    expect(keyring.calls).toBe(0);
  });

  it('does not accept the province’s code where the district accepts only Firstline’s', async () => {
    const { ports, province } = gate({ policy: defaultHealthCodePolicy });
    province.verification = { ok: true, code: provincial('green') };
    expect(await verifyAtGate(ports, provincialCode, at)).toEqual({ ok: false, provider: null, why: 'not-accepted' });
    expect(province.calls).toBe(0);
  });
});

describe('verifyAtGate: the province down', () => {
  it('answers provisionally from the signed code when nothing worse was seen', async () => {
    // Prepare
    const { ports, keyring, people } = gate();
    await people.link(personId, digest);
    keyring.answer = { ok: true, code: provincial('green') };

    // Act
    const verdict = await verifyAtGate(ports, provincialCode, at);

    // Assess
    expect(verdict).toMatchObject({ ok: true, provider: 'province', personId, color: 'green', provisional: true });
  });

  it.each(['yellow', 'red'] as const)('never answers better than the %s last seen, whatever the code says', async (seen) => {
    // Prepare
    const { ports, keyring, people } = gate();
    await people.link(personId, digest);
    await people.rememberColor(digest, seen, new Date(at.getTime() - 3_600_000));
    keyring.answer = { ok: true, code: provincial('green') };

    // Act
    const verdict = await verifyAtGate(ports, provincialCode, at);

    // Assess
    expect(verdict).toMatchObject({ ok: true, color: seen, provisional: true });
  });

  it('refuses a code whose signature the cached key does not confirm', async () => {
    const { ports, keyring } = gate();
    keyring.answer = { ok: false, why: 'signature' };
    expect(await verifyAtGate(ports, provincialCode, at)).toEqual({ ok: false, provider: 'province', why: 'signature' });
  });

  it('stays unavailable (invalid at the gate) when the district turned the fallback off', async () => {
    const { ports, keyring } = gate({ policy: healthCodePolicy({ accept: ['province'], offlineFallback: false }) });
    keyring.answer = { ok: true, code: provincial('green') };
    expect(await verifyAtGate(ports, provincialCode, at)).toEqual({ ok: false, provider: 'province', why: 'unavailable' });
    expect(keyring.calls).toBe(0);
  });
});
