import type { RegistryIndex, Resident, TestRound } from '@firstline/domain';
import { dayOf, requireWithinBounds, roundBuildings, testExpiresAt, ValidationError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { codeVerifier } from '../intake/admit-scans.ts';

export interface SampleInput {
  readonly sampleId: string;
  readonly code?: string | undefined;
  readonly idNumber?: string | undefined;
  readonly sampledAt: string;
  readonly tubeId?: string | undefined;
}

export type SampleOutcome = 'sampled' | 'repeat' | 'invalid-code' | 'unknown-person' | 'not-in-round';

/**
 * People sampled at a round's sampling point (a checkpoint of its community), each once a round:
 * the code read as the gate reads it (signature and time, not spent: a sample is no passage), or
 * the ID card's number. The same sample sent again (a retried upload) answers `sampled` again;
 * another sample of someone already tested is a `repeat` and counts nothing. Every time must lie
 * on the round's day and within the district's backlog window (a 400 naming it otherwise). A
 * sample is health data: it expires with the district's retention window, as a scan record does.
 */
export async function recordSamples(
  ports: Pick<DistrictPorts, 'testRounds' | 'residents' | 'codes' | 'province' | 'pseudonyms'>,
  registry: RegistryIndex,
  round: TestRound,
  checkpointId: string,
  samples: readonly SampleInput[],
  by: string,
  now = new Date(),
) {
  const { policy, timeZone } = registry.registry.district;
  const pointGrid = registry.gridOfCheckpoint(checkpointId);
  if (pointGrid === undefined || registry.grid(pointGrid)?.communityId !== round.communityId) {
    throw new ValidationError('not a sampling point of the round', [{ path: 'checkpointId', message: `checkpoint ${checkpointId} is not in community ${round.communityId}` }]);
  }
  requireWithinBounds(samples.map((s, i) => ({ path: `samples.${i}.sampledAt`, at: s.sampledAt })), policy, now);
  const offDay = samples.flatMap((s, i) => (dayOf(s.sampledAt, timeZone) === round.day ? [] : [{ path: `samples.${i}.sampledAt`, message: `the round is on ${round.day}` }]));
  if (offDay.length > 0) throw new ValidationError('a sample lies outside the round\'s day', offDay);

  const verify = codeVerifier(ports, policy);
  // undefined: the code is not good; null: a good provincial code of nobody registered here.
  const personIds = await Promise.all(samples.map(async (s): Promise<string | null | undefined> => {
    if (s.idNumber !== undefined) return ports.pseudonyms.personId(s.idNumber);
    const check = await verify(s.code!, new Date(s.sampledAt));
    return check.ok ? check.personId : undefined;
  }));
  const residents = await ports.residents.getMany(personIds.filter((p): p is string => typeof p === 'string'));
  const inRound = new Set(roundBuildings(round));
  const results = [];
  // In order: two samples of one person in one upload are one sample and one repeat.
  for (const [i, input] of samples.entries()) {
    const personId = personIds[i];
    const resident = typeof personId === 'string' ? residents.get(personId) : undefined;
    const outcome: SampleOutcome = personId === undefined ? 'invalid-code' : !resident ? 'unknown-person' : !inRound.has(resident.buildingId) ? 'not-in-round'
      : await sampleOnce(ports, round, resident, input, by, testExpiresAt(input.sampledAt, policy));
    results.push({ sampleId: input.sampleId, outcome, person: resident ? { personId: resident.personId, nameMasked: resident.nameMasked, buildingId: resident.buildingId } : null });
  }
  return { results };
}

async function sampleOnce(ports: Pick<DistrictPorts, 'testRounds'>, round: TestRound, resident: Resident, input: SampleInput, by: string, expiresAt: number): Promise<'sampled' | 'repeat'> {
  const { outcome, sample } = await ports.testRounds.sample({
    roundId: round.roundId, day: round.day, personId: resident.personId, buildingId: resident.buildingId, householdId: resident.householdId,
    sampleId: input.sampleId, at: input.sampledAt, by, expiresAt, ...(input.tubeId !== undefined && { tubeId: input.tubeId }),
  });
  return outcome === 'repeat' && sample.sampleId !== input.sampleId ? 'repeat' : 'sampled';
}
