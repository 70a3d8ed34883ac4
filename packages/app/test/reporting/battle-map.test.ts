import { describe, expect, it } from 'vitest';
import type { CaseRecord, ClosedSnapshot, GridLog, Registry } from '@firstline/domain';
import { defaultPolicy } from '@firstline/domain';
import type { TileMeasures } from '../../src/reporting/battle-map.ts';
import { battleMap, mapAudience, tileStatus } from '../../src/reporting/battle-map.ts';
import type { ReportPorts } from '../../src/reporting/read-grid-days.ts';

const policy = { ...defaultPolicy, epidemicFreeDays: 3, minDisinfectionRounds: 2 };
const date = '2020-03-12';
const dayBefore = '2020-03-11';

const registry: Registry = {
  district: { id: 'd1', name: '江岸区', timeZone: 'Asia/Shanghai', policy },
  streets: [{ id: 's1', name: '中山路街道' }, { id: 's2', name: '解放大道街道' }],
  communities: [
    { id: 'c1', name: '莲花社区', streetId: 's1' },
    { id: 'c2', name: '枫林社区', streetId: 's1' },
    { id: 'c3', name: '江滩社区', streetId: 's2' },
  ],
  grids: [
    { id: 'g1', name: '第一网格', communityId: 'c1' },
    { id: 'g2', name: '第二网格', communityId: 'c1' },
    { id: 'g3', name: '第三网格', communityId: 'c2' },
    { id: 'g4', name: '第四网格', communityId: 'c3' },
    { id: 'g5', name: '第五网格', communityId: 'c3' },
  ],
  buildings: [],
  checkpoints: [],
};

/** A port whose every method not given fails the test: the map must not read what it does not need. */
function fake<T extends object>(methods: Partial<NoInfer<T>>): T {
  return new Proxy(methods, {
    get(target, key) {
      if (Object.hasOwn(target, key)) return target[key as keyof T];
      if (key === 'then') return undefined;
      return () => { throw new Error(`unexpected call to ${String(key)}`); };
    },
  }) as T;
}

function snapshot(gridId: string, day: string, s: { cases?: Record<string, number>; openCases?: number; reported?: boolean; streak?: number; free?: boolean }): ClosedSnapshot {
  const reported = s.reported ?? true;
  return {
    gridId, day, scans: {}, cases: s.cases ?? {}, openCases: s.openCases ?? 0,
    work: { logs: reported ? 1 : 0, householdsVisited: 0, residentsScreened: 0, disinfectionRounds: 2, masksDistributed: 0, keyPersonsFound: 0 },
    reported, reportedOnTime: reported, certified: { reported, disinfectionRounds: reported ? 2 : 0 },
    deliveries: {}, openDeliveries: 0,
    streak: { zeroStreakDays: s.streak ?? 0, epidemicFree: s.free ?? false },
    closedAt: '2020-03-13T00:10:00.000Z',
  };
}

const aCase = (gridId: string, day: string, releasedDay?: string): CaseRecord => ({
  caseId: `case-${gridId}-${day}`, personId: 'p_0000000000000000', gridId, category: 'close-contact', quarantine: 'home',
  reportedAt: `${day}T02:00:00.000Z`, day, hash: 'h', ...(releasedDay ? { releasedAt: `${releasedDay}T02:00:00.000Z`, releasedDay } : {}),
});

const log = (gridId: string, day: string): GridLog => ({
  logId: `log-${gridId}`, gridId, date: day, householdsVisited: 10, residentsScreened: 20, disinfectionRounds: 2, masksDistributed: 5,
  keyPersonsFound: 0, by: 'worker', receivedAt: `${day}T08:00:00.000Z`, late: false,
});

/** In-memory report ports over stored snapshots, cases and logs, counting what the map reads. */
function fakePorts(stored: { snapshots?: ClosedSnapshot[]; cases?: CaseRecord[]; logs?: GridLog[] }) {
  const reads = { snapshotGrids: 0, snapshotCalls: 0, casesOfGrid: new Map<string, number>() };
  const ports: ReportPorts = {
    snapshots: fake({
      ofDay: async (ids: readonly string[], day: string) => {
        reads.snapshotCalls++;
        reads.snapshotGrids += ids.length;
        return new Map((stored.snapshots ?? []).filter((s) => s.day === day && ids.includes(s.gridId)).map((s) => [s.gridId, s]));
      },
    }),
    scanCounts: fake({ liveCounts: async () => new Map() }),
    deliveries: fake({ liveCounts: async () => new Map() }),
    gridLogs: fake({ of: async (gridId: string, day: string) => (stored.logs ?? []).filter((l) => l.gridId === gridId && l.date === day) }),
    cases: fake({
      newOn: async (gridId: string, day: string) => (stored.cases ?? []).filter((c) => c.gridId === gridId && c.day === day),
      ofGrid: async (gridId: string, through: string) => {
        reads.casesOfGrid.set(gridId, (reads.casesOfGrid.get(gridId) ?? 0) + 1);
        return (stored.cases ?? []).filter((c) => c.gridId === gridId && c.day <= through);
      },
    }),
  };
  return { ports, reads };
}

const everyone = mapAudience({ registry }, 'all');

describe('tileStatus', () => {
  const quiet: TileMeasures = { newCases: 0, openCases: 0, reported: true, epidemicFree: false, zeroStreakDays: 1 };

  it('puts a new or open case first, even on a grid that did not report', () => {
    expect(tileStatus({ ...quiet, newCases: 1, reported: false }, 14)).toEqual({ status: 'cases' });
    expect(tileStatus({ ...quiet, openCases: 2, epidemicFree: true }, 14)).toEqual({ status: 'cases' });
  });

  it('then a missing log, then epidemic-free', () => {
    expect(tileStatus({ ...quiet, reported: false }, 14)).toEqual({ status: 'unreported' });
    expect(tileStatus({ ...quiet, epidemicFree: true, zeroStreakDays: 20 }, 14)).toEqual({ status: 'free' });
  });

  it('counts the days still to go for a grid on its way (还差 N 天), never fewer than one', () => {
    expect(tileStatus({ ...quiet, zeroStreakDays: 11 }, 14)).toEqual({ status: 'pending', daysToGo: 3 });
    expect(tileStatus({ ...quiet, zeroStreakDays: 0 }, 14)).toEqual({ status: 'pending', daysToGo: 14 });
    expect(tileStatus({ ...quiet, zeroStreakDays: 15 }, 14)).toEqual({ status: 'pending', daysToGo: 1 });
  });
});

describe('battleMap', () => {
  it('reads a closed day from its snapshots alone, one tile per grid in registry order', async () => {
    const { ports, reads } = fakePorts({
      snapshots: [
        snapshot('g1', date, { streak: 5, free: true }),
        snapshot('g2', date, { streak: 1 }),
        snapshot('g3', date, { cases: { confirmed: 1 }, openCases: 1 }),
        snapshot('g4', date, { reported: false }),
        snapshot('g5', date, { openCases: 1, streak: 0 }),
      ],
    });

    const map = await battleMap(ports, everyone, date);

    expect(map.grids.map((g) => [g.id, g.status, g.daysToGo])).toEqual([
      ['g1', 'free', undefined], ['g2', 'pending', 2], ['g3', 'cases', undefined], ['g4', 'unreported', undefined], ['g5', 'cases', undefined],
    ]);
    expect(map.grids[2]).toMatchObject({ name: '第三网格', streetId: 's1', communityId: 'c2', newCases: 1, openCases: 1, reported: true });
    expect(map).toMatchObject({ closed: true, epidemicFreeDays: 3, counts: { free: 1, pending: 1, cases: 2, unreported: 1 } });
    expect(reads).toMatchObject({ snapshotCalls: 1, snapshotGrids: 5 });
    expect(reads.casesOfGrid.size).toBe(0);
  });

  it("reads a day not closed live: the streak carried from the day before, a case still open from earlier, each grid's cases read once", async () => {
    const { ports, reads } = fakePorts({
      snapshots: [
        snapshot('g1', dayBefore, { streak: 2 }),
        snapshot('g2', dayBefore, { streak: 1 }),
        snapshot('g3', dayBefore, { streak: 2 }),
      ],
      logs: [log('g1', date), log('g2', date), log('g3', date), log('g4', date)],
      cases: [aCase('g3', '2020-03-08'), aCase('g4', '2020-03-01', '2020-03-05'), aCase('g5', date)],
    });

    const map = await battleMap(ports, everyone, date);

    expect(map.grids.map((g) => [g.id, g.status, g.daysToGo, g.zeroStreakDays, g.openCases])).toEqual([
      ['g1', 'free', undefined, 3, 0],
      ['g2', 'pending', 1, 2, 0],
      ['g3', 'cases', undefined, 0, 1],
      ['g4', 'pending', 2, 1, 0],
      ['g5', 'cases', undefined, 0, 1],
    ]);
    expect(map.closed).toBe(false);
    expect([...reads.casesOfGrid.values()]).toEqual([1, 1, 1, 1, 1]);
    // The day's snapshots once (all missing), the day before's once for the live grids.
    expect(reads).toMatchObject({ snapshotCalls: 2, snapshotGrids: 10 });
  });

  it('mixes closed and live grids, each read once', async () => {
    const { ports, reads } = fakePorts({ snapshots: [snapshot('g1', date, { streak: 3, free: true })], logs: [log('g2', date)] });

    const map = await battleMap(ports, everyone, date);

    expect(map.grids.map((g) => g.status)).toEqual(['free', 'pending', 'unreported', 'unreported', 'unreported']);
    expect(reads.casesOfGrid.has('g1')).toBe(false);
    expect(reads.snapshotGrids).toBe(5 + 4);
  });
  it('reads a large open day in chunks, never more than 250 grids at once, each grid once', async () => {
    const grids = Array.from({ length: 600 }, (_, i) => ({ id: `x${i}`, name: `网格${i}`, communityId: 'c1' }));
    const big: Registry = { ...registry, grids };
    const { ports, reads } = fakePorts({ logs: grids.filter((_, i) => i % 2 === 0).map((g) => log(g.id, date)) });
    let reading = 0;
    let most = 0;
    const newOn = ports.cases.newOn.bind(ports.cases);
    const counted: ReportPorts = { ...ports, cases: fake({ ofGrid: ports.cases.ofGrid, newOn: async (g, d) => {
      most = Math.max(most, ++reading);
      await new Promise((r) => setTimeout(r, 1));
      reading--;
      return newOn(g, d);
    } }) };

    const map = await battleMap(counted, mapAudience({ registry: big }, 'all'), date);

    expect(map.grids).toHaveLength(600);
    expect(map.counts).toEqual({ cases: 0, unreported: 300, free: 0, pending: 300 });
    expect(most).toBeLessThanOrEqual(250);
    expect([...reads.casesOfGrid.values()].every((n) => n === 1)).toBe(true);
    expect(reads.casesOfGrid.size).toBe(600);
  });
});

describe('mapAudience', () => {
  it('gives a wildcard or an admin the whole district', () => {
    expect(everyone.grids).toEqual(['g1', 'g2', 'g3', 'g4', 'g5']);
  });

  it("gives a grid worker their own registered grids only, with just their streets and communities", async () => {
    const mine = mapAudience({ registry }, ['g4', 'g-not-registered']);
    const { ports } = fakePorts({ snapshots: [snapshot('g4', date, { streak: 3, free: true })] });

    const map = await battleMap(ports, mine, date);

    expect(map.grids.map((g) => g.id)).toEqual(['g4']);
    expect(map.streets).toEqual([{ id: 's2', name: '解放大道街道' }]);
    expect(map.communities).toEqual([{ id: 'c3', name: '江滩社区', streetId: 's2' }]);
  });

  it('shows nothing to a token that names no registered grid', async () => {
    const { ports } = fakePorts({});

    const map = await battleMap(ports, mapAudience({ registry }, []), date);

    expect(map).toMatchObject({ grids: [], streets: [], communities: [], counts: { free: 0, pending: 0, cases: 0, unreported: 0 } });
  });
});
