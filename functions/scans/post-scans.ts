import { districtRuntime, sendAll } from '@firstline/adapters';
import { admitScans, decideEntry, spendOutings } from '@firstline/domain';
import { ConflictError, countVerdicts, httpRoute, logger, ValidationError } from '@firstline/http';

const runtime = await districtRuntime();
const queueUrl = runtime.config.queueUrls['scan-events']!;

export const handler = httpRoute(runtime, {
  route: 'POST /v1/scans',
  load: async ({ body }) => {
    const registry = await runtime.registry.index();
    const unknown = body.scans.flatMap((s, i) => (registry?.gridOfCheckpoint(s.checkpointId) ? [] : [{ path: `scans.${i}.checkpointId`, message: `unknown checkpoint ${s.checkpointId}` }]));
    if (!registry || unknown.length > 0) throw new ValidationError('unknown checkpoint', unknown);
    return registry;
  },
  targets: ({ body }) => ({ checkpoint: body.scans.map((s) => s.checkpointId) }),
  run: async ({ body }, registry) => {
    const { policy, timeZone } = registry.registry.district;
    const outcome = await admitScans(body.scans, {
      gridOfCheckpoint: (id) => registry.gridOfCheckpoint(id),
      verifyCode: async (code, at) => {
        const check = await runtime.codes.verify(code, at);
        return check.ok ? { ok: true, personId: check.claims.personId, codeId: check.claims.codeId } : { ok: false };
      },
      personIdOf: (idNumber) => runtime.pseudonyms.personId(idNumber),
      fingerprint: (parts) => runtime.pseudonyms.fingerprint(parts),
      residents: (ids) => runtime.residents.getMany(ids),
      personScans: (slots) => runtime.scans.personScans(slots),
      claim: (scan) => runtime.scans.claimPersonScan(scan),
      spendOutings: (householdId, scans) => spendOutings(runtime.households, householdId, scans, policy),
      publish: (records) => sendAll(runtime.clients.sqs, queueUrl, [{ v: 1, scans: records }]),
    }, { policy, timeZone }, decideEntry);
    if (!outcome.ok) {
      for (const { scanId } of outcome.conflicts) logger.info('scan conflicts with its first body', { scanId });
      throw new ConflictError('a scan id was sent before with another body', outcome.conflicts.map((c) => ({
        path: `scans.${c.index}.scanId`, message: `scan ${c.scanId} was recorded with another body`,
      })));
    }
    countVerdicts(outcome.results);
    for (const { scanId, verdict, reason } of outcome.results) if (verdict === 'deny') logger.debug('scan denied', { scanId, reason });
    return { status: 200, body: { results: outcome.results } };
  },
});
