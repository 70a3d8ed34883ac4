import { describe, expect, it } from 'vitest';
import { canonicalScanBody, epochMsOf } from '../../src/scans/scan-hash.ts';
import type { ScanBody } from '../../src/scans/scan-hash.ts';

const body: ScanBody = {
  scanId: 'scan-1',
  checkpointId: 'cp-north',
  code: 'token.abc',
  direction: 'in',
  temperatureC: 36.5,
  scannedAt: '2020-03-12T09:00:00+08:00',
  deviceId: 'dev-7',
};

describe('epochMsOf', () => {
  const at0100Z = Date.UTC(2020, 2, 12, 1, 0, 0);

  it.each([
    ['2020-03-12T01:00:00Z', at0100Z],
    ['2020-03-12T01:00:00z', at0100Z],
    ['2020-03-12t01:00:00Z', at0100Z],
    ['2020-03-12 01:00:00Z', at0100Z],
    ['2020-03-12T01:00:00.000Z', at0100Z],
    ['2020-03-12T01:00:00+00:00', at0100Z],
    ['2020-03-12T01:00:00-00:00', at0100Z],
    ['2020-03-12T09:00:00+08:00', at0100Z],
    ['2020-03-12T09:00:00+0800', at0100Z],
    ['2020-03-12T09:00:00+08', at0100Z],
    ['2020-03-12T09:00+08:00', at0100Z],
    ['2020-03-11T20:00:00-05:00', at0100Z],
    ['2020-03-12T06:30:00+05:30', at0100Z],
    ['2020-03-12T01:00:00.5Z', at0100Z + 500],
    ['2020-03-12T01:00:00,25Z', at0100Z + 250],
    ['2020-03-12T01:00:00.123Z', at0100Z + 123],
    ['2020-03-12T01:00:00.1239Z', at0100Z + 123],
    ['2020-02-29T00:00:00Z', Date.UTC(2020, 1, 29)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['2020-01-01T00:30:00+08:00', Date.UTC(2019, 11, 31, 16, 30)],
    ['0099-01-01T00:00:00Z', Date.parse('0099-01-01T00:00:00Z')],
  ])('%s → %s', (iso, ms) => {
    // Act
    const result = epochMsOf(iso);

    // Assess
    expect(result).toBe(ms);
  });

  it.each([
    ['no offset (would depend on the process time zone)', '2020-03-12T09:00:00'],
    ['a date only', '2020-03-12'],
    ['month 13', '2020-13-01T00:00:00Z'],
    ['month 0', '2020-00-10T00:00:00Z'],
    ['day 0', '2020-03-00T00:00:00Z'],
    ['30 February', '2020-02-30T00:00:00Z'],
    ['29 February of a common year', '2019-02-29T00:00:00Z'],
    ['29 February 1900', '1900-02-29T00:00:00Z'],
    ['31 April', '2020-04-31T00:00:00Z'],
    ['hour 24', '2020-03-12T24:00:00Z'],
    ['minute 60', '2020-03-12T01:60:00Z'],
    ['second 60', '2020-03-12T01:00:60Z'],
    ['offset hour 24', '2020-03-12T01:00:00+24:00'],
    ['offset minute 60', '2020-03-12T01:00:00+08:60'],
    ['trailing text', '2020-03-12T01:00:00Zjunk'],
    ['an epoch number', '1584000000000'],
    ['words', 'yesterday'],
    ['empty', ''],
  ])('%s is not an instant', (_name, iso) => {
    // Act
    const result = epochMsOf(iso);

    // Assess
    expect(result).toBeNull();
  });
});

describe('canonicalScanBody', () => {
  it('does not depend on the order of the keys', () => {
    // Prepare
    const reversed = Object.fromEntries(Object.entries(body).reverse()) as unknown as ScanBody;

    // Act
    const a = canonicalScanBody(body);
    const b = canonicalScanBody(reversed);

    // Assess
    expect(Object.keys(reversed)[0]).toBe('deviceId');
    expect(b).toBe(a);
  });

  it.each([
    '2020-03-12T01:00:00Z',
    '2020-03-12T01:00:00.000Z',
    '2020-03-12T01:00:00+00:00',
    '2020-03-12T09:00:00.000+08:00',
    '2020-03-12T09:00:00+0800',
    '2020-03-12T09:00+08:00',
    '2020-03-11T20:00:00-05:00',
  ])('gives the same string for the same instant written as %s', (scannedAt) => {
    // Act
    const s = canonicalScanBody({ ...body, scannedAt });

    // Assess
    expect(s).toBe(canonicalScanBody(body));
  });

  it('ignores fields outside the body it fingerprints', () => {
    // Prepare
    const withExtra = { ...body, receivedAt: '2020-03-13T00:00:00Z', note: 'x' } as ScanBody;

    // Act
    const s = canonicalScanBody(withExtra);

    // Assess
    expect(s).toBe(canonicalScanBody(body));
  });

  it('treats an absent optional field and an undefined one alike', () => {
    // Prepare
    const { deviceId: _omit, ...withoutDevice } = body;

    // Act
    const s = canonicalScanBody({ ...withoutDevice, deviceId: undefined });

    // Assess
    expect(s).toBe(canonicalScanBody(withoutDevice));
  });

  it.each<[string, Partial<ScanBody>]>([
    ['scanId', { scanId: 'scan-2' }],
    ['checkpointId', { checkpointId: 'cp-south' }],
    ['code', { code: 'token.abd' }],
    ['code moved to idNumberHash', { code: undefined, idNumberHash: 'token.abc' }],
    ['idNumberHash added', { idNumberHash: 'p_123' }],
    ['direction', { direction: 'out' }],
    ['temperature', { temperatureC: 36.6 }],
    ['temperature NaN', { temperatureC: Number.NaN }],
    ['scannedAt one millisecond later', { scannedAt: '2020-03-12T09:00:00.001+08:00' }],
    ['scannedAt with the offset changed but not the clock', { scannedAt: '2020-03-12T09:00:00+09:00' }],
    ['scannedAt without an offset', { scannedAt: '2020-03-12T09:00:00' }],
    ['deviceId', { deviceId: 'dev-8' }],
    ['deviceId absent', { deviceId: undefined }],
    ['deviceId empty', { deviceId: '' }],
    ['deviceId the string "null"', { deviceId: 'null' }],
  ])('changes when the body differs in %s', (_name, change) => {
    // Act
    const s = canonicalScanBody({ ...body, ...change });

    // Assess
    expect(s).not.toBe(canonicalScanBody(body));
  });

  it('cannot be fooled by separators inside values', () => {
    // Prepare
    const a = { ...body, scanId: 'a","b', checkpointId: 'c' };
    const b = { ...body, scanId: 'a', checkpointId: 'b","c' };

    // Act + Assess
    expect(canonicalScanBody(a)).not.toBe(canonicalScanBody(b));
  });

  it('keeps different invalid times apart, and apart from any valid one', () => {
    // Act
    const x = canonicalScanBody({ ...body, scannedAt: 'garbage-1' });
    const y = canonicalScanBody({ ...body, scannedAt: 'garbage-2' });
    const num = canonicalScanBody({ ...body, scannedAt: String(epochMsOf(body.scannedAt)) });

    // Assess
    expect(x).not.toBe(y);
    expect(num).not.toBe(canonicalScanBody(body));
  });

  it('keeps non-finite temperatures apart from each other', () => {
    // Act
    const values = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 36.5].map((temperatureC) => canonicalScanBody({ ...body, temperatureC }));

    // Assess
    expect(new Set(values).size).toBe(4);
  });

  it('is a fixed, versioned layout (a change here changes every stored fingerprint)', () => {
    // Act
    const s = canonicalScanBody(body);

    // Assess
    expect(s).toBe('["scan/v1","scan-1","cp-north","token.abc",null,"in",36.5,1583974800000,"dev-7"]');
  });
});
