import type { Resident, RoundSample, TestResult, TestRound } from '@firstline/domain';
import { ConflictError, dayOf, maxSwabsPerTube, requireWithinBounds, resultChange, roundBuildings, testExpiresAt } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { districtSettings } from '../district.ts';
import { reportCase } from '../cases/report-case.ts';

export interface ResultInput {
  readonly tubeId?: string | undefined;
  readonly personId?: string | undefined;
  readonly result: TestResult;
}

/**
 * A round's results, per tube (the lab's CSV) or per person (read on the spot), in order. A first
 * result, or a re-test of an invalid one, is recorded; the same again is unchanged; a negative
 * turned positive (or back) is refused, row by row. A tube is each swab in it: a pooled tube's
 * result is every one of its people's. A positive opens a suspected case in central isolation
 * (red at the gate at once, the grid's epidemic-free streak broken) — for a pooled tube, each of
 * its people's until they are re-tested one by one — one per round and person, also when a retried
 * upload finds the result recorded before (the first may have stopped before the case).
 */
export async function recordResults(ports: DistrictPorts, round: TestRound, rows: readonly ResultInput[], by: string, now = new Date()) {
  const samples = await ports.testRounds.samples(round.roundId);
  const byTube = new Map<string, string[]>();
  for (const s of samples) if (s.tubeId !== undefined) byTube.set(s.tubeId, [...(byTube.get(s.tubeId) ?? []), s.personId]);
  const byPerson = new Map(samples.map((s) => [s.personId, s]));
  const outcome = { recorded: 0, unchanged: 0, unknown: [] as { index: number; message: string }[], conflicts: [] as { index: number; message: string }[], casesOpened: [] as { personId: string; caseId: string }[] };
  for (const [index, row] of rows.entries()) {
    // A pooled tube (混管) holds several people's swabs: its result is each one's.
    const people = row.tubeId !== undefined ? byTube.get(row.tubeId) ?? [] : byPerson.has(row.personId!) ? [row.personId!] : [];
    if (people.length === 0) {
      outcome.unknown.push({ index, message: row.tubeId !== undefined ? `no tube ${row.tubeId} in round ${round.roundId}` : `${row.personId} was not tested in round ${round.roundId}` });
      continue;
    }
    if (people.length > maxSwabsPerTube) {
      outcome.conflicts.push({ index, message: `tube ${row.tubeId} holds ${people.length} people's swabs, more than a tube pools (${maxSwabsPerTube}): enter their results by person` });
      continue;
    }
    const changes = [];
    for (const personId of people) changes.push(await applyResult(ports, round.roundId, byPerson, personId, row.result, now.toISOString()));
    if (changes.includes('conflict')) {
      const held = [...new Set(people.map((p) => byPerson.get(p)!.result))].join(', ');
      outcome.conflicts.push({ index, message: people.length > 1 ? `the pooled tube's samples already hold ${held}` : `the sample already holds ${held}` });
    } else {
      outcome[changes.includes('recorded') ? 'recorded' : 'unchanged']++;
    }
    for (const [i, personId] of people.entries()) {
      const stored = byPerson.get(personId)!;
      if (stored.result !== 'positive') continue;
      const caseId = `tr-${ports.pseudonyms.fingerprint([round.roundId, personId]).slice(0, 24)}`;
      await openSuspectedCase(ports, personId, caseId, 'central', stored.resultAt ?? now.toISOString(), by);
      if (changes[i] === 'recorded') outcome.casesOpened.push({ personId, caseId });
    }
  }
  return outcome;
}

/**
 * Records a result over what the person's sample holds, deciding again when another upload set
 * it meanwhile; keeps `samples` as stored.
 */
async function applyResult(ports: Pick<DistrictPorts, 'testRounds'>, roundId: string, samples: Map<string, RoundSample>, personId: string, result: TestResult, at: string) {
  let held = samples.get(personId)!;
  for (;;) {
    const change = resultChange(held.result, result);
    if (change !== 'recorded') return change;
    if (await ports.testRounds.setResult(held, held.result, result, at)) {
      samples.set(personId, { ...held, result, resultAt: at });
      return change;
    }
    held = (await ports.testRounds.sampleOf(roundId, personId))!;
    samples.set(personId, held);
  }
}

async function openSuspectedCase(ports: DistrictPorts, personId: string, caseId: string, quarantine: 'home' | 'central', reportedAt: string, by: string) {
  const resident = await ports.residents.get(personId);
  if (resident) await reportCase(ports, { caseId, personId, category: 'suspected', quarantine, reportedAt }, resident, by);
}

/**
 * A resident's antigen self-test: kept once by its id (another body under the same id is a 409);
 * counted as their test in the day's antigen round of their building, when there is one; a
 * positive opens a suspected case in home isolation (the grid worker then arranges a PCR test).
 */
export async function reportSelfTest(ports: DistrictPorts, resident: Resident, test: { testId: string; result: TestResult; takenAt: string }, by: string, now = new Date()) {
  const { timeZone, policy } = await districtSettings(ports);
  requireWithinBounds([{ path: 'takenAt', at: test.takenAt }], policy, now);
  const day = dayOf(test.takenAt, timeZone);
  const round = (await ports.testRounds.ofDay(day))
    .map((r) => r.round)
    .find((r) => r.kind === 'antigen' && roundBuildings(r).includes(resident.buildingId));
  const hash = ports.pseudonyms.fingerprint([test.testId, resident.personId, test.result, String(Date.parse(test.takenAt))]);
  const expiresAt = testExpiresAt(test.takenAt, policy);
  const created = await ports.testRounds.recordSelfTest({ ...test, personId: resident.personId, hash, expiresAt, ...(round && { roundId: round.roundId }) });
  if (created === 'conflict') throw new ConflictError(`self-test ${test.testId} was reported before with another body`);
  if (round) await countInRound(ports, round, resident, { ...test, expiresAt }, by);
  const caseId = test.result === 'positive' ? `st-${ports.pseudonyms.fingerprint([resident.personId, test.testId]).slice(0, 24)}` : undefined;
  if (caseId) await openSuspectedCase(ports, resident.personId, caseId, 'home', test.takenAt, by);
  return { testId: test.testId, personId: resident.personId, result: test.result, takenAt: test.takenAt, ...(round && { roundId: round.roundId }), ...(caseId && { caseId }) };
}

/** The self-test as the person's test in the round: their sample (unless sampled at the point before) and its result. */
async function countInRound(ports: DistrictPorts, round: TestRound, resident: Resident, test: { testId: string; result: TestResult; takenAt: string; expiresAt: number }, by: string) {
  const { sample } = await ports.testRounds.sample({
    roundId: round.roundId, day: round.day, personId: resident.personId, buildingId: resident.buildingId, householdId: resident.householdId,
    sampleId: test.testId, at: test.takenAt, by, selfTest: true, expiresAt: test.expiresAt,
  });
  if (resultChange(sample.result, test.result) === 'recorded') await ports.testRounds.setResult(sample, sample.result, test.result, test.takenAt);
}
