import type { DeliveryCountDelta } from '../deliveries/delivery-counters.ts';
import type { Delivery, DeliveryStatus } from '../deliveries/delivery-types.ts';
import type { LiveCounts } from './scans.ts';
import type { CreateOutcome } from './storage.ts';

/** A delivery as stored: with its version (optimistic concurrency) and body hash. */
export interface StoredDelivery extends Delivery {
  readonly version: number;
  readonly hash: string;
}

/** One page of a list; `next` is an opaque cursor the same store gave out. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next?: string | undefined;
}

export interface DeliveryPort {
  counts(gridId: string, day: string): Promise<Record<string, number>>;
  addCounts(deltas: readonly DeliveryCountDelta[]): Promise<void>;
  liveCounts(gridIds: readonly string[], day: string): Promise<Map<string, LiveCounts>>;
  /** Creates once; a new delivery stays uncounted until `claimCounting` takes it. */
  create(delivery: Delivery, hash: string): Promise<CreateOutcome>;
  /** True for exactly one caller: the right to count a new delivery's request. */
  claimCounting(deliveryId: string): Promise<boolean>;
  get(deliveryId: string): Promise<StoredDelivery | undefined>;
  getMany(deliveryIds: readonly string[]): Promise<StoredDelivery[]>;
  /** Replaces the delivery if still at `version`; false: re-read and decide again. */
  save(delivery: Delivery, version: number, hash: string): Promise<boolean>;
  /** A page of a grid's deliveries; a cursor from another list is a `ValidationError` on `next`. */
  byGrid(gridId: string, status: DeliveryStatus | undefined, limit: number, cursor?: string): Promise<Page<StoredDelivery>>;
  queued(gridId: string): Promise<StoredDelivery[]>;
  /** A volunteer's open tasks, in walking order. */
  tasksOf(volunteerId: string): Promise<StoredDelivery[]>;
  /** A household's latest deliveries, newest first (at most `limit`). */
  ofHousehold(householdId: string, limit: number): Promise<StoredDelivery[]>;
}
