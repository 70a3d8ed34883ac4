import { describe, expect, it } from 'vitest';
import { ValidationError } from '@firstline/domain';
import type { Unit } from '@firstline/domain';
import type { ReportPorts } from '../../src/reporting/read-grid-days.ts';
import { limitedReads, liveDays, refuseFutureDay, refuseOverCap, reportCost } from '../../src/reporting/report-cost.ts';

const grid = (id: string): Unit => ({ level: 'grid', id, name: id, grids: [id], children: [] });
const community: Unit = { level: 'community', id: 'c1', name: 'c1', grids: ['g1', 'g2'], children: [grid('g1'), grid('g2')] };

describe('the cost of a report', () => {
  it('refuses a day after today in the district, naming the field; today passes', () => {
    const now = new Date('2020-03-12T17:00:00Z'); // 01:00 on the 13th in Shanghai

    expect(() => refuseFutureDay('2020-03-13', 'Asia/Shanghai', 'to', now)).not.toThrow();
    const refused = (() => {
      try {
        refuseFutureDay('2020-03-14', 'Asia/Shanghai', 'to', now);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).details).toEqual([{ path: 'to', message: '2020-03-14 is after today (2020-03-13) in the district' }]);
  });

  it('refuses more live grid-days than the cap, saying how to ask', () => {
    expect(() => refuseOverCap(reportCost.maxLiveGridDays, 'from', 'ask for fewer days')).not.toThrow();
    expect(() => refuseOverCap(reportCost.maxLiveGridDays + 1, 'from', 'ask for fewer days')).toThrow(ValidationError);
  });

  it('counts as live the days without the roll-ups a report would read', async () => {
    const closed = new Set(['2020-03-10']);
    const ports = { snapshots: { rollups: async (_units: unknown, date: string) => new Map(closed.has(date) ? [['community#c1', {}]] : []) } };

    const live = await liveDays(ports as unknown as ReportPorts, community, ['2020-03-10', '2020-03-11', '2020-03-12']);

    expect(live.sort()).toEqual(['2020-03-11', '2020-03-12']);
    expect(await liveDays(ports as unknown as ReportPorts, grid('g1'), ['2020-03-10'])).toEqual(['2020-03-10']);
  });

  it('keeps at most the limit of report reads in flight, and answers each', async () => {
    let inFlight = 0;
    let most = 0;
    const read = async (gridId: string) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return [gridId];
    };
    const ports = { cases: { newOn: read }, gridLogs: { of: read }, scans: {}, deliveries: {}, snapshots: {}, registry: { name: 'kept as it is' } };

    const limited = limitedReads(ports as unknown as ReportPorts & { registry: { name: string } }, 3);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? limited.cases.newOn(`g${i}`, 'd') : limited.gridLogs.of(`g${i}`, 'd'))));

    expect(most).toBe(3);
    expect(answers.flat()).toHaveLength(40);
    expect(answers[7]).toEqual(['g7']);
    expect(limited.registry).toBe(ports.registry);
  });
});
