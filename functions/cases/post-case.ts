import { applyCaseToPerson, districtRuntime } from '@firstline/adapters';
import { dayOf } from '@firstline/domain';
import { ConflictError, httpRoute, NotFoundError } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/cases',
  load: async ({ body }) => {
    const resident = await runtime.residents.get(body.personId);
    if (!resident) throw new NotFoundError(`no resident ${body.personId}`);
    return resident;
  },
  targets: (_request, resident) => ({ grid: [resident.gridId] }),
  run: async ({ body }, resident) => {
    const registry = await runtime.registry.index();
    const timeZone = registry?.registry.district.timeZone ?? runtime.config.timeZone;
    const record = {
      ...body,
      gridId: resident.gridId,
      day: dayOf(body.reportedAt, timeZone),
      hash: runtime.pseudonyms.fingerprint([body.caseId, body.personId, body.category, String(Date.parse(body.reportedAt)), body.quarantine]),
    };
    const written = await runtime.cases.create(record);
    if (written === 'conflict') throw new ConflictError(`case ${body.caseId} was reported before with another body`);
    await runtime.snapshots.markLate([record.day], dayOf(new Date(), timeZone));
    // Also on a repeat: the first request may have stopped before the person's colour changed.
    const person = await applyCaseToPerson(runtime.residents, body.personId, (cases) => ({
      ...cases,
      [body.caseId]: cases[body.caseId] ?? { category: body.category, quarantine: body.quarantine, reportedAt: body.reportedAt },
    }));
    if (!person) throw new NotFoundError(`no resident ${body.personId}`);
    return { status: 201, body: { ...body, gridId: resident.gridId, day: record.day, codeColor: person.codeColor, status: person.status } };
  },
});
