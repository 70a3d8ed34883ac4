import type { Role } from '@firstline/service';

/**
 * The expected authorization decision, written out independently of packages/http/src/authorize.ts
 * so that the matrix test can disagree with it. The policy (DESIGN.md, "Authorization by role and
 * scope"): a scanner is scoped to checkpoints, grid workers, dispatchers and the command center to
 * grids, a volunteer to their own volunteer id and a resident to their own person (for these two,
 * `*` means nothing, and a route acts for them only when it names their own), an admin to the whole
 * district; only the city's command center crosses a district line, and only into its member districts.
 */
export type ScopeKind = 'checkpoint' | 'grid' | 'volunteer' | 'person';

export const scopeKindOfRole: Readonly<Record<Role, ScopeKind | 'district'>> = {
  scanner: 'checkpoint',
  'grid-worker': 'grid',
  dispatcher: 'grid',
  command: 'grid',
  volunteer: 'volunteer',
  admin: 'district',
  resident: 'person',
};

/** Whether `*` stands for every object of the role's kind (API.md: only where a role needs it). */
export const wildcardHonoured: Readonly<Record<Role, boolean>> = {
  scanner: true, 'grid-worker': true, dispatcher: true, command: true, volunteer: false, resident: false, admin: false,
};

/** Roles that act only on objects a route names as their own. */
const ownObjectsOnly: ReadonlySet<ScopeKind> = new Set(['person', 'volunteer']);

/** Routes that act on nothing any scope restricts (the public key that verifies codes). */
export const unscopedRoutes: ReadonlySet<string> = new Set(['GET /v1/keys/codes']);

/** Routes that list persons: never to a reader from outside the district, the city's command center included (DESIGN.md). */
export const insideOnlyRoutes: ReadonlySet<string> = new Set([
  'GET /v1/work-lists/fever-scans', 'GET /v1/work-lists/open-cases', 'GET /v1/work-lists/quarantines-ending', 'GET /v1/households/needs', 'GET /v1/urgent-requests',
  'GET /v1/test-rounds/{roundId}', 'POST /v1/test-rounds/{roundId}/samples', 'POST /v1/test-rounds/{roundId}/results',
]);

/** Which scope kinds each district route restricts (read off the `targets` of functions/**). */
export const routeChecks: Readonly<Record<string, readonly ScopeKind[]>> = {
  'PUT /v1/registry': [],
  'POST /v1/residents': ['grid'],
  'GET /v1/residents/{personId}': ['grid', 'person'],
  'GET /v1/residents/{personId}/household': ['grid', 'person'],
  'PUT /v1/households/{householdId}/needs': ['grid'],
  'GET /v1/households/needs': ['grid'],
  'POST /v1/households/{householdId}/visits': ['grid'],
  'GET /v1/residents/{personId}/code': ['grid', 'person'],
  'PUT /v1/residents/{personId}/contact': ['grid', 'person'],
  'DELETE /v1/residents/{personId}/contact': ['grid', 'person'],
  'GET /v1/keys/codes': [],
  'POST /v1/scans': ['checkpoint'],
  'POST /v1/cases': ['grid'],
  'POST /v1/cases/{caseId}/release': ['grid'],
  'POST /v1/admin/cases/{caseId}/approve-release': ['grid'],
  'POST /v1/grid-logs': ['grid'],
  'POST /v1/admin/grid-logs/{logId}/approve': ['grid'],
  'POST /v1/admin/grid-logs/approve': ['grid'],
  'POST /v1/admin/grid-logs/reopen': ['grid'],
  'PUT /v1/volunteers/{volunteerId}': ['grid'],
  'POST /v1/deliveries': ['grid', 'person'],
  'POST /v1/urgent-requests': ['grid', 'person', 'checkpoint'],
  'POST /v1/urgent-requests/{requestId}/steps': ['grid'],
  'GET /v1/urgent-requests': ['grid'],
  'POST /v1/group-buys': ['grid'],
  'POST /v1/group-buys/{groupBuyId}/calls': ['grid'],
  'POST /v1/test-rounds': ['grid'],
  'GET /v1/test-rounds': ['grid', 'checkpoint'],
  'GET /v1/test-rounds/{roundId}': ['grid'],
  'POST /v1/test-rounds/{roundId}/samples': ['checkpoint', 'grid'],
  'POST /v1/test-rounds/{roundId}/results': ['grid'],
  'POST /v1/residents/{personId}/self-tests': ['grid', 'person'],
  'GET /v1/deliveries/{deliveryId}': ['grid', 'volunteer'],
  'GET /v1/deliveries': ['grid'],
  'GET /v1/volunteers/{volunteerId}/tasks': ['volunteer'],
  'PUT /v1/volunteers/{volunteerId}/duty': ['volunteer'],
  'POST /v1/deliveries/{deliveryId}/events': ['volunteer'],
  'GET /v1/reports/daily': ['grid'],
  'GET /v1/reports/series': ['grid'],
  'GET /v1/reports/epidemic-free': ['grid'],
  'GET /v1/reports/care': ['grid'],
  // The caller's own grids (the district for a wildcard): filtered to the token's scope, never refused by it.
  'GET /v1/reports/map': [],
  // Work lists: the caller's own grids, or the one `gridId` names (which the scope must hold).
  'GET /v1/work-lists/fever-scans': ['grid'],
  'POST /v1/work-lists/fever-scans/{scanId}/follow-up': ['grid'],
  'GET /v1/work-lists/open-cases': ['grid'],
  'GET /v1/work-lists/quarantines-ending': ['grid'],
  'GET /v1/work-lists/unreported-grids': ['grid'],
  'POST /v1/admin/close-day': [],
  'GET /v1/admin/closes/{closeId}': [],
};

/** The ids a request acts on, per kind (what an "own" token lists). */
export type Acts = Partial<Record<ScopeKind, readonly string[]>>;

export type ScopeVariant = 'own' | 'other' | 'all';
export type DistrictVariant = 'own' | 'member' | 'city';

/** Ids of each kind that exist in the fixture; "other" picks one the request does not act on. */
const known: Readonly<Record<ScopeKind, readonly string[]>> = {
  checkpoint: ['cp1', 'cp2', 'cp3'],
  grid: ['g1', 'g2', 'g3'],
  volunteer: ['v1', 'v2', 'v9'],
  person: ['p_someoneelse00000000000'],
};

export function scopesFor(role: Role, acts: Acts, variant: ScopeVariant): string[] {
  if (variant === 'all') return ['*'];
  const kind = scopeKindOfRole[role];
  if (kind === 'district') return variant === 'own' ? [] : ['zz-other'];
  const own = acts[kind] ?? [];
  if (variant === 'own') return [...new Set(own)];
  return [known[kind].find((id) => !own.includes(id)) ?? `other-${kind}`];
}

export interface Cell {
  readonly role: Role;
  readonly scope: ScopeVariant;
  readonly district: DistrictVariant;
}

/** Should this cell get past authorization on a route with these roles, checks and targets? */
export function expectedAllowed(cell: Cell, roles: readonly Role[], checks: readonly ScopeKind[], acts: Acts, route = ''): boolean {
  const { role } = cell;
  const districtOk = cell.district === 'own' || (cell.district === 'city' && role === 'command' && !insideOnlyRoutes.has(route));
  if (!districtOk || !roles.includes(role)) return false;
  const kind = scopeKindOfRole[role];
  if (kind === 'district' || unscopedRoutes.has(route)) return true;
  if (cell.scope === 'all' && wildcardHonoured[role]) return true;
  if (!checks.includes(kind) || acts[kind] === undefined) return !ownObjectsOnly.has(kind);
  const scopes = scopesFor(role, acts, cell.scope);
  return (acts[kind] ?? []).every((id) => scopes.includes(id));
}
