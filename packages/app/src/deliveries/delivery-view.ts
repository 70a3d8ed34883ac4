import type { Delivery } from '@firstline/domain';

/** A delivery as API.md shows it: no hash, no version, the household's address but no personal data. */
export function deliveryView(d: Delivery) {
  const { deliveryId, status, volunteerId, callNumber, priority, history, gridId, buildingId, householdId, kind, items, requestedAt, attempts } = d;
  return { deliveryId, status, volunteerId, callNumber, priority, history, gridId, buildingId, householdId, kind, items, requestedAt, attempts };
}

export type DeliveryView = ReturnType<typeof deliveryView>;
