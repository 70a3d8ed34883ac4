import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/policy.ts';
import type { Policy } from '../../src/policy.ts';
import { decideVerdict, denyReasons, isFever, passQuotaExceeded } from '../../src/scans/verdict.ts';
import type { CodeColor, Direction, QuarantineState, ScanSubject } from '../../src/scans/verdict.ts';

const noQuota: Policy = defaultPolicy;
const oneOuting: Policy = { ...defaultPolicy, outings: { perHousehold: 1, everyDays: 3 } };
const twoOutings: Policy = { ...defaultPolicy, outings: { perHousehold: 2, everyDays: 3 } };
const noOutingsAtAll: Policy = { ...defaultPolicy, outings: { perHousehold: 0, everyDays: 3 } };

const invalid: ScanSubject = { kind: 'invalid-code' };
const unknown: ScanSubject = { kind: 'unknown-person' };
const person = (codeColor: CodeColor, quarantine: QuarantineState = 'none'): ScanSubject => ({ kind: 'person', codeColor, quarantine });

describe('decideVerdict', () => {
  it.each([
    // name, subject, temperature, direction, policy, outings used, verdict, reason, fever
    ['invalid code', invalid, 36.5, 'in', noQuota, null, 'deny', 'invalid-code', false],
    ['invalid code with a fever still flags the fever', invalid, 38.0, 'in', noQuota, null, 'deny', 'invalid-code', true],
    ['invalid code before an exceeded quota', invalid, 36.5, 'out', oneOuting, 5, 'deny', 'invalid-code', false],
    ['unknown person', unknown, 36.5, 'in', noQuota, null, 'deny', 'unknown-person', false],
    ['unknown person with a fever', unknown, 39.0, 'out', oneOuting, 0, 'deny', 'unknown-person', true],
    ['red', person('red'), 36.5, 'in', noQuota, null, 'deny', 'code-red', false],
    ['red before fever, quarantine and quota', person('red', 'central'), 39.0, 'out', oneOuting, 1, 'deny', 'code-red', true],
    ['yellow', person('yellow'), 36.5, 'in', noQuota, null, 'deny', 'code-yellow', false],
    ['yellow before fever, quarantine and quota', person('yellow', 'home'), 38.0, 'out', oneOuting, 1, 'deny', 'code-yellow', true],
    ['fever at exactly the threshold', person('green'), 37.3, 'in', noQuota, null, 'deny', 'fever', true],
    ['just under the threshold', person('green'), 37.2, 'in', noQuota, null, 'allow', 'ok', false],
    ['fever before quarantine', person('green', 'central'), 37.5, 'in', noQuota, null, 'deny', 'fever', true],
    ['fever before pass quota', person('green'), 37.5, 'out', oneOuting, 1, 'deny', 'fever', true],
    ['home quarantine', person('green', 'home'), 36.5, 'in', noQuota, null, 'deny', 'quarantine', false],
    ['central quarantine', person('green', 'central'), 36.5, 'in', noQuota, null, 'deny', 'quarantine', false],
    ['quarantine keeps people in on the way out too', person('green', 'home'), 36.5, 'out', oneOuting, 0, 'deny', 'quarantine', false],
    ['quarantine before pass quota', person('green', 'home'), 36.5, 'out', oneOuting, 1, 'deny', 'quarantine', false],
    ['pass quota spent', person('green'), 36.5, 'out', oneOuting, 1, 'deny', 'pass-quota', false],
    ['pass quota overspent', person('green'), 36.5, 'out', oneOuting, 3, 'deny', 'pass-quota', false],
    ['pass quota left', person('green'), 36.5, 'out', oneOuting, 0, 'allow', 'ok', false],
    ['second of two outings left', person('green'), 36.5, 'out', twoOutings, 1, 'allow', 'ok', false],
    ['two of two outings spent', person('green'), 36.5, 'out', twoOutings, 2, 'deny', 'pass-quota', false],
    ['a quota of zero outings', person('green'), 36.5, 'out', noOutingsAtAll, 0, 'deny', 'pass-quota', false],
    ['coming in never spends or checks the quota', person('green'), 36.5, 'in', oneOuting, 7, 'allow', 'ok', false],
    ['a policy without quota ignores a count', person('green'), 36.5, 'out', noQuota, 7, 'allow', 'ok', false],
    ['a null count means no quota applies', person('green'), 36.5, 'out', oneOuting, null, 'allow', 'ok', false],
    ['all clear, going out', person('green'), 36.0, 'out', noQuota, null, 'allow', 'ok', false],
  ] as const)('%s → %s %s', (_name, subject, temperatureC, direction, policy, outingsUsed, verdict, reason, fever) => {
    // Prepare
    const input = { subject, temperatureC, direction, policy, outingsUsed };

    // Act
    const result = decideVerdict(input);

    // Assess
    expect(result).toEqual({ verdict, reason, fever });
  });

  it.each([
    [37.0, 36.9, 'allow', 'ok'],
    [37.0, 37.0, 'deny', 'fever'],
    [38.0, 37.9, 'allow', 'ok'],
    [38.0, 38.0, 'deny', 'fever'],
  ] as const)('reads the fever threshold %s from the district policy (%s °C → %s)', (feverC, temperatureC, verdict, reason) => {
    // Prepare
    const policy = { ...defaultPolicy, feverC };

    // Act
    const result = decideVerdict({ subject: person('green'), temperatureC, direction: 'in', policy, outingsUsed: null });

    // Assess
    expect(result).toEqual({ verdict, reason, fever: verdict === 'deny' });
  });

  describe('over every combination of inputs', () => {
    const subjects: ScanSubject[] = [
      invalid,
      unknown,
      ...(['green', 'yellow', 'red'] as const).flatMap((c) => (['none', 'home', 'central'] as const).map((q) => person(c, q))),
    ];
    const temperatures = [34.0, 36.5, 37.29, 37.3, 37.31, 43.0];
    const directions: Direction[] = ['in', 'out'];
    const policies = [noQuota, oneOuting, twoOutings, noOutingsAtAll];
    const counts = [null, 0, 1, 2, 3];
    const combos = subjects.flatMap((subject) =>
      temperatures.flatMap((temperatureC) =>
        directions.flatMap((direction) =>
          policies.flatMap((policy) => counts.map((outingsUsed) => ({ subject, temperatureC, direction, policy, outingsUsed }))),
        ),
      ),
    );

    // An independent statement of the rules: the first rule that holds names the reason.
    const oracle = (i: (typeof combos)[number]) => {
      const fever = i.temperatureC >= i.policy.feverC;
      const p = i.subject.kind === 'person' ? i.subject : undefined;
      const rules: [boolean, string][] = [
        [i.subject.kind === 'invalid-code', 'invalid-code'],
        [i.subject.kind === 'unknown-person', 'unknown-person'],
        [p?.codeColor === 'red', 'code-red'],
        [p?.codeColor === 'yellow', 'code-yellow'],
        [fever, 'fever'],
        [p?.quarantine === 'home' || p?.quarantine === 'central', 'quarantine'],
        [i.direction === 'out' && !!i.policy.outings && i.outingsUsed !== null && i.outingsUsed >= i.policy.outings.perHousehold, 'pass-quota'],
      ];
      const hit = rules.find(([holds]) => holds);
      return hit ? { verdict: 'deny', reason: hit[1], fever } : { verdict: 'allow', reason: 'ok', fever };
    };

    it(`agrees with the rules on all ${combos.length} combinations`, () => {
      // Prepare
      const expected = combos.map(oracle);

      // Act
      const actual = combos.map((c) => decideVerdict(c));

      // Assess
      expect(actual).toEqual(expected);
    });

    it('flags a fever whatever the verdict, and names ok exactly when it allows', () => {
      // Act
      const results = combos.map((c) => ({ c, r: decideVerdict(c) }));

      // Assess
      for (const { c, r } of results) {
        expect(r.fever).toBe(c.temperatureC >= c.policy.feverC);
        expect(r.reason === 'ok').toBe(r.verdict === 'allow');
      }
      expect(new Set(results.map(({ r }) => r.reason))).toEqual(new Set(['ok', ...denyReasons]));
    });
  });
});

describe('isFever', () => {
  it.each([
    [37.2, false],
    [37.3, true],
    [40.0, true],
  ])('%s °C → %s at the default threshold', (temperatureC, fever) => {
    // Act
    const result = isFever(temperatureC, defaultPolicy);

    // Assess
    expect(result).toBe(fever);
  });
});

describe('passQuotaExceeded', () => {
  it.each([
    ['out', 1, oneOuting, true],
    ['out', 0, oneOuting, false],
    ['in', 1, oneOuting, false],
    ['out', 1, noQuota, false],
    ['out', null, oneOuting, false],
    ['out', 0, noOutingsAtAll, true],
  ] as const)('%s with %s used → %s', (direction, used, policy, exceeded) => {
    // Act
    const result = passQuotaExceeded(direction, used, policy);

    // Assess
    expect(result).toBe(exceeded);
  });
});

describe('denyReasons', () => {
  it('lists the API reasons in rule order', () => {
    // Assess
    expect(denyReasons).toEqual(['invalid-code', 'unknown-person', 'code-red', 'code-yellow', 'fever', 'quarantine', 'pass-quota']);
  });
});
