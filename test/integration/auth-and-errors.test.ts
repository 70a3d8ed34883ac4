import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirstlineClient } from '@firstline/client';
import { functions, roles } from '@firstline/service';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

let stack: RunningStack;

beforeAll(async () => {
  stack = await startStack();
  expect((await (await stack.as('admin')).put('/v1/registry', smallRegistry)).status).toBe(200);
});
afterAll(() => stack.stop());

const errorShape = {
  error: { code: expect.any(String), message: expect.any(String) },
};

describe('authentication', () => {
  it('answers 401 without a token, with a forged token and with an expired one', async () => {
    const forged = (await stack.as('admin')).withToken('eyJhbGciOiJFZERTQSJ9.eyJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl');
    const expired = stack.client.withToken(await stack.client.localToken({ role: 'admin', district: 'demo', scopes: ['*'], ttlSeconds: -60 }));

    for (const client of [stack.client, forged, expired]) {
      const res = await client.post('/v1/residents', newResident('b1'));
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { code: 'unauthorized' } });
    }
  });

  it('refuses a token of another district with 403, as a cloud stack would', async () => {
    const foreign = await stack.as('admin', ['*'], 'riverside');

    const res = await foreign.put('/v1/registry', smallRegistry);

    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('riverside') } });
  });

  it('checks role × route for every route of the foundation', async () => {
    const cells: Array<[string, string, string, unknown, string[]]> = [
      ['PUT', '/v1/registry', 'admin', smallRegistry, ['scanner', 'grid-worker', 'volunteer', 'dispatcher', 'command']],
      ['POST', '/v1/residents', 'grid-worker', newResident('b1'), ['scanner', 'volunteer', 'dispatcher', 'command']],
    ];
    for (const [method, path, allowed, body, refused] of cells) {
      const ok = await (await stack.as(allowed)).request(method as 'PUT', path, body);
      expect(ok.status, `${allowed} ${method} ${path}`).toBeLessThan(300);
      for (const role of refused) {
        const res = await (await stack.as(role)).request(method as 'PUT', path, body);
        expect(res.status, `${role} ${method} ${path}`).toBe(403);
      }
    }
  });
});

describe('role × route, every declared route', () => {
  const cells = functions.flatMap((fn) => (fn.routes ?? []).filter((route) => !route.public).flatMap((route) => roles.map((role) => ({ route, role }))));

  it(`lets exactly the declared roles through (${cells.length} cells)`, async () => {
    const clients = new Map(await Promise.all(roles.map(async (role) => [role, await stack.as(role, role === 'volunteer' ? ['x1'] : ['*'])] as const)));
    const wrong: string[] = [];
    for (const { route, role } of cells) {
      const path = route.path.replace(/\{\w+\}/g, 'x1');
      const res = await clients.get(role)!.request(route.method, path, route.method === 'GET' ? undefined : {});
      const refused = res.status === 401 || res.status === 403;
      if (refused === route.roles.includes(role)) wrong.push(`${role} ${route.method} ${route.path} → ${res.status}`);
      if (res.status >= 500) wrong.push(`${role} ${route.method} ${route.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('bad requests', () => {
  it('answers malformed JSON with 400, never 500', async () => {
    const admin = await stack.as('admin');

    const res = await admin.request('POST', '/v1/residents', '{"idNumber": "4201');

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'validation', message: expect.stringContaining('JSON') } });
  });

  it('answers a body over the route limit with 413', async () => {
    const admin = await stack.as('admin');

    const res = await admin.post('/v1/residents', { ...newResident('b1'), name: 'x'.repeat(300 * 1024) });

    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: 'too-large' } });
  });

  it('answers unknown routes and methods with 404 in the error shape', async () => {
    const admin = await stack.as('admin');

    for (const res of [await admin.get('/v1/nothing-here'), await admin.request('DELETE', '/v1/registry')]) {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: { code: 'not-found' } });
    }
  });

  it('answers a body that is not an object with a 400 naming the problem', async () => {
    const admin = await stack.as('admin');

    for (const body of ['[]', '"text"', 'null', '42']) {
      const res = await admin.request('POST', '/v1/residents', body);
      expect(res.status, body).toBe(400);
      expect(res.body).toMatchObject(errorShape);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('serves the OpenAPI document without a token', async () => {
    const res = await stack.client.get<{ openapi: string; paths: Record<string, unknown> }>('/openapi.json');

    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/v1/scans');
  });

  it('local routes validate too', async () => {
    const res = await new FirstlineClient({ baseUrl: stack.url }).post('/local/tokens', { role: 'emperor', district: 'demo' });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'validation' } });
  });
});
