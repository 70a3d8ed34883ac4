import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ReadonlyRouteResponse, RouteResponse } from '../src/contracts.ts';
import type { DeliveryView } from '../src/deliveries.schema.ts';
import { deliveryView } from '../src/deliveries.schema.ts';
import { residentView } from '../src/residents.schema.ts';
import { postScansResponse } from '../src/scans.schema.ts';

const delivery = {
  deliveryId: 'd1', status: 'queued', priority: 'medical', history: [{ status: 'queued', at: '2020-03-12T09:00:00+08:00', by: 'dispatcher:*' }],
  gridId: 'g1', buildingId: 'b1', householdId: 'h1', kind: 'medicine', items: [{ name: 'insulin', quantity: 1 }],
  requestedAt: '2020-03-12T09:00:00+08:00', attempts: 0,
};
const resident = {
  personId: 'p_0123456789abcdefABCD', nameMasked: '王*', phoneMasked: '138****1111', buildingId: 'b1', gridId: 'g1', householdId: 'h1',
  codeColor: 'green', status: 'none', recentScans: [], temperatures: [],
};

describe('response schemas', () => {
  it('take what a handler sends, optional fields left out and null where nothing was found', () => {
    expect(deliveryView.safeParse(delivery).success).toBe(true);
    expect(deliveryView.safeParse({ ...delivery, status: 'assigned', volunteerId: 'v1', callNumber: 3 }).success).toBe(true);
    expect(postScansResponse.safeParse({ results: [{ scanId: 's1', verdict: 'deny', reason: 'unknown-person', person: null }] }).success).toBe(true);
  });

  it('refuse a field the handler must not send: a stored version or hash, a person\'s cases', () => {
    expect(deliveryView.safeParse({ ...delivery, version: 3, hash: 'abc' }).error?.issues).toMatchObject([{ code: 'unrecognized_keys', keys: ['version', 'hash'] }]);
    expect(residentView.safeParse({ ...resident, cases: {} }).error?.issues).toMatchObject([{ code: 'unrecognized_keys', keys: ['cases'] }]);
  });

  it('bind a handler\'s read-only view of an entity, but not one that misses or mistypes a field', () => {
    type View = Readonly<Omit<DeliveryView, 'history' | 'items'>> & { readonly history: readonly DeliveryView['history'][number][]; readonly items: readonly DeliveryView['items'][number][] };

    expectTypeOf<View>().toExtend<ReadonlyRouteResponse<'GET /v1/deliveries/{deliveryId}'>>();
    expectTypeOf<View>().not.toExtend<RouteResponse<'GET /v1/deliveries/{deliveryId}'>>();
    expectTypeOf<Omit<View, 'attempts'>>().not.toExtend<ReadonlyRouteResponse<'GET /v1/deliveries/{deliveryId}'>>();
    expectTypeOf<Omit<View, 'attempts'> & { attempts: string }>().not.toExtend<ReadonlyRouteResponse<'GET /v1/deliveries/{deliveryId}'>>();
  });
});
