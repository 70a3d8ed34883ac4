import { describe, expect, it } from 'vitest';
import type { CloseRun, CloseShard, Registry } from '@firstline/domain';
import { defaultPolicy, scanReadGroupOf, ValidationError } from '@firstline/domain';
import type { DistrictPorts } from '../../src/district.ts';
import { closeRecentDays } from '../../src/closing/close-recent-days.ts';
import { startClose } from '../../src/closing/close-runs.ts';

/** A district of `grids` grids whose close starts in memory: the runs recorded and the shards sent. */
function district(grids: number, closeShardGrids = 2) {
  const registry = {
    district: { id: 'demo', name: 'Demo', timeZone: 'Asia/Shanghai', policy: { ...defaultPolicy, closeShardGrids } },
    grids: Array.from({ length: grids }, (_, i) => ({ id: `g${i + 1}`, name: `Grid ${i + 1}`, communityId: 'c1' })),
  } as unknown as Registry;
  const runs = new Map<string, Partial<CloseRun>>();
  const sent: CloseShard[] = [];
  const ports = {
    defaultTimeZone: 'Asia/Shanghai',
    registry: { index: async () => ({ registry }), refresh: async () => ({ registry }) },
    closeRuns: { start: async (run: CloseRun) => void (runs.has(run.closeId) || runs.set(run.closeId, run)) },
    closeShards: { send: async (shards: readonly CloseShard[]) => void sent.push(...shards) },
  } as unknown as DistrictPorts;
  return { ports, runs, sent };
}

const midnight = new Date('2020-03-13T16:10:00Z'); // 00:10 on 14 March in Shanghai

describe('startClose', () => {
  it('cuts the grids into shards of the policy\'s size, each with every day to close in order', async () => {
    const { ports, sent } = district(5, 2);
    const run = await startClose(ports, { days: ['2020-03-12'] }, midnight);
    expect(run).toMatchObject({ days: ['2020-03-12'], shards: 3, shardsDone: 0 });
    expect(sent.map((s) => s.shard)).toEqual([0, 1, 2]);
    expect(sent.flatMap((s) => s.gridIds).sort()).toEqual(['g1', 'g2', 'g3', 'g4', 'g5']);
    expect(sent.map((s) => s.gridIds.length)).toEqual([2, 2, 1]);
    // Grids whose scans are read together are in one shard, or in neighbouring ones: a shard reads its groups' packs.
    const groups = sent.flatMap((s) => s.gridIds.map(scanReadGroupOf));
    expect(groups).toEqual([...groups].sort());
    expect(new Set(sent.map((s) => s.closeId))).toEqual(new Set([run.closeId]));
  });

  it('refuses a day still to come in the district, sending nothing', async () => {
    const { ports, sent, runs } = district(3);
    await expect(startClose(ports, { days: ['2020-03-15'] }, midnight)).rejects.toBeInstanceOf(ValidationError);
    expect([sent.length, runs.size]).toEqual([0, 0]);
  });
});

describe('closeRecentDays', () => {
  it('closes yesterday first, and the week before it in a close that follows, under one id per night', async () => {
    const { ports, runs, sent } = district(3, 3);
    await closeRecentDays(ports, midnight);
    await closeRecentDays(ports, midnight);

    expect([...runs.keys()]).toEqual(['nightly-2020-03-13']);
    expect(runs.get('nightly-2020-03-13')).toMatchObject({
      days: ['2020-03-13'], then: ['2020-03-06', '2020-03-07', '2020-03-08', '2020-03-09', '2020-03-10', '2020-03-11', '2020-03-12'],
    });
    expect(sent.map((s) => s.days)).toEqual([['2020-03-13'], ['2020-03-13']]);
  });
});
