import { describe, expect, it } from 'vitest';
import { allowedStatuses, applyDeliveryEvent, queueDelivery, requeueLimit } from '../../src/deliveries/delivery-status.ts';
import type { DeliveryEvent } from '../../src/deliveries/delivery-status.ts';
import type { Delivery, DeliveryStatus } from '../../src/deliveries/delivery-types.ts';

const order = {
  deliveryId: 'd1', gridId: 'g1', buildingId: 'B2', householdId: 'h1', kind: 'medicine' as const,
  items: [{ name: 'insulin', quantity: 1 }], priority: 'medical' as const, requestedAt: '2020-03-12T09:00:00+08:00',
};
const T = (minute: number) => `2020-03-12T10:${String(minute).padStart(2, '0')}:00+08:00`;

/** Applies events in order, failing the test if any is refused. */
function run(delivery: Delivery, steps: readonly [DeliveryEvent, string | undefined][]): Delivery {
  let d = delivery;
  steps.forEach(([event, by], i) => {
    const r = applyDeliveryEvent(d, event, by, T(i + 1));
    if (!r.ok) throw new Error(`step ${i} ${event.type}: ${r.message}`);
    d = r.delivery;
  });
  return d;
}

/** A delivery brought to `status` the way it happens in life; v1 holds it wherever a volunteer does. */
function reach(status: DeliveryStatus): Delivery {
  const q = queueDelivery(order, 'dispatcher');
  const assign: [DeliveryEvent, string] = [{ type: 'assign', volunteerId: 'v1' }, 'dispatcher'];
  switch (status) {
    case 'queued': return q;
    case 'assigned': return run(q, [assign]);
    case 'picked-up': return run(q, [assign, [{ type: 'picked-up' }, 'v1']]);
    case 'delivered': return run(q, [assign, [{ type: 'picked-up' }, 'v1'], [{ type: 'delivered' }, 'v1']]);
    case 'failed': return run(q, [assign, [{ type: 'failed', reason: 'not-home' }, 'v1'], assign, [{ type: 'failed', reason: 'refused' }, 'v1']]);
    case 'cancelled': return run(q, [assign, [{ type: 'cancel' }, 'dispatcher']]);
  }
}

const events: Record<string, [DeliveryEvent, string]> = {
  assign: [{ type: 'assign', volunteerId: 'v2' }, 'dispatcher'],
  release: [{ type: 'release' }, 'dispatcher'],
  'picked-up': [{ type: 'picked-up' }, 'v1'],
  delivered: [{ type: 'delivered' }, 'v1'],
  failed: [{ type: 'failed', reason: 'out-of-stock' }, 'v1'],
  cancel: [{ type: 'cancel' }, 'dispatcher'],
};

describe('applyDeliveryEvent: every event in every status, sent by whoever may send it', () => {
  it.each([
    // from,       event,       outcome (a status, or the error)
    ['queued', 'assign', 'assigned'],
    ['queued', 'release', 'invalid-transition'],
    ['queued', 'picked-up', 'forbidden'], // nobody's task yet
    ['queued', 'delivered', 'forbidden'],
    ['queued', 'failed', 'forbidden'],
    ['queued', 'cancel', 'cancelled'],
    ['assigned', 'assign', 'invalid-transition'], // reassigning needs a release first
    ['assigned', 'release', 'queued'],
    ['assigned', 'picked-up', 'picked-up'],
    ['assigned', 'delivered', 'invalid-transition'], // must be picked up first
    ['assigned', 'failed', 'queued'], // first failure: back to the queue
    ['assigned', 'cancel', 'cancelled'],
    ['picked-up', 'assign', 'invalid-transition'],
    ['picked-up', 'release', 'invalid-transition'], // goods in hand stay with the volunteer
    ['picked-up', 'picked-up', 'invalid-transition'],
    ['picked-up', 'delivered', 'delivered'],
    ['picked-up', 'failed', 'queued'],
    ['picked-up', 'cancel', 'cancelled'],
    ...(['delivered', 'failed', 'cancelled'] as const).flatMap((end) =>
      Object.keys(events).map((e) => [end, e, 'invalid-transition'] as const),
    ),
  ] as const)('%s + %s → %s', (from, eventName, outcome) => {
    const delivery = reach(from);
    const [event, by] = events[eventName]!;

    const result = applyDeliveryEvent(delivery, event, by, T(30));

    if (outcome === 'forbidden' || outcome === 'invalid-transition') {
      expect(result).toMatchObject({ ok: false, error: outcome });
      expect(result.ok || result.message).toContain('d1');
    } else {
      expect(result).toMatchObject({ ok: true, changed: true, delivery: { status: outcome } });
    }
  });

  it('the transition table says the same as the cases above', () => {
    expect(allowedStatuses).toEqual({
      assign: ['queued'],
      release: ['assigned'],
      'picked-up': ['assigned'],
      delivered: ['picked-up'],
      failed: ['assigned', 'picked-up'],
      cancel: ['queued', 'assigned', 'picked-up'],
    });
  });
});

describe('applyDeliveryEvent: only the assigned volunteer', () => {
  it.each([
    ['another volunteer picks up', 'assigned', { type: 'picked-up' }, 'v2'],
    ['another volunteer delivers', 'picked-up', { type: 'delivered' }, 'v2'],
    ['another volunteer reports a failure', 'picked-up', { type: 'failed', reason: 'not-home' }, 'v2'],
    ['an anonymous sender picks up', 'assigned', { type: 'picked-up' }, undefined],
    ['an anonymous sender picks up a queued task', 'queued', { type: 'picked-up' }, undefined],
    ['the dispatcher delivers', 'picked-up', { type: 'delivered' }, 'dispatcher'],
    // Forbidden beats invalid-transition: a stranger learns nothing about someone else's task.
    ['another volunteer on a delivered task', 'delivered', { type: 'delivered' }, 'v2'],
    ['another volunteer on a failed task', 'failed', { type: 'picked-up' }, 'v2'],
  ] as const)('%s → forbidden', (_name, from, event, by) => {
    const delivery = reach(from);

    const result = applyDeliveryEvent(delivery, event, by, T(30));

    expect(result).toEqual({ ok: false, error: 'forbidden', message: expect.stringContaining('not a task of') });
  });

  it('the volunteer a task was released from may no longer act on it', () => {
    const released = run(reach('assigned'), [[{ type: 'release' }, 'dispatcher']]);

    expect(applyDeliveryEvent(released, { type: 'picked-up' }, 'v1', T(40))).toMatchObject({ ok: false, error: 'forbidden' });
  });

  it('the volunteer a failed task was taken from may no longer act on it, the new one may', () => {
    const requeued = run(reach('picked-up'), [[{ type: 'failed', reason: 'not-home' }, 'v1'], [{ type: 'assign', volunteerId: 'v2' }, 'dispatcher']]);

    expect(applyDeliveryEvent(requeued, { type: 'picked-up' }, 'v1', T(40))).toMatchObject({ ok: false, error: 'forbidden' });
    expect(applyDeliveryEvent(requeued, { type: 'picked-up' }, 'v2', T(40))).toMatchObject({ ok: true, delivery: { status: 'picked-up' } });
  });
});

describe('applyDeliveryEvent: failure goes back to the queue once', () => {
  it('requeues the first failure, keeping it in the history, and ends on the second', () => {
    const picked = reach('picked-up');

    const first = applyDeliveryEvent(picked, { type: 'failed', reason: 'not-home', note: 'knocked twice' }, 'v1', T(20));
    if (!first.ok) throw new Error(first.message);
    const again = run(first.delivery, [[{ type: 'assign', volunteerId: 'v2' }, 'dispatcher'], [{ type: 'picked-up' }, 'v2']]);
    const second = applyDeliveryEvent(again, { type: 'failed', reason: 'refused' }, 'v2', T(50));

    expect(requeueLimit).toBe(1);
    expect(first.delivery).toMatchObject({ status: 'queued', attempts: 1 });
    expect(first.delivery.volunteerId).toBeUndefined();
    expect('volunteerId' in first.delivery).toBe(false);
    expect(first.delivery.history.slice(-2)).toEqual([
      { status: 'failed', at: T(20), by: 'v1', reason: 'not-home', note: 'knocked twice' },
      { status: 'queued', at: T(20) },
    ]);
    expect(second).toMatchObject({ ok: true, delivery: { status: 'failed', attempts: 2, volunteerId: 'v2' } });
    expect(second.ok && second.delivery.history.at(-1)).toEqual({ status: 'failed', at: T(50), by: 'v2', reason: 'refused' });
  });

  it.each(['not-home', 'wrong-address', 'refused', 'out-of-stock', 'other'] as const)('treats reason %s the same way', (reason) => {
    const first = run(reach('assigned'), [[{ type: 'failed', reason }, 'v1']]);
    const second = run(first, [[{ type: 'assign', volunteerId: 'v1' }, 'dispatcher'], [{ type: 'failed', reason }, 'v1']]);

    expect(first.status).toBe('queued');
    expect(second.status).toBe('failed');
    expect(second.history.filter((e) => e.status === 'failed').map((e) => e.reason)).toEqual([reason, reason]);
  });

  it('a release does not count as a failed attempt', () => {
    const released = run(reach('assigned'), [[{ type: 'release' }, 'dispatcher'], [{ type: 'assign', volunteerId: 'v1' }, 'dispatcher'], [{ type: 'failed', reason: 'other' }, 'v1']]);

    expect(released).toMatchObject({ status: 'queued', attempts: 1 });
  });
});

describe('applyDeliveryEvent: history and record', () => {
  it('appends one entry per change with who and when, from request to hand-over', () => {
    const delivered = reach('delivered');

    expect(delivered.history).toEqual([
      { status: 'queued', at: order.requestedAt, by: 'dispatcher' },
      { status: 'assigned', at: T(1), by: 'dispatcher', volunteerId: 'v1' },
      { status: 'picked-up', at: T(2), by: 'v1' },
      { status: 'delivered', at: T(3), by: 'v1' },
    ]);
    expect(delivered).toMatchObject({ status: 'delivered', volunteerId: 'v1', attempts: 0 });
  });

  it('a release clears the volunteer and records who released it', () => {
    const released = run(reach('assigned'), [[{ type: 'release' }, 'dispatcher-fn']]);

    expect(released.status).toBe('queued');
    expect('volunteerId' in released).toBe(false);
    expect(released.history.at(-1)).toEqual({ status: 'queued', at: T(1), by: 'dispatcher-fn' });
  });

  it('a cancellation keeps the volunteer it was with and the note', () => {
    const cancelled = applyDeliveryEvent(reach('picked-up'), { type: 'cancel', note: 'moved to central quarantine' }, 'dispatcher', T(30));

    expect(cancelled).toMatchObject({ ok: true, delivery: { status: 'cancelled', volunteerId: 'v1' } });
    expect(cancelled.ok && cancelled.delivery.history.at(-1)).toEqual({ status: 'cancelled', at: T(30), by: 'dispatcher', note: 'moved to central quarantine' });
  });

  it('leaves the input untouched and carries every other field through', () => {
    const assigned = reach('assigned');
    const snapshot = structuredClone(assigned);

    const result = applyDeliveryEvent(assigned, { type: 'picked-up' }, 'v1', T(30));

    expect(assigned).toEqual(snapshot);
    expect(result.ok && result.delivery).toMatchObject({ ...order, status: 'picked-up' });
  });

  it('queues a new delivery at its request instant, with or without a creator', () => {
    expect(queueDelivery(order)).toEqual({ ...order, status: 'queued', attempts: 0, history: [{ status: 'queued', at: order.requestedAt }] });
    expect(queueDelivery(order, 'gw1').history).toEqual([{ status: 'queued', at: order.requestedAt, by: 'gw1' }]);
  });
});

describe('applyDeliveryEvent: a repeated event is a retry, not a conflict', () => {
  it.each([
    // name, status before, event, sender
    ['assign', 'queued', { type: 'assign', volunteerId: 'v1' }, 'dispatcher'],
    ['release', 'assigned', { type: 'release' }, 'dispatcher'],
    ['picked-up', 'assigned', { type: 'picked-up', note: 'at the gate' }, 'v1'],
    ['delivered', 'picked-up', { type: 'delivered' }, 'v1'],
    ['a requeueing failure', 'picked-up', { type: 'failed', reason: 'not-home' }, 'v1'],
    ['cancel', 'assigned', { type: 'cancel' }, 'dispatcher'],
  ] as const)('%s sent twice changes nothing the second time', (_name, from, event, by) => {
    const first = applyDeliveryEvent(reach(from), event, by, T(30));
    if (!first.ok) throw new Error(first.message);

    const again = applyDeliveryEvent(first.delivery, event, by, T(30));

    expect(again).toEqual({ ok: true, delivery: first.delivery, changed: false });
  });

  it('a final failure sent twice changes nothing the second time', () => {
    const failed = reach('failed');
    const last = failed.history.at(-1)!;

    const again = applyDeliveryEvent(failed, { type: 'failed', reason: last.reason! }, last.by, last.at);

    expect(again).toEqual({ ok: true, delivery: failed, changed: false });
  });

  it('the same event at another instant, or with another note or reason, is not a retry', () => {
    const delivered = reach('delivered');

    expect(applyDeliveryEvent(delivered, { type: 'delivered' }, 'v1', T(59))).toMatchObject({ ok: false, error: 'invalid-transition' });
    expect(applyDeliveryEvent(delivered, { type: 'delivered', note: 'left at door' }, 'v1', T(3))).toMatchObject({ ok: false, error: 'invalid-transition' });
    expect(applyDeliveryEvent(reach('failed'), { type: 'failed', reason: 'other' }, 'v1', T(4))).toMatchObject({ ok: false, error: 'invalid-transition' });
  });

  it('another sender cannot pass off an event as a retry', () => {
    expect(applyDeliveryEvent(reach('delivered'), { type: 'delivered' }, 'v2', T(3))).toMatchObject({ ok: false, error: 'forbidden' });
  });

  it('only the latest change counts: an old event arriving after later changes is judged on the rules', () => {
    // v1 picked up at T(2), failed, and was given the task again: a late copy of that first
    // pick-up is no longer the latest change, so it counts as a pick-up of the new assignment.
    const d = run(reach('picked-up'), [[{ type: 'failed', reason: 'not-home' }, 'v1'], [{ type: 'assign', volunteerId: 'v1' }, 'dispatcher']]);

    expect(applyDeliveryEvent(d, { type: 'picked-up' }, 'v1', T(2))).toMatchObject({ ok: true, changed: true, delivery: { status: 'picked-up' } });
    expect(applyDeliveryEvent(reach('delivered'), { type: 'picked-up' }, 'v1', T(2))).toMatchObject({ ok: false, error: 'invalid-transition' });
  });

  it('an event identical to two in the life of a task is applied both times when something happened in between', () => {
    const d = queueDelivery(order);
    const steps: [DeliveryEvent, string][] = [
      [{ type: 'assign', volunteerId: 'v1' }, 'dispatcher'],
      [{ type: 'failed', reason: 'not-home' }, 'v1'],
      [{ type: 'assign', volunteerId: 'v1' }, 'dispatcher'],
      [{ type: 'failed', reason: 'not-home' }, 'v1'],
    ];
    let current = d;
    for (const [event, by] of steps) {
      // Every event at the same instant: only the rules, not the clock, tell them apart.
      const r = applyDeliveryEvent(current, event, by, T(0));
      if (!r.ok) throw new Error(r.message);
      current = r.delivery;
    }

    expect(current).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('a release on a new delivery is a 409, not mistaken for a retry of its creation', () => {
    const fresh = queueDelivery(order);

    expect(applyDeliveryEvent(fresh, { type: 'release' }, undefined, order.requestedAt)).toMatchObject({ ok: false, error: 'invalid-transition' });
  });
});
