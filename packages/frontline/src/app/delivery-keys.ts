import type { MessageKey } from './i18n.ts';

/** The API's delivery vocabulary (API.md, Deliveries), each word with its message. */
export type DeliveryKind = 'groceries' | 'group-buy' | 'medicine' | 'other';
export type DeliveryStatus = 'queued' | 'assigned' | 'picked-up' | 'delivered' | 'failed' | 'cancelled';
export type Priority = 'normal' | 'hardship' | 'medical';
export type FailureReason = 'not-home' | 'wrong-address' | 'refused' | 'out-of-stock' | 'other';

export const kindKeys: Readonly<Record<DeliveryKind, MessageKey>> = {
  groceries: 'kind.groceries', 'group-buy': 'kind.group-buy', medicine: 'kind.medicine', other: 'kind.other',
};
export const statusKeys: Readonly<Record<DeliveryStatus, MessageKey>> = {
  queued: 'status.queued', assigned: 'status.assigned', 'picked-up': 'status.picked-up',
  delivered: 'status.delivered', failed: 'status.failed', cancelled: 'status.cancelled',
};
export const priorityKeys: Readonly<Record<Priority, MessageKey>> = {
  normal: 'priority.normal', hardship: 'priority.hardship', medical: 'priority.medical',
};
export const failureKeys: Readonly<Record<FailureReason, MessageKey>> = {
  'not-home': 'failure.not-home', 'wrong-address': 'failure.wrong-address', refused: 'failure.refused',
  'out-of-stock': 'failure.out-of-stock', other: 'failure.other',
};
