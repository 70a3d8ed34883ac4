import type { Role } from '@firstline/service';
import { roles } from '@firstline/service';

/** Who is calling, from the JWT claims that the authorizer (cloud) or local gateway verified. */
export interface Principal {
  readonly subject: string;
  readonly role: Role;
  readonly district: string;
  /** Ids the bearer may act on (checkpoints, grids or its own volunteer id); `*` is district-wide. */
  readonly scopes: readonly string[];
}

type ClaimValue = string | number | boolean | readonly string[] | undefined;

/**
 * API Gateway's JWT authorizer hands array claims to the function as the string `[a b c]`; accept
 * that as well as a real array so local and cloud read the same claims.
 */
function claimList(value: ClaimValue): string[] | undefined {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return undefined;
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner.split(/[\s,]+/).filter((s) => s.length > 0);
}

/** Returns undefined when the claims do not describe a Firstline principal. */
export function principalFromClaims(claims: Readonly<Record<string, ClaimValue>> | undefined): Principal | undefined {
  if (!claims) return undefined;
  const role = claims['role'];
  const district = claims['district'];
  const scopes = claimList(claims['scopes']) ?? [];
  if (typeof role !== 'string' || !(roles as readonly string[]).includes(role)) return undefined;
  if (typeof district !== 'string' || district.length === 0) return undefined;
  return { subject: String(claims['sub'] ?? ''), role: role as Role, district, scopes };
}
