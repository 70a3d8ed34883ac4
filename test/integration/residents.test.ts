import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

interface Registered {
  personId: string;
  nameMasked: string;
  phoneMasked: string;
  buildingId: string;
  gridId: string;
  householdId: string;
}

let stack: RunningStack;
let admin: FirstlineClient;
let workerG1: FirstlineClient;
let workerG2: FirstlineClient;

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.as('admin');
  expect((await admin.put('/v1/registry', smallRegistry)).status).toBe(200);
  workerG1 = await stack.as('grid-worker', ['g1']);
  workerG2 = await stack.as('grid-worker', ['g2']);
});
afterAll(() => stack.stop());

describe('POST /v1/residents', () => {
  it('registers a resident with a pseudonym and masked name and phone', async () => {
    const resident = { ...newResident('b1'), name: '张三丰', phone: '13812345678' };

    const res = await workerG1.post<Registered>('/v1/residents', resident);

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      personId: expect.stringMatching(/^p_[A-Za-z0-9_-]{24}$/),
      nameMasked: '张**',
      phoneMasked: '138****5678',
      buildingId: 'b1',
      gridId: 'g1',
      householdId: resident.householdId,
    });
    expect(JSON.stringify(res.body)).not.toContain(resident.idNumber);
  });

  it('gives the same person id for the same ID number, and the same answer for a repeat', async () => {
    const resident = newResident('b1');

    const first = await workerG1.post<Registered>('/v1/residents', resident);
    const repeat = await workerG1.post<Registered>('/v1/residents', { ...resident, idNumber: ` ${resident.idNumber.toLowerCase()} ` });

    expect(first.status).toBe(201);
    expect(repeat.status).toBe(201);
    expect(repeat.body).toEqual(first.body);
  });

  it('answers 409 when the same ID number comes with other details', async () => {
    const resident = newResident('b1');
    await workerG1.post('/v1/residents', resident);

    const conflict = await workerG1.post('/v1/residents', { ...resident, name: '李四' });

    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ error: { code: 'conflict' } });
  });

  it('refuses a grid worker outside their grid with 403, and stores nothing', async () => {
    const resident = newResident('b1');

    const res = await workerG2.post<Registered>('/v1/residents', resident);

    expect(res.status).toBe(403);
    const later = await workerG1.post<Registered>('/v1/residents', resident);
    expect(later.status).toBe(201);
  });

  it('names every bad field', async () => {
    const res = await workerG1.post('/v1/residents', { idNumber: '12', name: '', phone: 'call me', buildingId: 'b1' });

    expect(res.status).toBe(400);
    const paths = (res.body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['idNumber', 'name', 'phone', 'householdId']));
  });
});

describe('GET /v1/residents/{personId}', () => {
  let person: Registered;
  beforeAll(async () => {
    person = (await workerG1.post<Registered>('/v1/residents', newResident('b1'))).body;
  });

  it('shows the resident to their grid worker and an admin; a scanner gets verdicts, never the history', async () => {
    const scanner = await stack.as('scanner', ['cp2']);
    expect((await scanner.get(`/v1/residents/${person.personId}`)).status).toBe(403);

    for (const client of [workerG1, admin]) {
      const res = await client.get(`/v1/residents/${person.personId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ...person, codeColor: 'green', status: 'none', recentScans: [], temperatures: [] });
    }
  });

  it('refuses another grid worker and the command center', async () => {
    const command = await stack.as('command', ['*']);

    expect((await workerG2.get(`/v1/residents/${person.personId}`)).status).toBe(403);
    expect((await command.get(`/v1/residents/${person.personId}`)).status).toBe(403);
  });

  it('answers 404 for an unknown person and 400 for a malformed id', async () => {
    expect((await admin.get('/v1/residents/p_AAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    const bad = await admin.get('/v1/residents/nobody');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'validation', details: [{ path: 'personId' }] } });
  });
});

describe('GET /v1/residents/{personId}/code', () => {
  it('issues a signed code valid for five minutes', async () => {
    const person = (await workerG1.post<Registered>('/v1/residents', newResident('b1'))).body;
    const before = Date.now();

    const res = await workerG1.get<{ code: string; codeColor: string; expiresAt: string }>(`/v1/residents/${person.personId}/code`);

    expect(res.status).toBe(200);
    expect(res.body.codeColor).toBe('green');
    const [header, payload, signature] = res.body.code.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toMatchObject({ alg: 'EdDSA' });
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { sub: string; iat: number; exp: number; jti: string };
    expect(claims.sub).toBe(person.personId);
    expect(claims.exp - claims.iat).toBe(300);
    expect(signature!.length).toBeGreaterThan(40);
    const expiresIn = Date.parse(res.body.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(295_000);
    expect(expiresIn).toBeLessThanOrEqual(301_000);
  });

  it('gives a fresh code each time', async () => {
    const person = (await workerG1.post<Registered>('/v1/residents', newResident('b1'))).body;

    const a = await workerG1.get<{ code: string }>(`/v1/residents/${person.personId}/code`);
    const b = await workerG1.get<{ code: string }>(`/v1/residents/${person.personId}/code`);

    expect(a.body.code).not.toBe(b.body.code);
  });
});
