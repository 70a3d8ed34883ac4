import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.ts';
import { defaultHealthCodePolicy, healthCodePolicy, providersFor } from '../../src/health-codes/gate-policy.ts';
import type { HealthCodePolicy } from '../../src/health-codes/gate-policy.ts';
import type { HealthCodeProviderId } from '../../src/health-codes/health-code-provider.ts';

const provider = (id: HealthCodeProviderId, prefix: string) => ({ id, recognizes: (code: string) => code.startsWith(prefix) });
const firstline = provider('firstline', 'ey');
const province = provider('province', 'GBHC1:');

describe('healthCodePolicy', () => {
  it('keeps today’s behaviour when a district says nothing: Firstline’s own code, with the fallback on', () => {
    expect(healthCodePolicy(undefined)).toEqual(defaultHealthCodePolicy);
    expect(defaultHealthCodePolicy.accept).toEqual(['firstline']);
  });

  it('takes a district’s order', () => {
    expect(healthCodePolicy({ accept: ['province', 'firstline'] })).toEqual({ accept: ['province', 'firstline'], offlineFallback: true });
  });

  it.each([
    [{ accept: [] }, 'policy.healthCodes.accept'],
    [{ accept: ['province', 'province'] }, 'policy.healthCodes.accept.1'],
    [{ accept: ['wechat'] }, 'policy.healthCodes.accept.0'],
  ])('refuses %j with a 400 naming %s', (partial, path) => {
    // Act
    const act = () => healthCodePolicy(partial as Partial<HealthCodePolicy>, 'policy.healthCodes');

    // Assess
    expect(act).toThrow(ValidationError);
    try {
      act();
    } catch (error) {
      expect((error as ValidationError).details.map((d) => d.path)).toContain(path);
    }
  });
});

describe('providersFor', () => {
  const both = [firstline, province];

  it('asks only providers the district accepts, in its order, that recognise the code', () => {
    const policy = healthCodePolicy({ accept: ['province', 'firstline'] });
    expect(providersFor(policy, both, 'GBHC1:abc').map((p) => p.id)).toEqual(['province']);
    expect(providersFor(policy, both, 'eyJ.abc').map((p) => p.id)).toEqual(['firstline']);
  });

  it('gives no provider for a provincial code in a district that accepts only Firstline’s', () => {
    expect(providersFor(defaultHealthCodePolicy, both, 'GBHC1:abc')).toEqual([]);
  });

  it('follows the order when two providers recognise the same text', () => {
    const greedy = [provider('firstline', ''), provider('province', '')];
    expect(providersFor(healthCodePolicy({ accept: ['province', 'firstline'] }), greedy, 'x').map((p) => p.id)).toEqual(['province', 'firstline']);
    expect(providersFor(healthCodePolicy({ accept: ['firstline', 'province'] }), greedy, 'x').map((p) => p.id)).toEqual(['firstline', 'province']);
  });
});
