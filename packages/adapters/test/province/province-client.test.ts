import { describe, expect, it } from 'vitest';
import { ProvinceUnavailableError } from '@firstline/domain/health-codes/index';
import { HttpProvincialService, ProvinceProtocolError, provincePaths } from '../../src/province/province-client.ts';
import { claimsAt, digest, fakeFetch, hangingFetch, json } from './province-support.ts';

const at = new Date('2020-03-12T01:00:00Z');
const options = { baseUrl: 'http://127.0.0.1:1', clientId: 'demo', clientSecret: 's3cret' };
const report = {
  eventId: 'demo:c1:registered', type: 'case-registered', reporter: 'demo', caseId: 'c1', idDigest: digest,
  category: 'confirmed', quarantine: 'central', at: '2020-03-12T09:00:00+08:00',
} as const;

describe('HttpProvincialService.verifyCode', () => {
  it('posts the code with the district’s credentials and reads the claims with the colour now', async () => {
    // Prepare
    const { fetch, calls } = fakeFetch(() => json(200, { result: 'valid', claims: claimsAt(at, { col: 'red' }) }));
    const province = new HttpProvincialService({ ...options, fetch });

    // Act
    const check = await province.verifyCode('GBHC1:abc', at);

    // Assess
    expect(check).toMatchObject({ ok: true, code: { idDigest: digest, color: 'red', codeId: 'code-00000001' } });
    expect(calls[0]!.url.pathname).toBe(provincePaths.verify);
    expect(new Headers(calls[0]!.init.headers).get('authorization')).toBe('Bearer s3cret');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ code: 'GBHC1:abc', at: at.toISOString() });
  });

  it('passes the province’s refusal on', async () => {
    const { fetch } = fakeFetch(() => json(200, { result: 'invalid', why: 'expired' }));
    expect(await new HttpProvincialService({ ...options, fetch }).verifyCode('GBHC1:abc', at)).toEqual({ ok: false, why: 'expired' });
  });

  it('gives up after its timeout: unavailable within the gate’s budget', async () => {
    // Prepare
    const province = new HttpProvincialService({ ...options, fetch: hangingFetch(), verifyTimeoutMs: 50 });
    const started = performance.now();

    // Act
    const failed = province.verifyCode('GBHC1:abc', at);

    // Assess
    await expect(failed).rejects.toBeInstanceOf(ProvinceUnavailableError);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it.each([500, 502, 503, 429])('takes a %i as unavailable', async (status) => {
    const { fetch } = fakeFetch(() => json(status, { error: 'busy' }));
    await expect(new HttpProvincialService({ ...options, fetch }).verifyCode('GBHC1:abc', at)).rejects.toBeInstanceOf(ProvinceUnavailableError);
  });

  it('takes a refused connection as unavailable', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    }) as typeof globalThis.fetch;
    await expect(new HttpProvincialService({ ...options, fetch }).verifyCode('GBHC1:abc', at)).rejects.toBeInstanceOf(ProvinceUnavailableError);
  });

  it('refuses an answer whose claims do not parse (a colour it cannot read is never guessed)', async () => {
    const { fetch } = fakeFetch(() => json(200, { result: 'valid', claims: claimsAt(at, { col: 'purple' }) }));
    await expect(new HttpProvincialService({ ...options, fetch }).verifyCode('GBHC1:abc', at)).rejects.toBeInstanceOf(ProvinceProtocolError);
  });

  it('opens its circuit after five failures: the sixth call does not reach the province', async () => {
    // Prepare
    let now = 0;
    const { fetch, calls } = fakeFetch(() => json(503, {}));
    const province = new HttpProvincialService({ ...options, fetch, now: () => now });
    for (let i = 0; i < 5; i++) await expect(province.verifyCode('GBHC1:abc', at)).rejects.toBeInstanceOf(ProvinceUnavailableError);

    // Act
    const refused = province.verifyCode('GBHC1:abc', at);

    // Assess
    await expect(refused).rejects.toBeInstanceOf(ProvinceUnavailableError);
    expect(calls).toHaveLength(5);
    expect(province.circuit).toBe('open');
    now += 10_000;
    expect(province.circuit).toBe('half-open');
  });

  it('does not open the circuit on refusals: the province is answering', async () => {
    const { fetch } = fakeFetch(() => json(200, { result: 'invalid', why: 'signature' }));
    const province = new HttpProvincialService({ ...options, fetch });
    for (let i = 0; i < 8; i++) await province.verifyCode('GBHC1:abc', at);
    expect(province.circuit).toBe('closed');
  });
});

describe('HttpProvincialService.reportCase', () => {
  it('sends the event id as the idempotency key and reads whether it was a duplicate', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { duplicate: true, col: 'red' }));
    const answer = await new HttpProvincialService({ ...options, fetch }).reportCase(report);
    expect(answer).toEqual({ duplicate: true, color: 'red' });
    expect(new Headers(calls[0]!.init.headers).get('idempotency-key')).toBe(report.eventId);
  });

  it('throws a 409 (same event, other body) as the province’s answer, not as unavailable', async () => {
    const { fetch } = fakeFetch(() => json(409, { error: 'conflict' }));
    const failed = new HttpProvincialService({ ...options, fetch }).reportCase(report);
    await expect(failed).rejects.toBeInstanceOf(ProvinceProtocolError);
    await expect(failed).rejects.not.toBeInstanceOf(ProvinceUnavailableError);
  });
});

describe('HttpProvincialService.personColor', () => {
  it('reads the colour and when the province decided it', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { idDigest: digest, col: 'yellow', asOf: '2020-03-12T01:00:00.000Z' }));
    expect(await new HttpProvincialService({ ...options, fetch }).personColor(digest)).toEqual({ color: 'yellow', asOf: at });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ idDigest: digest });
  });
});
