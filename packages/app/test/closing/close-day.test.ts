import { describe, expect, it } from 'vitest';
import type { CaseSpan, ClosingLog, GridDaySnapshot } from '@firstline/domain';
import { addDays, daysBetween, defaultPolicy } from '@firstline/domain';
import type { ClosePorts } from '../../src/closing/close-day.ts';
import { closeDay } from '../../src/closing/close-day.ts';

const settings = { policy: { ...defaultPolicy, epidemicFreeDays: 3, minDisinfectionRounds: 2 } };

interface FakeDay {
  cases?: number;
  logs?: number;
  rounds?: number;
  /** The day's logs came after the deadline; `approved` if an admin kept them. */
  late?: boolean;
  approved?: boolean;
}

/** A grid's days in memory: logs, cases (new and open) and snapshots. */
function fakeGrid(days: Record<string, FakeDay>, open: CaseSpan[] = []) {
  const snapshots = new Map<string, GridDaySnapshot>();
  const ports: ClosePorts = {
    gridIds: async () => ['g1'],
    scanRecords: async () => new Map(),
    newCases: async (_g, day) => Array.from({ length: days[day]?.cases ?? 0 }, () => ({ category: 'close-contact' })),
    gridCases: async () => open,
    gridLogs: async (_g, day) => Array.from({ length: days[day]?.logs ?? 1 }, (): ClosingLog => ({
      householdsVisited: 10, residentsScreened: 20, disinfectionRounds: days[day]?.rounds ?? 2, masksDistributed: 5, keyPersonsFound: 0,
      late: days[day]?.late, approval: days[day]?.approved ? { by: 'admin', at: `${day}T20:00:00Z`, reason: 'phone was lost' } : undefined,
    })),
    deliveryCounts: async () => ({}),
    saveSnapshot: async (s) => void snapshots.set(s.day, s),
    snapshot: async (_g, day) => snapshots.get(day),
  };
  return { ports, snapshots, days, open };
}

const streaks = (snapshots: Map<string, GridDaySnapshot>, from: string, to: string) => daysBetween(from, to).map((d) => snapshots.get(d)!.streak.zeroStreakDays);

describe('closeDay', () => {
  it('continues the streak day after day and certifies the grid on the third quiet day', async () => {
    const { ports, snapshots } = fakeGrid({});

    for (const day of daysBetween('2020-03-01', '2020-03-04')) await closeDay(day, settings, ports);

    expect([...snapshots.values()].map((s) => [s.day, s.streak.zeroStreakDays, s.streak.epidemicFree])).toEqual([
      ['2020-03-01', 1, false], ['2020-03-02', 2, false], ['2020-03-03', 3, true], ['2020-03-04', 4, true],
    ]);
  });

  it('lets a late case revise a closed day and every later streak that depends on it', async () => {
    const grid = fakeGrid({});
    for (const day of daysBetween('2020-03-01', '2020-03-05')) await closeDay(day, settings, grid.ports);
    grid.days['2020-03-02'] = { cases: 1 };

    const result = await closeDay('2020-03-02', settings, grid.ports);

    expect(result.revisedLaterDays).toBe(3);
    expect(streaks(grid.snapshots, '2020-03-01', '2020-03-05')).toEqual([1, 0, 1, 2, 3]);
    expect(grid.snapshots.get('2020-03-05')!.streak).toEqual({ zeroStreakDays: 3, epidemicFree: true, since: '2020-03-03' });
  });

  it('is idempotent: closing a day again changes nothing and revises nothing', async () => {
    const { ports, snapshots } = fakeGrid({ '2020-03-02': { rounds: 1 } });
    for (const day of daysBetween('2020-03-01', '2020-03-03')) await closeDay(day, settings, ports);
    const before = JSON.stringify([...snapshots.values()]);

    const again = await closeDay('2020-03-02', settings, ports);

    expect(again.revisedLaterDays).toBe(0);
    expect(JSON.stringify([...snapshots.values()])).toBe(before);
    expect(snapshots.get(addDays('2020-03-02', 0))!.streak.zeroStreakDays).toBe(0);
  });

  it('keeps a grid from qualifying on every day a case reported earlier is still open, and lets it count again after the release day', async () => {
    const grid = fakeGrid({}, [{ day: '2020-02-20', releasedDay: '2020-03-03' }]);

    for (const day of daysBetween('2020-03-01', '2020-03-06')) await closeDay(day, settings, grid.ports);

    expect(daysBetween('2020-03-01', '2020-03-06').map((d) => grid.snapshots.get(d)!.openCases)).toEqual([1, 1, 0, 0, 0, 0]);
    expect(streaks(grid.snapshots, '2020-03-01', '2020-03-06')).toEqual([0, 0, 1, 2, 3, 4]);
  });

  it('carries a late case\'s open days forward: a case reported on a closed day and still open breaks every later day', async () => {
    const grid = fakeGrid({});
    for (const day of daysBetween('2020-03-01', '2020-03-05')) await closeDay(day, settings, grid.ports);
    grid.days['2020-03-02'] = { cases: 1 };
    grid.open.push({ day: '2020-03-02' });

    await closeDay('2020-03-02', settings, grid.ports);

    expect(streaks(grid.snapshots, '2020-03-01', '2020-03-05')).toEqual([1, 0, 0, 0, 0]);
    expect(grid.snapshots.get('2020-03-05')!.openCases).toBe(1);
  });

  it('counts a late log for completeness but not for the streak, unless an admin approved it', async () => {
    const grid = fakeGrid({ '2020-03-02': { late: true }, '2020-03-03': { late: true, approved: true } });

    for (const day of daysBetween('2020-03-01', '2020-03-04')) await closeDay(day, settings, grid.ports);

    const late = grid.snapshots.get('2020-03-02')!;
    expect(late).toMatchObject({ reported: true, reportedOnTime: false, certified: { reported: false, disinfectionRounds: 0 } });
    expect(grid.snapshots.get('2020-03-03')).toMatchObject({ reported: true, reportedOnTime: false, certified: { reported: true, disinfectionRounds: 2 } });
    expect(streaks(grid.snapshots, '2020-03-01', '2020-03-04')).toEqual([1, 0, 1, 2]);
  });

  it('does not let a late log\'s disinfection rounds make up for an on-time log that had too few', async () => {
    const grid = fakeGrid({});
    grid.ports.gridLogs = async () => [
      { householdsVisited: 1, residentsScreened: 1, disinfectionRounds: 1, masksDistributed: 0, keyPersonsFound: 0 },
      { householdsVisited: 1, residentsScreened: 1, disinfectionRounds: 5, masksDistributed: 0, keyPersonsFound: 0, late: true },
    ];

    const { snapshots } = await closeDay('2020-03-01', settings, grid.ports);

    expect(snapshots[0]).toMatchObject({ work: { disinfectionRounds: 6, logs: 2 }, certified: { reported: true, disinfectionRounds: 1 }, streak: { zeroStreakDays: 0 } });
  });

  it('writes every later closed day afresh up to the day a revision asks for, even unchanged ones', async () => {
    const grid = fakeGrid({});
    for (const day of daysBetween('2020-03-01', '2020-03-04')) await closeDay(day, settings, grid.ports);

    const revised = await closeDay('2020-03-02', { ...settings, rewriteThrough: '2020-03-04' }, grid.ports);

    expect(revised.revisedDays).toEqual(['2020-03-03', '2020-03-04']);
    expect(streaks(grid.snapshots, '2020-03-01', '2020-03-04')).toEqual([1, 2, 3, 4]);
  });
});
