import type { Role } from '@firstline/service';
import type { Principal } from './principal.ts';

/** The kinds of ids a principal's `scopes` claim lists, by role. */
export type ScopeKind = 'checkpoint' | 'grid' | 'volunteer' | 'person';

const scopeKindOf: Readonly<Record<Role, ScopeKind | 'district'>> = {
  scanner: 'checkpoint',
  'grid-worker': 'grid',
  dispatcher: 'grid',
  command: 'grid',
  volunteer: 'volunteer',
  admin: 'district',
  resident: 'person',
};

/**
 * Whether `*` in a role's scopes means "every object of my kind in this district", decided per role:
 * - command: yes — the command center reads the whole district (and the city's, every member);
 * - dispatcher, grid-worker: yes — a district office dispatches and enters data for every grid;
 * - scanner: yes — a district's mobile teams (and the demo seed) scan at any checkpoint; the ID
 *   lookups it can make are rate-limited per token as well as per checkpoint;
 * - volunteer: no — a volunteer acts only as themself; `*` would let one read and report on
 *   everyone's tasks;
 * - resident: no — a resident acts only on their own person, never a wildcard;
 * - admin: not needed — the role is district-wide by itself and its scopes are not read.
 * A `*` that is not honoured grants nothing: the token is still good for what it names otherwise.
 */
const wildcardHonoured: Readonly<Record<Role, boolean>> = {
  command: true,
  dispatcher: true,
  'grid-worker': true,
  scanner: true,
  volunteer: false,
  resident: false,
  admin: false,
};

/**
 * Kinds of scope whose holders act only on objects a request names as theirs: a request that names
 * none of their kind is not theirs (a resident reads its own person, never a listing; a volunteer
 * reads a delivery they hold, never one nobody holds yet).
 */
const ownObjectsOnly: ReadonlySet<ScopeKind> = new Set(['person', 'volunteer']);

/**
 * What a request acts on, per kind of scope. A route names the targets that restrict a role; a
 * kind left out does not restrict the roles that hold it (a scanner may read the public key), except
 * the own-objects-only kinds above. Two whole-request answers besides:
 * - `all`: the request reads everything the stack holds (the city's report of every district):
 *   only a district-wide role or an honoured `*` may make it;
 * - `unscoped`: it acts on nothing any scope restricts (the public key that verifies codes): every
 *   role the route allows may make it.
 */
export type Targets = Partial<Record<ScopeKind, readonly string[]>> & { readonly all?: true; readonly unscoped?: true };

/** The targets of a route that names none: it acts on everything the stack holds. */
export const wholeStack: Targets = { all: true };

/** The stack a request reached: a district (with the city it belongs to) or the city itself. */
export interface StackIdentity {
  readonly district: string;
  readonly city?: string | undefined;
}

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** A reader from outside the district (the city's command): it sees small counts of persons as "<k". */
export const readsFromOutside = (principal: Principal, stack: StackIdentity): boolean => principal.district !== stack.district;

/**
 * The ids a principal is restricted to, with their kind; undefined when it reaches every object
 * (an admin, an honoured `*`). What a request may mean by an id that several grids could use.
 */
export function restrictionOf(principal: Principal): { readonly kind: ScopeKind; readonly ids: readonly string[] } | undefined {
  const kind = scopeKindOf[principal.role];
  if (kind === 'district' || holdsWildcard(principal)) return undefined;
  return { kind, ids: principal.scopes.filter((s) => s !== '*') };
}

/** A refusal names at most this many ids (a district listing names every grid). */
const maxNamed = 10;

/** True when the principal's `*` stands for every object of its kind. */
export function holdsWildcard(principal: Principal): boolean {
  return wildcardHonoured[principal.role] && principal.scopes.includes('*');
}

/**
 * The one decision of role × route × scope × district. Pure, so every cell of the matrix is
 * tested without a network. The city's command center (a command token of the city) reads every
 * member district as a district-wide command token would; no other role crosses a district line.
 */
export function authorize(
  principal: Principal,
  stack: StackIdentity,
  allowedRoles: readonly Role[],
  /** What the request acts on; undefined for the role check made before anything is loaded. */
  targets?: Targets,
  /** `insideOnly`: the route answers with persons, which never leave the district (not even to the city). */
  route: { readonly insideOnly?: boolean | undefined } = {},
): Decision {
  const cityCommand = stack.city !== undefined && principal.district === stack.city && principal.role === 'command';
  if (principal.district !== stack.district && !cityCommand) {
    return { allowed: false, reason: `token is for district ${principal.district}, this is ${stack.district}` };
  }
  if (principal.district !== stack.district && route.insideOnly) {
    return { allowed: false, reason: 'this route lists persons, which stay in the district: the city reads aggregates only' };
  }
  if (!allowedRoles.includes(principal.role)) {
    return { allowed: false, reason: `role ${principal.role} may not use this route` };
  }
  if (targets === undefined) return { allowed: true };
  const kind = scopeKindOf[principal.role];
  if (kind === 'district') return { allowed: true };
  if (targets.unscoped) return { allowed: true };
  const ownOnly = ownObjectsOnly.has(kind);
  if (holdsWildcard(principal)) return { allowed: true };
  if (targets.all) {
    const why = wildcardHonoured[principal.role] ? `a ${principal.role} token needs the scope * for it` : `a ${principal.role} acts on their own ${kind} only`;
    return { allowed: false, reason: `this route reads everything the stack holds; ${why}` };
  }
  const wanted = targets[kind];
  if (wanted === undefined) {
    return ownOnly ? { allowed: false, reason: `this request acts on no ${kind} of yours` } : { allowed: true };
  }
  const outside = wanted.filter((id) => !principal.scopes.includes(id));
  if (outside.length > 0) {
    const note = principal.scopes.includes('*') ? ` (* is not honoured for a ${principal.role}: name your own ${kind})` : '';
    const named = [...new Set(outside)];
    const shown = named.length > maxNamed ? `${named.slice(0, maxNamed).join(', ')} and ${named.length - maxNamed} more` : named.join(', ');
    return { allowed: false, reason: `${kind} ${shown} ${named.length > 1 ? 'are' : 'is'} outside your scope${note}` };
  }
  return { allowed: true };
}
