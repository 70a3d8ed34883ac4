import type { FirstlineClient } from '@firstline/client';
import { addDays, dayOf, eachLimited } from '@firstline/domain';
import type { DemoDistrict } from './demo-district.ts';

/**
 * One vulnerable household in each grid, the needs going round the register's kinds (a chronic
 * patient's medicine and a dialysis patient's sessions with their schedules, a due date with a
 * pregnancy); a carer has visited or called every other one today. Four urgent requests of today
 * in the first grids: one arranged, one acknowledged, two nobody has answered yet, whose clocks the
 * watch escalates a few minutes after start-up, so the command center shows a missed clock.
 */
const needsRound = (today: string) => [
  { needs: ['elderly-alone'] },
  { needs: ['chronic-medicine'], medicine: { item: '降压药', quantity: 1, everyDays: 7 } },
  { needs: ['dialysis'], dialysis: { weekdays: [1, 3, 5], time: '08:00' } },
  { needs: ['pregnancy'], dueDate: addDays(today, 30) },
  { needs: ['hardship'] },
  { needs: ['disabled', 'elderly-alone'] },
  { needs: ['infant'] },
  { needs: ['mental-health'] },
];

const urgentOfToday = [
  { kind: 'labour', step: { step: 'arranged', how: '120 救护车送区妇幼保健院' } },
  { kind: 'chest-pain-stroke', step: { step: 'acknowledged' } },
  { kind: 'dialysis', step: undefined },
  { kind: 'fever-clinic', step: undefined },
] as const;

export async function seedCare(worker: FirstlineClient, demo: DemoDistrict): Promise<void> {
  const check = (what: string, res: { status: number; body: unknown }, ok: number) => {
    if (res.status !== ok) throw new Error(`seeding ${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const now = new Date();
  const today = dayOf(now, demo.registry.district.timeZone);
  const round = needsRound(today);
  const firstHouseholds = demo.registry.grids.map((grid) => demo.residents.find((r) => r.buildingId.startsWith(`${grid.id}-`))!);
  await eachLimited([...firstHouseholds.entries()], 8, async ([i, { householdId, buildingId }]) => {
    check('a household\'s needs', await worker.put(`/v1/households/${householdId}/needs`, { buildingId, ...round[i % round.length] }), 200);
    if (i % 2 === 0) {
      check('a care visit', await worker.post(`/v1/households/${householdId}/visits`, { at: now.toISOString(), kind: i % 4 ? 'call' : 'visit', found: i % 8 ? 'well' : 'needs-help' }), 200);
    }
  });
  for (const [i, { kind, step }] of urgentOfToday.entries()) {
    const { householdId, buildingId } = demo.residents.filter((r) => r.buildingId.startsWith(`${demo.registry.grids[i]!.id}-`)).at(-1)!;
    const requestId = `seed-urgent-${today}-${i}`;
    check('an urgent request', await worker.post(`/v1/urgent-requests`, { requestId, householdId, buildingId, kind, neededAt: now.toISOString() }), 201);
    if (step) check('an urgent request\'s step', await worker.post(`/v1/urgent-requests/${requestId}/steps`, step), 200);
  }
}
