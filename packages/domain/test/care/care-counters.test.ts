import { describe, expect, it } from 'vitest';
import { careFigures, stepCounts } from '../../src/care/care-counters.ts';

const openedAt = '2020-03-12T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(openedAt) + minutes * 60_000).toISOString();

describe('care counters', () => {
  it('count a step with its whole minutes from opening, and an arrangement that acknowledged too', () => {
    expect(stepCounts({ openedAt, acknowledged: undefined }, 'acknowledged', at(4.5))).toEqual({ 'urgent.acknowledged': 1, 'ack.minutes.4': 1 });
    // Arranged at minute 30 after an acknowledgement at minute 4: the arrangement only.
    expect(stepCounts({ openedAt, acknowledged: { by: 'w1', at: at(4) } }, 'arranged', at(30))).toEqual({ 'urgent.arranged': 1, 'arrange.minutes.30': 1 });
    // Arranged with nobody's acknowledgement before: the request as stored carries this step's as its own.
    expect(stepCounts({ openedAt, acknowledged: { by: 'w2', at: at(12) } }, 'arranged', at(12))).toEqual({
      'urgent.acknowledged': 1, 'ack.minutes.12': 1, 'urgent.arranged': 1, 'arrange.minutes.12': 1,
    });
  });

  it('sum grids into a unit, with the medians over the merged histograms', () => {
    const g1 = { 'urgent.opened': 2, 'urgent.acknowledged': 2, 'ack.minutes.2': 1, 'ack.minutes.10': 1, 'care.visits': 3 };
    const g2 = { 'urgent.opened': 1, 'urgent.acknowledged': 1, 'ack.minutes.4': 1, 'urgent.escalated': 1, 'urgent.arranged': 1, 'arrange.minutes.40': 1 };
    expect(careFigures([g1, g2])).toEqual({
      urgent: { opened: 3, acknowledged: 3, arranged: 1, escalated: 1, medianMinutesToAcknowledge: 4, medianMinutesToArrange: 40 },
      visits: { done: 3 },
    });
    expect(careFigures([]).urgent).toMatchObject({ opened: 0, medianMinutesToAcknowledge: null, medianMinutesToArrange: null });
  });
});
