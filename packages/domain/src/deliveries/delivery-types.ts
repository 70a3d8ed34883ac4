/** Deliveries of groceries, group-buy packages and medicine to households under closed management (API.md, Deliveries). */

/** Who goes first: medical, then special hardship, then everyone else. */
export type Priority = 'medical' | 'hardship' | 'normal';

export type DeliveryKind = 'groceries' | 'group-buy' | 'medicine' | 'other';

/** `queued → assigned → picked-up → delivered`; `failed` and `cancelled` end it too. */
export type DeliveryStatus = 'queued' | 'assigned' | 'picked-up' | 'delivered' | 'failed' | 'cancelled';

/** Why a volunteer could not hand a delivery over. */
export type FailureReason = 'not-home' | 'wrong-address' | 'refused' | 'out-of-stock' | 'other';

export interface DeliveryItem {
  readonly name: string;
  readonly quantity: number;
}

/** One change of status, kept forever in the delivery's history. */
export interface HistoryEntry {
  readonly status: DeliveryStatus;
  /** ISO 8601 instant with offset, as the actor reported it. */
  readonly at: string;
  /** Who made the change; absent when the system did it (the automatic requeue after a failure). */
  readonly by?: string;
  /** On `failed` entries only. */
  readonly reason?: FailureReason;
  /** On `assigned` entries: the volunteer it went to, so the history alone tells who held it when. */
  readonly volunteerId?: string;
  /** Free text the actor attached to the event. */
  readonly note?: string;
}

/** What a request (or one household of a group-buy) asks for, before any status exists. */
export interface DeliveryOrder {
  readonly deliveryId: string;
  readonly gridId: string;
  readonly buildingId: string;
  readonly householdId: string;
  readonly kind: DeliveryKind;
  readonly items: readonly DeliveryItem[];
  readonly priority: Priority;
  /** ISO 8601 instant with offset; the delivery is counted as requested on this instant's day. */
  readonly requestedAt: string;
  /** Pick-up order within a group-buy, 1..n. */
  readonly callNumber?: number;
  readonly groupBuyId?: string;
}

export interface Delivery extends DeliveryOrder {
  readonly status: DeliveryStatus;
  /** The volunteer holding it while assigned or picked up; kept on a delivered, failed or cancelled one for the record. */
  readonly volunteerId?: string;
  /** Failed attempts so far. */
  readonly attempts: number;
  readonly history: readonly HistoryEntry[];
}

/** Statuses in which a delivery still needs work (the report's `open`). */
export const openDeliveryStatuses: readonly DeliveryStatus[] = ['queued', 'assigned', 'picked-up'];

/** Whether a delivery in this status still counts as open. */
export function isOpenStatus(status: DeliveryStatus): boolean {
  return openDeliveryStatuses.includes(status);
}
