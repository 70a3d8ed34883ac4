import { describe, expect, it } from 'vitest';
import type { HeldTask } from '../../src/deliveries/medical-first.ts';
import { bumpableTasks } from '../../src/deliveries/medical-first.ts';

const task = (deliveryId: string, priority: HeldTask['priority'], status: HeldTask['status'], assignedAt: string): HeldTask => ({
  deliveryId, gridId: 'g1', volunteerId: 'v1', priority, status,
  history: [{ status: 'queued', at: '2020-03-12T08:00:00+08:00' }, { status: 'assigned', at: assignedAt }],
});

describe('which tasks a waiting medical delivery may take the place of', () => {
  it('only tasks not yet picked up, never a medical one; normal before hardship, the most recently assigned first', () => {
    const held = [
      task('normal-old', 'normal', 'assigned', '2020-03-12T09:00:00+08:00'),
      task('hardship-new', 'hardship', 'assigned', '2020-03-12T09:30:00+08:00'),
      task('normal-new', 'normal', 'assigned', '2020-03-12T01:20:00Z'),
      task('carried', 'normal', 'picked-up', '2020-03-12T09:40:00+08:00'),
      task('medical', 'medical', 'assigned', '2020-03-12T09:50:00+08:00'),
    ];
    expect(bumpableTasks(held).map((t) => t.deliveryId)).toEqual(['normal-new', 'normal-old', 'hardship-new']);
  });

  it('finds none where every task is medical or on its way', () => {
    expect(bumpableTasks([task('m', 'medical', 'assigned', '2020-03-12T09:00:00+08:00'), task('p', 'normal', 'picked-up', '2020-03-12T09:00:00+08:00')])).toEqual([]);
  });
});
