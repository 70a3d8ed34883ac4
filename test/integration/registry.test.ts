import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

let stack: RunningStack;
let admin: FirstlineClient;

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.as('admin');
});
afterAll(() => stack.stop());

describe('PUT /v1/registry', () => {
  it('imports a valid hierarchy and answers its counts', async () => {
    const res = await admin.put('/v1/registry', smallRegistry);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ counts: { streets: 1, communities: 2, grids: 3, buildings: 3, checkpoints: 3 } });
  });

  it('is an idempotent upsert: the same document again changes nothing', async () => {
    const again = await admin.put('/v1/registry', smallRegistry);

    expect(again.status).toBe(200);
    expect(again.body).toEqual({ counts: { streets: 1, communities: 2, grids: 3, buildings: 3, checkpoints: 3 } });
  });

  it('adds nodes under parents already stored', async () => {
    const res = await admin.put('/v1/registry', {
      district: smallRegistry.district,
      buildings: [{ id: 'b1-annex', name: 'Annex', gridId: 'g1' }],
    });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ counts: { buildings: 4 } });
  });

  it('a building added now takes residents at once, on a container that read the registry before it', async () => {
    const before = await admin.post('/v1/residents', newResident('b1', 'b1-h-early'));
    expect(before.status).toBe(201);

    const added = await admin.put('/v1/registry', { district: smallRegistry.district, buildings: [{ id: 'b1-new', name: 'New', gridId: 'g1' }] });
    const resident = await admin.post('/v1/residents', newResident('b1-new'));

    expect(added.status).toBe(200);
    expect(resident.status).toBe(201);
    expect(resident.body).toMatchObject({ buildingId: 'b1-new', gridId: 'g1' });
  });

  it('refuses unknown parent ids naming the field, and stores nothing of that document', async () => {
    const res = await admin.put('/v1/registry', {
      district: smallRegistry.district,
      grids: [{ id: 'g-orphan', name: 'Orphan', communityId: 'c-missing' }],
      buildings: [{ id: 'b-orphan', name: 'Orphan', gridId: 'g-orphan' }],
    });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { code: 'validation', details: [{ path: 'grids.0.communityId', message: 'unknown community c-missing' }] },
    });
    const resident = await admin.post('/v1/residents', newResident('b-orphan'));
    expect(resident.status).toBe(400);
    expect(resident.body).toMatchObject({ error: { details: [{ path: 'buildingId' }] } });
  });

  it('refuses duplicate ids and a document for another district', async () => {
    const duplicate = await admin.put('/v1/registry', {
      district: smallRegistry.district,
      streets: [{ id: 's9', name: 'A' }, { id: 's9', name: 'B' }],
    });
    const foreign = await admin.put('/v1/registry', { ...smallRegistry, district: { id: 'riverside', name: 'R' } });

    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toMatchObject({ error: { details: [{ path: 'streets.1.id' }] } });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ error: { details: [{ path: 'district.id' }] } });
  });

  it('validates the policy', async () => {
    const res = await admin.put('/v1/registry', {
      district: { ...smallRegistry.district, policy: { feverC: 'hot', outings: { perHousehold: 0, everyDays: 3 } } },
    });

    expect(res.status).toBe(400);
    const paths = (res.body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['district.policy.feverC', 'district.policy.outings.perHousehold']));
  });

  it('is for admins only', async () => {
    const worker = await stack.as('grid-worker', ['*']);

    const res = await worker.put('/v1/registry', smallRegistry);

    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
  });
});
