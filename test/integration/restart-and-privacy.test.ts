import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';
import { dumpTables } from '../support/table-dump.ts';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

let stack: RunningStack | undefined;
afterAll(async () => {
  await stack?.stop();
});

describe('a restart on the same data dir', () => {
  it('keeps everything, stops cleanly, and no raw ID number or full phone is ever written', async () => {
    stack = await startStack();
    const { dataDir } = stack;
    const admin = await stack.as('admin');
    expect((await admin.put('/v1/registry', smallRegistry)).status).toBe(200);
    const residents = Array.from({ length: 20 }, (_, i) => newResident(`b${(i % 3) + 1}`));
    const registered = [];
    for (const r of residents) {
      const res = await admin.post<{ personId: string }>('/v1/residents', r);
      expect(res.status).toBe(201);
      registered.push(res.body);
    }

    expect(await stack.stop()).toBe(0);
    stack = await startStack({ dataDir });
    const admin2 = await stack.as('admin');

    for (const person of registered) {
      const res = await admin2.get(`/v1/residents/${person.personId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject(person);
    }
    const secrets = residents.flatMap((r) => [r.idNumber, r.phone]);
    const tables = await dumpTables(stack);
    expect(tables).toContain(registered[0]!.personId);
    expect(secrets.filter((s) => tables.includes(s))).toEqual([]);
    await stack.stop();
    stack = undefined;
    const offenders: string[] = [];
    for (const file of await filesUnder(dataDir)) {
      const content = (await readFile(file)).toString('latin1');
      for (const secret of secrets) if (content.includes(secret)) offenders.push(`${file}: ${secret}`);
    }
    expect(offenders).toEqual([]);
  });
});
