import { describe, expect, expectTypeOf, it } from 'vitest';
import { FirstlineClient } from '../src/client.ts';
import type { ApiErrorBody, RouteInput, RouteOutput } from '../src/routes.ts';
import type { DeliveryPage, UnitReport, VolunteerTasks } from '@firstline/schemas';
import { routePath } from '../src/routes.ts';

describe('typed routes', () => {
  it('fills path parameters (encoded) and the query string from a route key', () => {
    expect(routePath('GET /v1/residents/{personId}', { params: { personId: 'p 1/2' } })).toEqual({ method: 'GET', path: '/v1/residents/p%201%2F2' });
    expect(routePath('GET /v1/reports/daily', { query: { level: 'grid', id: 'g1', date: '2020-03-12' } })).toEqual({ method: 'GET', path: '/v1/reports/daily?level=grid&id=g1&date=2020-03-12' });
  });

  it('sends what the contract names and types it', async () => {
    const seen: { url: string; method: string; body: unknown }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, method: init.method!, body: init.body });
      return new Response(JSON.stringify({ counts: {} }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const client = new FirstlineClient({ baseUrl: 'http://stack/', token: 't', fetch });

    await client.call('POST /v1/admin/close-day', { body: { date: '2020-03-12' } });

    expect(seen).toEqual([{ url: 'http://stack/v1/admin/close-day', method: 'POST', body: '{"date":"2020-03-12"}' }]);
    expectTypeOf<RouteInput<'GET /v1/city/reports/daily'>>().toEqualTypeOf<{ readonly query: { date: string } }>();
    expectTypeOf<RouteInput<'POST /v1/cases/{caseId}/release'>>().toHaveProperty('params');
    expectTypeOf<RouteInput<'GET /v1/deliveries'>['query']['limit']>().toEqualTypeOf<number | undefined>();
  });

  it('answers the body its contract\'s response schema describes, CSV text where the route offers it, or an error', () => {
    expectTypeOf<RouteOutput<'GET /v1/deliveries'>>().toEqualTypeOf<DeliveryPage | ApiErrorBody>();
    expectTypeOf<RouteOutput<'GET /v1/volunteers/{volunteerId}/tasks'>>().toEqualTypeOf<VolunteerTasks | ApiErrorBody>();
    expectTypeOf<RouteOutput<'GET /v1/reports/daily'>>().toEqualTypeOf<UnitReport | string | ApiErrorBody>();
  });
});
