import type { ProvinceEmulator } from './emulator.ts';

export interface ProvincialSample {
  readonly idNumber: string;
  readonly color: string;
  readonly code: string;
  readonly expiresAt: string;
}

/**
 * What the demo seed asks of the province: these residents use its mini-program (each gets a
 * code, so the province knows them), and every `yellowEvery`-th one is yellow by the province's
 * own data, a colour the district learns only by scanning the code. Returns the codes issued.
 */
export async function seedProvincialResidents(province: Pick<ProvinceEmulator, 'issueCode' | 'setColor'>, idNumbers: readonly string[], yellowEvery = 5): Promise<ProvincialSample[]> {
  const samples: ProvincialSample[] = [];
  for (const [i, idNumber] of idNumbers.entries()) {
    if (yellowEvery > 0 && i % yellowEvery === yellowEvery - 1) await province.setColor(idNumber, 'yellow');
    samples.push({ idNumber, ...(await province.issueCode(idNumber)) });
  }
  return samples;
}
