import type { Delivery } from './delivery-types.ts';
import { compareInstants } from './instant.ts';
import { compareCallNumbers, compareCodeUnits, compareNatural } from './ordering.ts';

/** What walking order reads of a task. */
export type WalkingTask = Pick<Delivery, 'deliveryId' | 'buildingId' | 'callNumber' | 'requestedAt'>;

/**
 * Orders a volunteer's open tasks the way they walk them: building by building (natural order,
 * "B2" before "B10"), then by call number (numbered before unnumbered), then oldest request first;
 * delivery id last so the order is total. Returns a new array; the input is untouched.
 */
export function walkingOrder<T extends WalkingTask>(tasks: readonly T[]): T[] {
  return [...tasks].sort(
    (a, b) =>
      compareNatural(a.buildingId, b.buildingId) ||
      compareCallNumbers(a.callNumber, b.callNumber) ||
      compareInstants(a.requestedAt, b.requestedAt) ||
      compareCodeUnits(a.deliveryId, b.deliveryId),
  );
}
