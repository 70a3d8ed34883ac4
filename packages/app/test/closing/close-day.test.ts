import { describe, expect, it } from 'vitest';
import type { GridDaySnapshot, ScanRecord } from '@firstline/domain';
import { addDays, daysBetween, defaultPolicy } from '@firstline/domain';
import type { ClosePorts } from '../../src/closing/close-day.ts';
import { closeDay } from '../../src/closing/close-day.ts';

const policy = { ...defaultPolicy, epidemicFreeDays: 3, minDisinfectionRounds: 2 };

/** A grid's days in memory: logs, cases and snapshots. */
function fakeGrid(days: Record<string, { cases?: number; logs?: number; rounds?: number }>) {
  const snapshots = new Map<string, GridDaySnapshot>();
  const ports: ClosePorts = {
    gridIds: async () => ['g1'],
    scanRecords: async () => [] as ScanRecord[],
    newCases: async (_g, day) => Array.from({ length: days[day]?.cases ?? 0 }, () => ({ category: 'close-contact' })),
    gridLogs: async (_g, day) => Array.from({ length: days[day]?.logs ?? 1 }, () => ({
      householdsVisited: 10, residentsScreened: 20, disinfectionRounds: days[day]?.rounds ?? 2, masksDistributed: 5, keyPersonsFound: 0,
    })),
    deliveryCounts: async () => ({}),
    saveSnapshot: async (s) => void snapshots.set(s.day, s),
    snapshot: async (_g, day) => snapshots.get(day),
  };
  return { ports, snapshots, days };
}

describe('closeDay', () => {
  it('continues the streak day after day and certifies the grid on the third quiet day', async () => {
    const { ports, snapshots } = fakeGrid({});

    for (const day of daysBetween('2020-03-01', '2020-03-04')) await closeDay(day, policy, ports);

    expect([...snapshots.values()].map((s) => [s.day, s.streak.zeroStreakDays, s.streak.epidemicFree])).toEqual([
      ['2020-03-01', 1, false], ['2020-03-02', 2, false], ['2020-03-03', 3, true], ['2020-03-04', 4, true],
    ]);
  });

  it('lets a late case revise a closed day and every later streak that depends on it', async () => {
    const grid = fakeGrid({});
    for (const day of daysBetween('2020-03-01', '2020-03-05')) await closeDay(day, policy, grid.ports);
    grid.days['2020-03-02'] = { cases: 1 };

    const result = await closeDay('2020-03-02', policy, grid.ports);

    expect(result.revisedLaterDays).toBe(3);
    expect([...daysBetween('2020-03-01', '2020-03-05')].map((d) => grid.snapshots.get(d)!.streak.zeroStreakDays)).toEqual([1, 0, 1, 2, 3]);
    expect(grid.snapshots.get('2020-03-05')!.streak).toEqual({ zeroStreakDays: 3, epidemicFree: true, since: '2020-03-03' });
  });

  it('is idempotent: closing a day again changes nothing and revises nothing', async () => {
    const { ports, snapshots } = fakeGrid({ '2020-03-02': { rounds: 1 } });
    for (const day of daysBetween('2020-03-01', '2020-03-03')) await closeDay(day, policy, ports);
    const before = JSON.stringify([...snapshots.values()]);

    const again = await closeDay('2020-03-02', policy, ports);

    expect(again.revisedLaterDays).toBe(0);
    expect(JSON.stringify([...snapshots.values()])).toBe(before);
    expect(snapshots.get(addDays('2020-03-02', 0))!.streak.zeroStreakDays).toBe(0);
  });
});
