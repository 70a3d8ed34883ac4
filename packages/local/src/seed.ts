import { FirstlineClient } from '@firstline/client';
import { eachLimited } from '@firstline/domain';
import { demoDistrict } from './demo-district.ts';

/**
 * Seeds the demo district through the public API, as an admin and the grid workers would, so the
 * seed exercises the same validation, masking and pseudonyms as real use. Every call it makes is
 * idempotent, so an interrupted seed is simply run again.
 */
export async function seedDemo(baseUrl: string, district: string): Promise<{ residents: number; samplePersonIds: string[] }> {
  const anonymous = new FirstlineClient({ baseUrl });
  const admin = anonymous.withToken(await anonymous.localToken({ role: 'admin', district, scopes: ['*'] }));
  const demo = demoDistrict(district);
  const put = await admin.put('/v1/registry', demo.registry);
  if (put.status !== 200) throw new Error(`seeding the registry failed: ${put.status} ${JSON.stringify(put.body)}`);
  const samplePersonIds: string[] = [];
  await eachLimited(demo.residents, 16, async (resident) => {
    const res = await admin.post<{ personId: string }>('/v1/residents', resident);
    if (res.status !== 201) throw new Error(`seeding resident failed: ${res.status} ${JSON.stringify(res.body)}`);
    if (samplePersonIds.length < 3) samplePersonIds.push(res.body.personId);
  });
  return { residents: demo.residents.length, samplePersonIds };
}
