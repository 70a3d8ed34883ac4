import { describe, expect, it } from 'vitest';
import { decideEntry } from '../../src/intake/decide-entry.ts';
import { defaultPolicy } from '../../src/policy.ts';
import type { Resident } from '../../src/residents/resident.ts';

const resident = (codeColor: Resident['codeColor'], status: Resident['status'] = 'none'): Resident => ({
  personId: 'p_x', nameMasked: '张*', phoneMasked: '138****0000', buildingId: 'b1', gridId: 'g1', householdId: 'h1', codeColor, status,
});
const person = (color: Resident['codeColor'], status: Resident['status'] = 'none') => ({ kind: 'person' as const, resident: resident(color, status) });

describe('decideEntry', () => {
  it.each([
    // subject, temperature, quota allows, verdict, reason, fever
    ['invalid code', { kind: 'invalid-code' as const }, 36.5, undefined, 'deny', 'invalid-code', false],
    ['invalid code with fever', { kind: 'invalid-code' as const }, 38.0, undefined, 'deny', 'invalid-code', true],
    ['unknown person', { kind: 'unknown-person' as const }, 36.5, undefined, 'deny', 'unknown-person', false],
    ['red before fever', person('red'), 39.0, true, 'deny', 'code-red', true],
    ['yellow', person('yellow'), 36.5, true, 'deny', 'code-yellow', false],
    ['fever at exactly the threshold', person('green'), 37.3, true, 'deny', 'fever', true],
    ['just under the threshold', person('green'), 37.2, true, 'allow', 'ok', false],
    ['fever before quarantine', person('green', 'home'), 37.5, true, 'deny', 'fever', true],
    ['home quarantine', person('green', 'home'), 36.5, true, 'deny', 'quarantine', false],
    ['central quarantine', person('green', 'central'), 36.5, true, 'deny', 'quarantine', false],
    ['quarantine before pass quota', person('green', 'home'), 36.5, false, 'deny', 'quarantine', false],
    ['pass quota spent', person('green'), 36.5, false, 'deny', 'pass-quota', false],
    ['no quota applies', person('green'), 36.5, undefined, 'allow', 'ok', false],
  ] as const)('%s → %s %s', (_name, subject, temperatureC, quotaAllows, verdict, reason, fever) => {
    const result = decideEntry({ subject, temperatureC, direction: 'out', policy: defaultPolicy, quotaAllows });

    expect(result).toEqual({ verdict, reason, fever });
  });

  it('reads the fever threshold from the district policy', () => {
    const policy = { ...defaultPolicy, feverC: 37.0 };

    expect(decideEntry({ subject: person('green'), temperatureC: 37.1, direction: 'in', policy, quotaAllows: undefined }).reason).toBe('fever');
  });
});
