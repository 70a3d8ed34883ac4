import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/app/api.ts';
import { batchesOf, refusedScans } from '../src/app/uploader.ts';

describe('batchesOf', () => {
  it('cuts a backlog into batches of at most 100, in order', () => {
    const backlog = Array.from({ length: 250 }, (_, i) => i);

    const batches = batchesOf(backlog);

    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batches.flat()).toEqual(backlog);
  });

  it('makes no batch of nothing', () => {
    expect(batchesOf([])).toEqual([]);
  });
});

describe('refusedScans', () => {
  const batch = [{ scanId: 'a' }, { scanId: 'b' }, { scanId: 'c' }];

  it('finds the scans a 400 names, so they are set aside and the rest upload', () => {
    const error = new ApiError(400, 'validation', 'bad', [
      { path: 'scans.2.scannedAt', message: 'outside the backlog window' },
      { path: 'scans.0', message: 'exactly one of code or idNumber' },
    ]);

    expect([...refusedScans(error, batch)]).toEqual([['c', 'scans.2.scannedAt: outside the backlog window'], ['a', 'scans.0: exactly one of code or idNumber']]);
  });

  it('sets nothing aside for an error that names no scan (the batch is retried as a whole)', () => {
    expect(refusedScans(new ApiError(400, 'validation', 'bad', [{ path: 'scans', message: 'too many' }]), batch).size).toBe(0);
    expect(refusedScans(new ApiError(400, 'validation', 'bad', [{ path: 'scans.9.code', message: 'no such scan' }]), batch).size).toBe(0);
  });
});
