import { describe, expect, it } from 'vitest';
import { changesSince, snapshotOf, withOwnChange } from '../src/app/task-changes.ts';

const at = new Date('2026-12-02T08:00:00Z');

describe('changesSince', () => {
  it('has nothing to compare on a first look', () => {
    expect(changesSince(undefined, [{ deliveryId: 'd1', status: 'assigned' }])).toBeUndefined();
  });

  it('tells new, gone and moved tasks apart', () => {
    const last = snapshotOf([{ deliveryId: 'd1', status: 'assigned' }, { deliveryId: 'd2', status: 'assigned' }, { deliveryId: 'd3', status: 'picked-up' }], at);

    const changes = changesSince(last, [{ deliveryId: 'd1', status: 'assigned' }, { deliveryId: 'd3', status: 'assigned' }, { deliveryId: 'd4', status: 'assigned' }]);

    expect(changes).toEqual({ added: ['d4'], removed: ['d2'], changed: ['d3'] });
  });

  it("does not report the volunteer's own taps as news", () => {
    const last = snapshotOf([{ deliveryId: 'd1', status: 'assigned' }, { deliveryId: 'd2', status: 'picked-up' }], at);

    const seen = withOwnChange(withOwnChange(last, 'd1', 'picked-up'), 'd2', 'delivered');

    expect(changesSince(seen, [{ deliveryId: 'd1', status: 'picked-up' }])).toEqual({ added: [], removed: [], changed: [] });
    expect(seen?.at).toBe(at.toISOString());
  });
});
