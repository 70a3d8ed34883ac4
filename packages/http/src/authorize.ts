import type { Role } from '@firstline/service';
import type { Principal } from './principal.ts';

/** The kinds of ids a principal's `scopes` claim lists, by role. */
export type ScopeKind = 'checkpoint' | 'grid' | 'volunteer';

const scopeKindOf: Readonly<Record<Role, ScopeKind | 'district'>> = {
  scanner: 'checkpoint',
  'grid-worker': 'grid',
  dispatcher: 'grid',
  command: 'grid',
  volunteer: 'volunteer',
  admin: 'district',
};

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
  targets: Targets,
): Decision {
  const cityCommand = stack.city !== undefined && principal.district === stack.city && principal.role === 'command';
  if (principal.district !== stack.district && !cityCommand) {
    return { allowed: false, reason: `token is for district ${principal.district}, this is ${stack.district}` };
  }
  if (!allowedRoles.includes(principal.role)) {
    return { allowed: false, reason: `role ${principal.role} may not use this route` };
  }
  const kind = scopeKindOf[principal.role];
  if (kind === 'district' || principal.scopes.includes('*')) return { allowed: true };
  const wanted = targets[kind];
  if (wanted === undefined) return { allowed: true };
  const outside = wanted.filter((id) => !principal.scopes.includes(id));
  if (outside.length > 0) {
    return { allowed: false, reason: `${kind} ${[...new Set(outside)].join(', ')} is outside your scope` };
  }
  return { allowed: true };
}
