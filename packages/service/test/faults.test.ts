import { afterEach, describe, expect, it, vi } from 'vitest';
import { faultConfigured, faultPoint, InjectedFault, resetFaults, shouldFault } from '../src/faults.ts';

function configure(faults: Record<string, unknown> | undefined) {
  if (faults) process.env['FIRSTLINE_FAULTS'] = JSON.stringify(faults);
  else delete process.env['FIRSTLINE_FAULTS'];
  resetFaults();
}

afterEach(() => configure(undefined));
vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

describe('fault injection', () => {
  it('is a no-op without FIRSTLINE_FAULTS', () => {
    configure(undefined);
    expect(faultConfigured('dynamodb.write')).toBe(false);
    expect(Array.from({ length: 1000 }, () => shouldFault('dynamodb.write')).some(Boolean)).toBe(false);
    expect(() => faultPoint('scan-aggregator.record')).not.toThrow();
  });

  it('fails the first `times` calls, then never', () => {
    configure({ p: { times: 2 } });
    expect(faultConfigured('p')).toBe(true);
    expect(() => faultPoint('p')).toThrow(InjectedFault);
    expect(shouldFault('p')).toBe(true);
    expect([shouldFault('p'), shouldFault('p')]).toEqual([false, false]);
    expect(shouldFault('other')).toBe(false);
  });

  it('fails about `rate` of the calls', () => {
    configure({ p: { rate: 0.1 } });
    const hits = Array.from({ length: 10_000 }, () => shouldFault('p')).filter(Boolean).length;
    expect(hits).toBeGreaterThan(800);
    expect(hits).toBeLessThan(1200);
  });

  it('with `match`, fails every call whose subject contains it and no other', () => {
    configure({ p: { match: 'poison-' } });
    expect(shouldFault('p', 'scan poison-1')).toBe(true);
    expect(shouldFault('p', 'scan poison-1')).toBe(true);
    expect(shouldFault('p', 'scan ok-1')).toBe(false);
    expect(shouldFault('p')).toBe(false);
  });

  it('names the point in the error and in one stderr line per fault', () => {
    configure({ 'x.y': { times: 1 } });
    const write = vi.mocked(process.stderr.write);
    write.mockClear();
    expect(() => faultPoint('x.y')).toThrow('injected fault at x.y');
    expect(write).toHaveBeenCalledWith('[fault] injected at x.y\n');
  });
});
