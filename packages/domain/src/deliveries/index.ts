/** Deliveries: the status flow, dispatch choice, group-buy call numbers, walking order and report counters. */
export * from './delivery-types.ts';
export * from './delivery-status.ts';
export * from './dispatch-choice.ts';
export * from './medical-first.ts';
export { groupBuyDeliveryId } from './group-buy-delivery-id.ts';
export * from './call-numbers.ts';
export * from './walking-order.ts';
export * from './delivery-counters.ts';
