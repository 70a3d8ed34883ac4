import { queueDelivery } from './delivery-status.ts';
import type { Delivery, Priority } from './delivery-types.ts';
import { groupBuyDeliveryId } from './group-buy-delivery-id.ts';
import { compareNatural } from './ordering.ts';

export interface GroupBuyHousehold {
  readonly householdId: string;
  readonly buildingId: string;
  readonly quantity: number;
  /** Special-hardship or medical households still go first at dispatch; the default is `normal`. */
  readonly priority?: Priority;
}

/** A batch of group-buy goods arrived at the compound gate (API.md, `POST /v1/group-buys`). */
export interface GroupBuyArrival {
  readonly groupBuyId: string;
  readonly gridId: string;
  readonly item: string;
  /** ISO 8601 instant with offset; each delivery is requested at this instant. */
  readonly arrivedAt: string;
  readonly households: readonly GroupBuyHousehold[];
}

export type GroupBuyResult =
  | { readonly ok: true; readonly deliveries: readonly Delivery[] }
  | {
      readonly ok: false;
      readonly error: 'duplicate-household';
      readonly message: string;
      /** Each repeat after the first: its index in `households`, for a field path such as `households.3.householdId`. */
      readonly duplicates: readonly { readonly index: number; readonly householdId: string }[];
    };

/**
 * One queued delivery per household, with call numbers 1..n given building by building (buildings
 * and households in natural order: "B2" before "B10") so that volunteers call pick-ups in order
 * and residents never crowd. Deliveries come back in call-number order.
 *
 * Deterministic: ids derive from the group-buy and household ({@link groupBuyDeliveryId}) and
 * every field from the arrival, so sending the same group-buy again yields identical deliveries.
 * A household listed twice is an error value, not a throw. `by` is recorded as the creator.
 */
export function planGroupBuy(arrival: GroupBuyArrival, by?: string): GroupBuyResult {
  const firstIndex = new Map<string, number>();
  const duplicates: { index: number; householdId: string }[] = [];
  arrival.households.forEach((h, index) => {
    if (firstIndex.has(h.householdId)) duplicates.push({ index, householdId: h.householdId });
    else firstIndex.set(h.householdId, index);
  });
  if (duplicates.length > 0) {
    const ids = [...new Set(duplicates.map((d) => d.householdId))];
    return { ok: false, error: 'duplicate-household', message: `households listed more than once: ${ids.join(', ')}`, duplicates };
  }

  const ordered = [...arrival.households].sort(
    (a, b) => compareNatural(a.buildingId, b.buildingId) || compareNatural(a.householdId, b.householdId),
  );
  const deliveries = ordered.map((h, i) =>
    queueDelivery(
      {
        deliveryId: groupBuyDeliveryId(arrival.groupBuyId, h.householdId),
        groupBuyId: arrival.groupBuyId,
        gridId: arrival.gridId,
        buildingId: h.buildingId,
        householdId: h.householdId,
        kind: 'group-buy',
        items: [{ name: arrival.item, quantity: h.quantity }],
        priority: h.priority ?? 'normal',
        requestedAt: arrival.arrivedAt,
        callNumber: i + 1,
      },
      by,
    ),
  );
  return { ok: true, deliveries };
}
