import { describe, expect, it } from 'vitest';
import type { PersonScan, Resident, ScanRecord, ScanRequest } from '@firstline/domain';
import { decideEntry, defaultPolicy, ValidationError } from '@firstline/domain';
import type { AdmitPorts } from '../../src/intake/admit-scans.ts';
import { admitScans } from '../../src/intake/admit-scans.ts';

const resident = (personId: string, codeColor: Resident['codeColor'] = 'green'): Resident => ({
  personId, nameMasked: '张*', phoneMasked: '138****0000', buildingId: 'b1', gridId: 'g1', householdId: `h-${personId}`, codeColor, status: 'none',
});

/** In-memory ports: codes are `code:<person>:<codeId>`, ID numbers map to `p_<number>`. */
function fakePorts(residents: Resident[], claimed: PersonScan[] = []) {
  const slots = new Map(claimed.map((c) => [`${c.personId}|${c.slot}`, c]));
  const published: ScanRecord[][] = [];
  const ports: AdmitPorts = {
    gridOfCheckpoint: (id) => (id.startsWith('cp') ? 'g1' : undefined),
    // `code:<person>:<codeId>` is always valid; `code:<person>:<codeId>:<issued ms>:<expires ms>` only in between.
    verifyCode: async (code, at) => {
      const [kind, personId, codeId, issued, expires] = code.split(':');
      const inTime = issued === undefined || (at.getTime() >= Number(issued) && at.getTime() <= Number(expires));
      return kind === 'code' && inTime ? { ok: true, personId: personId!, codeId: codeId! } : { ok: false };
    },
    personIdOf: (idNumber) => `p_${idNumber}`,
    fingerprint: (parts) => parts.join('|'),
    residents: async (ids) => new Map(residents.filter((r) => ids.includes(r.personId)).map((r) => [r.personId, r])),
    personScans: async (wanted) => wanted.flatMap((w) => slots.get(`${w.personId}|${w.slot}`) ?? []),
    claim: async (scan) => {
      const k = `${scan.personId}|${scan.slot}`;
      if (slots.has(k)) return false;
      slots.set(k, scan);
      return true;
    },
    spendOutings: async (_h, scans) => new Map(scans.map((s) => [s.scanId, true])),
    publish: async (records) => void published.push([...records]),
  };
  return { ports, published, slots };
}

const scan = (fields: Partial<ScanRequest>): ScanRequest => ({
  scanId: 's1', checkpointId: 'cp1', direction: 'in', temperatureC: 36.5, scannedAt: '2020-03-12T09:00:00+08:00', ...fields,
});
const settings = { policy: defaultPolicy, timeZone: 'Asia/Shanghai', now: new Date('2020-03-13T00:00:00+08:00') };

describe('admitScans', () => {
  it('answers one result per scan in order and publishes every scan once, on its own district day', async () => {
    const { ports, published } = fakePorts([resident('p_1'), resident('p_2', 'red')]);

    const outcome = await admitScans([
      scan({ scanId: 'a', code: 'code:p_1:c1' }),
      scan({ scanId: 'b', idNumber: '2', scannedAt: '2020-03-12T23:30:00+08:00' }),
      scan({ scanId: 'c', code: 'forged' }),
      scan({ scanId: 'd', idNumber: '9' }),
    ], ports, settings, decideEntry);

    expect(outcome.ok && outcome.results.map((r) => [r.scanId, r.reason, r.person?.personId ?? null])).toEqual([
      ['a', 'ok', 'p_1'], ['b', 'code-red', 'p_2'], ['c', 'invalid-code', null], ['d', 'unknown-person', null],
    ]);
    expect(published).toHaveLength(1);
    expect(published[0]!.map((r) => [r.scanId, r.day, r.gridId])).toEqual([
      ['a', '2020-03-12', 'g1'], ['b', '2020-03-12', 'g1'], ['c', '2020-03-12', 'g1'], ['d', '2020-03-12', 'g1'],
    ]);
  });

  it('spends a code once: a second scan with it is invalid-code, the first scan again gets its answer', async () => {
    const { ports, slots } = fakePorts([resident('p_1')]);
    await admitScans([scan({ scanId: 'first', code: 'code:p_1:c1' })], ports, settings, decideEntry);

    const again = await admitScans([scan({ scanId: 'first', code: 'code:p_1:c1' }), scan({ scanId: 'other', code: 'code:p_1:c1' })], ports, settings, decideEntry);

    expect(again.ok && again.results.map((r) => r.reason)).toEqual(['ok', 'invalid-code']);
    expect(slots.size).toBe(1);
  });

  it('refuses the same scan id with another body as a conflict, before writing anything', async () => {
    const { ports, published, slots } = fakePorts([resident('p_1')]);
    await admitScans([scan({ scanId: 'x', idNumber: '1', temperatureC: 36.5 })], ports, settings, decideEntry);

    const outcome = await admitScans([scan({ scanId: 'y', idNumber: '1' }), scan({ scanId: 'x', idNumber: '1', temperatureC: 38 })], ports, settings, decideEntry);

    expect(outcome).toEqual({ ok: false, conflicts: [{ index: 1, scanId: 'x' }] });
    expect(slots.size).toBe(1);
    expect(published).toHaveLength(1);
  });

  it('publishes repeats again, so a request that died after claiming is completed by its retry', async () => {
    const { ports, published } = fakePorts([resident('p_1')]);
    const body = [scan({ scanId: 'r', idNumber: '1' })];

    await admitScans(body, ports, settings, decideEntry);
    await admitScans(body, ports, settings, decideEntry);

    expect(published.map((batch) => batch.map((r) => r.scanId))).toEqual([['r'], ['r']]);
  });

  it('denies the out scans the pass quota refuses', async () => {
    const { ports } = fakePorts([resident('p_1')]);
    ports.spendOutings = async (_h, scans) => new Map(scans.map((s, i) => [s.scanId, i === 0]));

    const outcome = await admitScans([
      scan({ scanId: 'o1', idNumber: '1', direction: 'out', scannedAt: '2020-03-12T09:00:00+08:00' }),
      scan({ scanId: 'o2', idNumber: '1', direction: 'out', scannedAt: '2020-03-12T10:00:00+08:00' }),
    ], ports, { ...settings, policy: { ...defaultPolicy, outings: { perHousehold: 1, everyDays: 3 } } }, decideEntry);

    expect(outcome.ok && outcome.results.map((r) => r.reason)).toEqual(['ok', 'pass-quota']);
  });

  it('refuses an upload whose scans are dated outside [now − backlog window, now + 2 min], naming each', async () => {
    const { ports, published, slots } = fakePorts([resident('p_1')]);
    const now = new Date('2020-03-12T12:00:00+08:00');

    const refused = await admitScans([
      scan({ scanId: 'ok', idNumber: '1', scannedAt: '2020-03-12T11:59:00+08:00' }),
      scan({ scanId: 'old', idNumber: '1', scannedAt: '2020-03-09T11:59:00+08:00' }),
      scan({ scanId: 'ahead', idNumber: '1', scannedAt: '2020-03-12T12:02:01+08:00' }),
    ], ports, { ...settings, now }, decideEntry).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).details.map((d) => d.path)).toEqual(['scans.1.scannedAt', 'scans.2.scannedAt']);
    expect(slots.size).toBe(0);
    expect(published).toHaveLength(0);
  });

  it('judges a live code at the server\'s clock: a code expired on arrival is invalid, whatever the scan time claims', async () => {
    const { ports } = fakePorts([resident('p_1')]);
    const issued = Date.parse('2020-03-12T09:00:00+08:00');
    const code = `code:p_1:c1:${issued}:${issued + 300_000}`;

    const live = await admitScans([scan({ scanId: 'late', code, scannedAt: '2020-03-12T09:04:50+08:00' })], ports, { ...settings, now: new Date('2020-03-12T09:06:00+08:00') }, decideEntry);

    expect(live.ok && live.results[0]!.reason).toBe('invalid-code');
  });

  it('judges a backlog scan\'s code at its own time: valid only if it was scanned between issue and expiry', async () => {
    const { ports } = fakePorts([resident('p_1')]);
    const issued = Date.parse('2020-03-12T09:00:00+08:00');
    const code = (id: string) => `code:p_1:${id}:${issued}:${issued + 300_000}`;
    const later = { ...settings, now: new Date('2020-03-12T15:00:00+08:00') };

    const outcome = await admitScans([
      scan({ scanId: 'inside', code: code('c1'), scannedAt: '2020-03-12T09:04:00+08:00' }),
      scan({ scanId: 'before-issue', code: code('c2'), scannedAt: '2020-03-12T08:59:00+08:00' }),
      scan({ scanId: 'after-expiry', code: code('c3'), scannedAt: '2020-03-12T09:06:00+08:00' }),
    ], ports, later, decideEntry);

    expect(outcome.ok && outcome.results.map((r) => r.reason)).toEqual(['ok', 'invalid-code', 'invalid-code']);
  });

  it('answers a gate\'s retry of a live scan with its first verdict, even after the code expired in between', async () => {
    const { ports } = fakePorts([resident('p_1')]);
    const issued = Date.parse('2020-03-12T09:00:00+08:00');
    const body = [scan({ scanId: 'retry', code: `code:p_1:c1:${issued}:${issued + 300_000}`, scannedAt: '2020-03-12T09:04:30+08:00' })];

    const first = await admitScans(body, ports, { ...settings, now: new Date('2020-03-12T09:04:31+08:00') }, decideEntry);
    const retry = await admitScans(body, ports, { ...settings, now: new Date('2020-03-12T09:05:30+08:00') }, decideEntry);
    const replay = await admitScans([{ ...body[0]!, scanId: 'replay' }], ports, { ...settings, now: new Date('2020-03-12T09:05:31+08:00') }, decideEntry);

    expect(first.ok && first.results[0]!.reason).toBe('ok');
    expect(retry.ok && retry.results[0]).toMatchObject({ reason: 'ok', person: { personId: 'p_1' } });
    expect(replay.ok && replay.results[0]!.reason).toBe('invalid-code');
  });

  it('spends the pass quota of an out scan dated back beyond the quota window on the oldest day the window still sees', async () => {
    const { ports } = fakePorts([resident('p_1')]);
    const asked: { scanId: string; day: string }[] = [];
    ports.spendOutings = async (_h, scans) => {
      asked.push(...scans.map(({ scanId, day }) => ({ scanId, day })));
      return new Map(scans.map((s) => [s.scanId, true]));
    };
    const quota = { ...settings, policy: { ...defaultPolicy, outings: { perHousehold: 1, everyDays: 2 } }, now: new Date('2020-03-12T12:00:00+08:00') };

    await admitScans([
      scan({ scanId: 'backdated', idNumber: '1', direction: 'out', scannedAt: '2020-03-10T09:00:00+08:00' }),
      scan({ scanId: 'yesterday', idNumber: '1', direction: 'out', scannedAt: '2020-03-11T09:00:00+08:00' }),
    ], ports, quota, decideEntry);

    expect(asked).toEqual([{ scanId: 'backdated', day: '2020-03-11' }, { scanId: 'yesterday', day: '2020-03-11' }]);
  });
});

describe('admitScans with the province\'s standing code', () => {
  /**
   * Codes `prov:<person or ->:<code id>:<colour>` are the province's: a standing code (not single
   * use) that vouches for a colour; `-` names nobody registered here. While `province.down`, every
   * one is vouched for provisionally (the fallback).
   */
  function withProvince(residents: Resident[]) {
    const fake = fakePorts(residents);
    const province = { down: false };
    const firstline = fake.ports.verifyCode;
    fake.ports.verifyCode = async (code, at) => {
      const [kind, personId, codeId, color] = code.split(':');
      if (kind !== 'prov') return firstline(code, at);
      return {
        ok: true, personId: personId === '-' ? null : personId!, codeId: codeId!, color: color as Resident['codeColor'],
        singleUse: false, provisional: province.down,
      };
    };
    return { ...fake, province };
  }

  it('takes the same code at every scan, each scan its own slot; a repeated scan id gets its first answer', async () => {
    const { ports, slots } = withProvince([resident('p_1')]);
    await admitScans([scan({ scanId: 'a', code: 'prov:p_1:c1:green' })], ports, settings, decideEntry);

    const again = await admitScans([scan({ scanId: 'a', code: 'prov:p_1:c1:green' }), scan({ scanId: 'b', code: 'prov:p_1:c1:green' })], ports, settings, decideEntry);

    expect(again.ok && again.results.map((r) => [r.scanId, r.reason])).toEqual([['a', 'ok'], ['b', 'ok']]);
    expect([...slots.keys()].sort()).toEqual(['p_1|S#a', 'p_1|S#b']);
  });

  it('reads the worse of the vouched colour and Firstline\'s own: a person Firstline holds red is never let through on a green code', async () => {
    const { ports } = withProvince([resident('p_1', 'red'), resident('p_2')]);

    const outcome = await admitScans([
      scan({ scanId: 'a', code: 'prov:p_1:c1:green' }),
      scan({ scanId: 'b', code: 'prov:p_2:c2:yellow' }),
    ], ports, settings, decideEntry);

    expect(outcome.ok && outcome.results.map((r) => [r.reason, r.person?.codeColor])).toEqual([['code-red', 'red'], ['code-yellow', 'yellow']]);
  });

  it('answers unknown-person for a code of nobody registered here', async () => {
    const { ports } = withProvince([]);

    const outcome = await admitScans([scan({ scanId: 'a', code: 'prov:-:c1:green' })], ports, settings, decideEntry);

    expect(outcome.ok && outcome.results).toEqual([{ scanId: 'a', verdict: 'deny', reason: 'unknown-person', person: null }]);
  });

  it('marks a provisional answer in the result, the person\'s slot and the record, and a repeat answers it so again', async () => {
    const { ports, published, slots, province } = withProvince([resident('p_1')]);
    const body = [scan({ scanId: 'a', code: 'prov:p_1:c1:green' }), scan({ scanId: 'b', code: 'prov:-:c2:green' })];
    province.down = true;

    const first = await admitScans(body, ports, settings, decideEntry);
    province.down = false;
    const again = await admitScans(body.slice(0, 1), ports, settings, decideEntry);

    expect(first.ok && first.results.map((r) => [r.reason, r.provisional])).toEqual([['ok', true], ['unknown-person', true]]);
    expect(published[0]!.map((r) => r.provisional)).toEqual([true, true]);
    expect(slots.get('p_1|S#a')?.provisional).toBe(true);
    expect(again.ok && again.results[0]!.provisional).toBe(true);
  });

  it('leaves Firstline\'s own code single use beside it, and marks nothing provisional', async () => {
    const { ports, published } = withProvince([resident('p_1')]);

    const outcome = await admitScans([scan({ scanId: 'a', code: 'code:p_1:c1' }), scan({ scanId: 'b', code: 'code:p_1:c1' })], ports, settings, decideEntry);

    expect(outcome.ok && outcome.results.map((r) => [r.reason, 'provisional' in r])).toEqual([['ok', false], ['invalid-code', false]]);
    expect(published[0]!.every((r) => !('provisional' in r))).toBe(true);
  });
});
