import type { UrgentKind, UrgentRequest, WorkListScope } from '@firstline/domain';
import { ConflictError, dayOf, escalationDue, NotFoundError, stepCounts, takeStep, urgentStatus, ValidationError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { districtSettings, requireRegistry } from '../district.ts';
import type { Placement } from '../deliveries/request-delivery.ts';
import { meantWithin } from '../client-ids.ts';

export interface UrgentOpening {
  readonly requestId: string;
  readonly householdId: string;
  readonly buildingId: string;
  readonly kind: UrgentKind;
  readonly neededAt: string;
  readonly note?: string | undefined;
}

/**
 * Where a request raised at a gate goes: the building's grid, which must be the gate's (400
 * otherwise: a gate keeper raises needs for the compound behind their gate, not another's).
 */
export async function placeAtGate(ports: Pick<DistrictPorts, 'registry'>, checkpointId: string, buildingId: string): Promise<Placement> {
  const index = await requireRegistry(ports, (i) => !!i.gridOfCheckpoint(checkpointId) && !!i.gridOfBuilding(buildingId));
  const gateGrid = index.gridOfCheckpoint(checkpointId);
  if (!gateGrid) throw new ValidationError('unknown checkpoint', [{ path: 'checkpointId', message: `unknown checkpoint ${checkpointId}` }]);
  const gridId = index.gridOfBuilding(buildingId);
  if (!gridId) throw new ValidationError('unknown building', [{ path: 'buildingId', message: `unknown building ${buildingId}` }]);
  if (gridId !== gateGrid) throw new ValidationError('a building behind another gate', [{ path: 'buildingId', message: `${buildingId} is not in the grid of ${checkpointId}` }]);
  return { gridId, timeZone: index.registry.district.timeZone };
}

/**
 * The household a request is for: the one named, or the person's (a gate keeper raises a need for
 * the person just scanned, whose door they do not know); an unknown person is a 400 naming it.
 */
export async function householdOfOpening(
  ports: Pick<DistrictPorts, 'residents'>, body: { readonly personId?: string | undefined; readonly householdId?: string | undefined; readonly buildingId?: string | undefined },
): Promise<{ readonly householdId: string; readonly buildingId: string }> {
  if (body.personId === undefined) return { householdId: body.householdId!, buildingId: body.buildingId! };
  const resident = await ports.residents.get(body.personId);
  if (!resident) throw new ValidationError('unknown person', [{ path: 'personId', message: `no resident ${body.personId}` }]);
  return { householdId: resident.householdId, buildingId: resident.buildingId };
}

/** How far ahead a need may be booked: a week of dialysis sessions. */
const aheadDays = 7;

/** A request as the routes answer it: what was opened and taken, and where it stands on its clock now. */
const urgentView = (request: UrgentRequest, now: Date) => ({ ...request, status: urgentStatus(request, now) });

/**
 * Opens an urgent request for a household, once (the same id and body again is a repeat, another
 * body a 409); `neededAt` lies within the backlog window behind and a week ahead (400 otherwise).
 * Its clock starts at the server's time of opening.
 */
export async function openUrgentRequest(ports: DistrictPorts, gridId: string, opening: UrgentOpening, by: string, now = new Date()) {
  const { policy, timeZone } = await districtSettings(ports);
  const needed = Date.parse(opening.neededAt);
  if (needed < now.getTime() - policy.backlogHours * 3_600_000 || needed > now.getTime() + aheadDays * 86_400_000) {
    throw new ValidationError('a time the server cannot accept', [{ path: 'neededAt', message: `from ${policy.backlogHours} h ago to ${aheadDays} days ahead` }]);
  }
  const request: UrgentRequest = { ...opening, gridId, openedBy: by, openedAt: now.toISOString() };
  const outcome = await ports.urgentRequests.create(request, ports.pseudonyms.fingerprint([JSON.stringify(opening)]));
  // Counted by the request that created it: a repeat counts nothing, a crash before this one short.
  if (outcome === 'created') await ports.careCounts.add(gridId, dayOf(now, timeZone), { 'urgent.opened': 1 });
  if (outcome === 'conflict') throw new ConflictError(`urgent request ${opening.requestId} was opened before with another body`);
  const stored = outcome === 'created' ? request : ((await ports.urgentRequests.withId(opening.requestId)).find((r) => r.gridId === gridId) ?? request);
  return urgentView(stored, now);
}

/** The request an id means within the caller's grids (any, when undefined), or 404; its grid is what the scope check needs. */
export async function findUrgentRequest(ports: Pick<DistrictPorts, 'urgentRequests'>, requestId: string, gridIds: readonly string[] | undefined): Promise<UrgentRequest> {
  const found = meantWithin(await ports.urgentRequests.withId(requestId), gridIds, 'urgent request', requestId);
  if (!found) throw new NotFoundError(`no urgent request ${requestId}`);
  return found;
}

/**
 * A named person acknowledges a request, or arranges transport or a doctor (which acknowledges it
 * too if nobody had); each step once, with who and when (server time) kept.
 */
export async function takeUrgentStep(
  ports: Pick<DistrictPorts, 'urgentRequests' | 'careCounts' | 'registry' | 'defaultTimeZone'>, found: UrgentRequest, step: 'acknowledged' | 'arranged', by: string, how: string | undefined, now = new Date(),
) {
  if (step === 'arranged' && how === undefined) throw new ValidationError('an arrangement says how', [{ path: 'how', message: 'say how it was arranged' }]);
  const at = now.toISOString();
  const { request, taken } = await ports.urgentRequests.save(takeStep(found, step, { by, at, ...(how === undefined ? {} : { how }) }));
  // The step and its minutes, counted by the one request that took it.
  if (taken) await ports.careCounts.add(request.gridId, dayOf(now, (await districtSettings(ports)).timeZone), stepCounts(request, step, at));
  return urgentView(request, now);
}

/**
 * The requests not yet arranged of the district, or of some grids, the most escalated first, then
 * oldest first: who has to act now.
 */
export async function listOpenUrgentRequests(ports: Pick<DistrictPorts, 'urgentRequests'>, scope: WorkListScope, now = new Date()) {
  const rank = { street: 0, community: 1, none: 2 } as const;
  const open = scope === 'district'
    ? await ports.urgentRequests.openInDistrict()
    : (await Promise.all([...new Set(scope)].map((gridId) => ports.urgentRequests.openInGrid(gridId)))).flat();
  const items = open.map((r) => urgentView(r, now));
  items.sort((a, b) => rank[a.status.escalation] - rank[b.status.escalation] || a.openedAt.localeCompare(b.openedAt));
  return { items };
}

/**
 * The watch of missed clocks (every minute): each open request of the district read from one
 * index, those overdue counted, and each newly due escalation raised once (to the community, then
 * the street), however often the watch runs or however many run at once.
 */
export async function watchUrgentRequests(ports: Pick<DistrictPorts, 'urgentRequests' | 'careCounts' | 'registry' | 'defaultTimeZone'>, now = new Date()) {
  const { timeZone } = await districtSettings(ports);
  const open = await ports.urgentRequests.openInDistrict();
  const raised: { requestId: string; gridId: string; kind: UrgentKind; to: 'community' | 'street'; dueAt: string | undefined }[] = [];
  let overdue = 0;
  for (const request of open) {
    const status = urgentStatus(request, now);
    if (status.overdue) overdue++;
    const to = escalationDue(request, now);
    if (to && (await ports.urgentRequests.escalate(request, to, now.toISOString()))) {
      await ports.careCounts.add(request.gridId, dayOf(now, timeZone), { 'urgent.escalated': 1 });
      raised.push({ requestId: request.requestId, gridId: request.gridId, kind: request.kind, to, dueAt: status.dueAt });
    }
  }
  return { open: open.length, overdue, raised };
}
