import type { DeliveryPort } from '@firstline/domain';

/**
 * Which deliveries a bare delivery id may mean for this request. Ids are chosen by clients, so two
 * grids may use the same one (a grid cannot block another's order by taking its id first: each
 * grid's deliveries are kept apart); a request names its grids, or the volunteer acting, and its
 * id means the delivery among those.
 */
export interface DeliveryScope {
  /** Deliveries of these grids. */
  readonly gridIds?: readonly string[];
  /** Deliveries these volunteers hold, or that nobody holds yet. */
  readonly volunteerIds?: readonly string[];
  /**
   * For a request whose scope check follows: when the id names one delivery and it lies outside
   * the scope, answer it anyway so that the check refuses it (403), as every route refuses what is
   * not the caller's, rather than hide it (404). Never for the server's own reads within a grid.
   */
  readonly showOutside?: true;
}

/** A delivery store that can be narrowed to a scope (the DynamoDB store can; a test's fake need not). */
export interface ScopableDeliveries extends DeliveryPort {
  within(scope: DeliveryScope): DeliveryPort;
}

function isScopable(deliveries: DeliveryPort): deliveries is ScopableDeliveries {
  return typeof (deliveries as Partial<ScopableDeliveries>).within === 'function';
}

/** The same ports, with deliveries read by id only within `scope`. */
export function withinScope<P extends { readonly deliveries: DeliveryPort }>(ports: P, scope: DeliveryScope): P {
  return isScopable(ports.deliveries) ? { ...ports, deliveries: ports.deliveries.within(scope) } : ports;
}

/**
 * The deliveries a caller restricted to these ids may mean: a volunteer's own, or those of the
 * grids named; a caller restricted to nothing (an admin, a district-wide token) means any.
 */
export function deliveryScopeOf(restriction: { readonly kind: string; readonly ids: readonly string[] } | undefined): DeliveryScope {
  if (restriction?.kind === 'volunteer') return { volunteerIds: restriction.ids, showOutside: true };
  if (restriction?.kind === 'grid') return { gridIds: restriction.ids, showOutside: true };
  return {};
}
