import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capacityTally, resetCapacityTally } from '@firstline/adapters/instrumentation';
import { FirstlineClient } from '@firstline/client';
import { eachLimited } from '@firstline/domain';
import { startLocalStack } from '@firstline/local/stack';
import { queueStatus } from '@firstline/local/status';
import { benchRegistry, type Table } from './bench-support.ts';

const district = 'demo';

/**
 * 10,000 deliveries over 40 grids with 200 volunteers (5 a grid, capacity 10): posted over HTTP
 * to an in-process local stack whose pollers run the real dispatcher, until every delivery is
 * assigned or waiting. Write units from DynamoDB's consumed capacity.
 */
export async function dispatchBenchmark(rows: Table, total = Number(process.env['BENCH_DELIVERIES'] ?? 10_000)): Promise<void> {
  process.env['FIRSTLINE_METER_CAPACITY'] = '1';
  const stack = await startLocalStack({ district, dataDir: await mkdtemp(join(tmpdir(), 'firstline-bench-')), port: 0 });
  const anonymous = new FirstlineClient({ baseUrl: stack.url });
  const admin = anonymous.withToken(await stack.tokens.sign({ role: 'admin', district, scopes: ['*'] }));
  const dispatcher = anonymous.withToken(await stack.tokens.sign({ role: 'dispatcher', district, scopes: ['*'] }));
  const registry = benchRegistry(district, 40, 1);
  if ((await admin.put('/v1/registry', registry)).status !== 200) throw new Error('registry');
  const volunteers = registry.grids.flatMap((g) => Array.from({ length: 5 }, (_, v) => ({ id: `${g.id}-v${v}`, gridId: g.id })));
  await eachLimited(volunteers, 16, async (v) => {
    const res = await dispatcher.put(`/v1/volunteers/${v.id}`, { name: '志愿者', phone: '13900000000', roles: ['delivery'], gridIds: [v.gridId], onDuty: true, capacity: 10 });
    if (res.status !== 200) throw new Error(`volunteer ${res.status}`);
  });
  const priorities = ['normal', 'normal', 'normal', 'hardship', 'medical'] as const;
  resetCapacityTally();
  const started = performance.now();
  await eachLimited(Array.from({ length: total }, (_, i) => i), 16, async (i) => {
    const building = registry.buildings[i % registry.buildings.length]!;
    const res = await dispatcher.post('/v1/deliveries', {
      deliveryId: `bench-${i}`, householdId: `${building.id}-h${i}`, buildingId: building.id, kind: 'groceries',
      items: [{ name: 'rice', quantity: 1 }], priority: priorities[i % priorities.length], requestedAt: new Date().toISOString(),
    });
    if (res.status !== 202) throw new Error(`delivery ${res.status}`);
  });
  const posted = (performance.now() - started) / 1000;
  for (let quiet = 0; quiet < 2;) {
    const q = (await queueStatus(stack.emulators.sqs, stack.resources))['dispatch']!;
    quiet = q.visible + q.inFlight === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 200));
  }
  const seconds = (performance.now() - started) / 1000;
  const writeUnits = capacityTally.writeUnits;
  const loads = await Promise.all(volunteers.map(async (v) => {
    const client = anonymous.withToken(await stack.tokens.sign({ role: 'volunteer', district, scopes: [v.id] }));
    return ((await client.get<{ tasks: unknown[] }>(`/v1/volunteers/${v.id}/tasks`)).body.tasks).length;
  }));
  const assigned = loads.reduce((a, b) => a + b, 0);
  await stack.stop();
  rows.push(
    [`${total} deliveries, 200 volunteers (capacity 10) in 40 grids`, `all placed in ${seconds.toFixed(1)} s`, `posted in ${posted.toFixed(1)} s; ${assigned} assigned, ${total - assigned} waiting`],
    ['open load per volunteer', `max ${Math.max(...loads)}, min ${Math.min(...loads)}`, 'capacity 10: never above it'],
    ['DynamoDB write units per delivery', `${(writeUnits / total).toFixed(2)} WU`, 'create + counters + dispatch (volunteer task + delivery), refused conditions billed'],
  );
}
