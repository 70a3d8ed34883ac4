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
 * Kinds of scope whose holders act only on the objects a route names as theirs: a route that names
 * none is not for them, and `*` means nothing (a resident is never district-wide).
 */
const ownObjectsOnly: ReadonlySet<ScopeKind> = new Set(['person']);

/**
 * What a request acts on, per kind of scope. A route names the targets that restrict a role; a
 * kind left out does not restrict the roles that hold it (a scanner may look up any resident it
 * just scanned, a dispatcher any delivery of the grids it names).
 */
export type Targets = Partial<Record<ScopeKind, readonly string[]>>;

/** The stack a request reached: a district (with the city it belongs to) or the city itself. */
export interface StackIdentity {
  readonly district: string;
  readonly city?: string | undefined;
}

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

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
): Decision {
  const cityCommand = stack.city !== undefined && principal.district === stack.city && principal.role === 'command';
  if (principal.district !== stack.district && !cityCommand) {
    return { allowed: false, reason: `token is for district ${principal.district}, this is ${stack.district}` };
  }
  if (!allowedRoles.includes(principal.role)) {
    return { allowed: false, reason: `role ${principal.role} may not use this route` };
  }
  if (targets === undefined) return { allowed: true };
  const kind = scopeKindOf[principal.role];
  if (kind === 'district') return { allowed: true };
  const ownOnly = ownObjectsOnly.has(kind);
  if (!ownOnly && principal.scopes.includes('*')) return { allowed: true };
  const wanted = targets[kind];
  if (wanted === undefined) {
    return ownOnly ? { allowed: false, reason: `this route does not act on your own ${kind}` } : { allowed: true };
  }
  const outside = wanted.filter((id) => !principal.scopes.includes(id));
  if (outside.length > 0) {
    return { allowed: false, reason: `${kind} ${[...new Set(outside)].join(', ')} is outside your scope` };
  }
  return { allowed: true };
}
