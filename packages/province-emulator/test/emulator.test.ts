import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startProvinceEmulator } from '../src/emulator.ts';
import type { ProvinceEmulator } from '../src/emulator.ts';
import { seedProvincialResidents } from '../src/seed-residents.ts';

const idNumber = '42010219900101001X';
let dataDir: string;
let province: ProvinceEmulator;
let clock = Date.parse('2020-03-12T01:00:00Z');

const call = (path: string, body?: unknown, headers: Record<string, string> = {}) => fetch(`${province.url}${path}`, {
  method: body === undefined ? 'GET' : 'POST',
  headers: {
    'content-type': 'application/json', authorization: `Bearer ${province.link.clientSecret}`, 'x-client-id': province.link.clientId, ...headers,
  },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});
const control = (path: string, method: string, body?: unknown) => fetch(`${province.controlUrl}${path}`, {
  method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});
const report = (change: Record<string, unknown> = {}) => ({
  eventId: 'demo:case-1:registered', type: 'case-registered', reporter: 'demo', caseId: 'case-1', idDigest: province.digestOf(idNumber),
  category: 'close-contact', quarantine: 'home', at: '2020-03-12T09:00:00+08:00', ...change,
});

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'province-'));
  province = await startProvinceEmulator({ dataDir, now: () => clock });
});
afterEach(async () => {
  await province.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the emulated province', () => {
  it('issues a code for an ID number that its verify interface vouches for, with the colour now', async () => {
    // Prepare
    const { code, color } = await province.issueCode(idNumber);

    // Act
    const res = await call('/gbt38963/v1/codes/verify', { code });

    // Assess
    expect(color).toBe('green');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ result: 'valid', claims: { idd: province.digestOf(idNumber), col: 'green', iss: '420000', idt: '01' } });
    expect(code).not.toContain(idNumber);
  });

  it('turns a person yellow on a reported close contact, red on a confirmed case, green after both are released', async () => {
    const digest = province.digestOf(idNumber);
    const colour = async () => ((await (await call('/gbt38963/v1/persons/color', { idDigest: digest })).json()) as { col: string }).col;
    expect(await colour()).toBe('green');
    expect((await call('/gbt38963/v1/case-reports', report())).status).toBe(201);
    expect(await colour()).toBe('yellow');
    await call('/gbt38963/v1/case-reports', report({ eventId: 'demo:case-2:registered', caseId: 'case-2', category: 'confirmed', quarantine: 'central' }));
    expect(await colour()).toBe('red');
    await call('/gbt38963/v1/case-reports', report({ eventId: 'demo:case-2:released', caseId: 'case-2', type: 'case-released', category: 'confirmed', quarantine: 'central' }));
    expect(await colour()).toBe('yellow');
    await call('/gbt38963/v1/case-reports', report({ eventId: 'demo:case-1:released', type: 'case-released' }));
    expect(await colour()).toBe('green');
  });

  it('takes each event id once: a repeat is a duplicate that changes nothing, another body is a 409', async () => {
    // Act
    const first = await call('/gbt38963/v1/case-reports', report());
    const again = await call('/gbt38963/v1/case-reports', report());
    const other = await call('/gbt38963/v1/case-reports', report({ category: 'confirmed' }));

    // Assess
    expect([first.status, again.status, other.status]).toEqual([201, 200, 409]);
    expect(await again.json()).toEqual({ duplicate: true, col: 'yellow' });
    const { reports } = (await (await control('/control/reports', 'GET')).json()) as { reports: { eventId: string; received: number }[] };
    expect(reports).toEqual([expect.objectContaining({ eventId: 'demo:case-1:registered', received: 2 })]);
  });

  it('keeps a release that arrives before its registration, so the late registration leaves the person green', async () => {
    await call('/gbt38963/v1/case-reports', report({ eventId: 'demo:case-1:released', type: 'case-released', at: '2020-03-20T09:00:00+08:00' }));
    const res = await call('/gbt38963/v1/case-reports', report());
    expect(await res.json()).toEqual({ duplicate: false, col: 'green' });
  });

  it('refuses unknown clients and bad bodies with a 4xx naming the field', async () => {
    expect((await call('/gbt38963/v1/persons/color', { idDigest: province.digestOf(idNumber) }, { authorization: 'Bearer wrong' })).status).toBe(401);
    const bad = await call('/gbt38963/v1/case-reports', report({ idDigest: idNumber }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(['idDigest']);
  });

  it('refuses an expired code and a forged one', async () => {
    const { code } = await province.issueCode(idNumber);
    clock += 11 * 60_000;
    expect(await (await call('/gbt38963/v1/codes/verify', { code })).json()).toEqual({ result: 'invalid', why: 'expired' });
    const forged = `${code.slice(0, -4)}AAAA`;
    expect(await (await call('/gbt38963/v1/codes/verify', { code: forged })).json()).toEqual({ result: 'invalid', why: 'signature' });
  });

  it('can be made slow, failing and down through its control port, and comes back', async () => {
    // Slow
    await control('/control', 'PUT', { latencyMs: 200 });
    const started = performance.now();
    await call('/gbt38963/v1/keys');
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    // Failing
    await control('/control', 'PUT', { latencyMs: 0, failure: '5xx' });
    expect((await call('/gbt38963/v1/keys')).status).toBe(503);
    // Down: connections refused
    await control('/control', 'PUT', { failure: 'none', down: true });
    await expect(call('/gbt38963/v1/keys')).rejects.toThrow();
    // Up again on the same address
    await control('/control', 'PUT', { down: false });
    expect((await call('/gbt38963/v1/keys')).status).toBe(200);
  });

  it('keeps its key and colours across a restart', async () => {
    // Prepare
    const { code } = await province.issueCode(idNumber);
    await control('/control/colors', 'POST', { idNumber, color: 'red' });
    await province.stop();

    // Act
    province = await startProvinceEmulator({ dataDir, now: () => clock });

    // Assess
    expect(await (await call('/gbt38963/v1/codes/verify', { code })).json()).toMatchObject({ result: 'valid', claims: { col: 'red' } });
  });

  it('seeds residents for the demo: each with a code, every fifth yellow by the province’s own data', async () => {
    // Act
    const samples = await seedProvincialResidents(province, Array.from({ length: 10 }, (_, i) => `4201021990010100${String(i).padStart(2, '0')}`));

    // Assess
    expect(samples.map((s) => s.color)).toEqual(['green', 'green', 'green', 'green', 'yellow', 'green', 'green', 'green', 'green', 'yellow']);
    const verified = await (await call('/gbt38963/v1/codes/verify', { code: samples[4]!.code })).json();
    expect(verified).toMatchObject({ result: 'valid', claims: { col: 'yellow' } });
  });
});
