import type { ProvincePorts } from './province-ports.ts';

/**
 * Keeps who a registered resident is to the province (their ID-number digest), the one moment
 * Firstline holds the ID number: so the province's code finds them at the gate and their cases
 * can be reported upward. Idempotent, like the registration it belongs to.
 */
export async function linkResidentToProvince(province: Pick<ProvincePorts, 'people' | 'idDigest'> | undefined, personId: string, idNumber: string): Promise<void> {
  if (!province) return;
  await province.people.link(personId, province.idDigest(idNumber));
}
