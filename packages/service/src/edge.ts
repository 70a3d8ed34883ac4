/**
 * What every route checks before its handler runs, apart from the manifest so that a function's
 * bundle carries these rules without the whole declaration.
 */

export const roles = ['scanner', 'grid-worker', 'volunteer', 'dispatcher', 'command', 'admin', 'resident'] as const;
export type Role = (typeof roles)[number];

/**
 * What a bearer token must be on every route (API.md, Auth). The cloud's JWT authorizer cannot be
 * told a lifetime or a skew (infra/README.md), so the function checks these, as the local gateway does.
 */
export const tokenRules = {
  /** `exp − iat` at most this: a stolen token is good for one shift, not for a week. */
  maxLifetimeSeconds: 12 * 3600,
  /** Clock difference allowed between the identity provider and the function (`iat` ahead of now). */
  clockSkewSeconds: 120,
} as const;

export const defaultMaxBodyBytes = 256 * 1024;
