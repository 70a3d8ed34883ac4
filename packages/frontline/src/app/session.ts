/// <reference lib="dom" />
import { base64UrlBytes } from './code-verify.ts';
import type { MessageKey } from './i18n.ts';
import { request, scopedKey } from './api.ts';

export type Mode = 'gate' | 'resident' | 'volunteer' | 'care' | 'testing';
export const modes: readonly Mode[] = ['gate', 'resident', 'volunteer', 'care', 'testing'];

/** The token role each mode signs in with (API.md; `resident` from the front-line contract). The grid worker's two jobs take the same token. */
export const roleOf: Readonly<Record<Mode, string>> = { gate: 'scanner', resident: 'resident', volunteer: 'volunteer', care: 'grid-worker', testing: 'grid-worker' };

export interface Claims {
  readonly role: string;
  readonly district: string;
  readonly scopes: readonly string[];
  readonly exp: number;
}

export interface Session {
  readonly mode: Mode;
  readonly token: string;
  readonly claims: Claims;
  /** What the mode acts for: the gate's checkpoint, the resident's person id, the volunteer's id, the grid worker's grid. */
  readonly subject: string;
}

/** Reads a JWT's claims without checking the signature: the API checks it; the app only needs to know whose it is. */
export function readClaims(token: string): Claims | undefined {
  try {
    const claims: unknown = JSON.parse(new TextDecoder().decode(base64UrlBytes(token.split('.')[1] ?? '')));
    if (typeof claims !== 'object' || claims === null) return undefined;
    const { role, district, scopes, exp } = claims as Record<string, unknown>;
    if (typeof role !== 'string' || typeof district !== 'string' || typeof exp !== 'number' || !Array.isArray(scopes)) return undefined;
    return { role, district, exp, scopes: scopes.filter((s): s is string => typeof s === 'string') };
  } catch {
    return undefined;
  }
}

export type SignInProblem = Extract<MessageKey, `signin.error.${string}`>;

const roleProblem: Readonly<Record<Mode, SignInProblem>> = {
  gate: 'signin.error.gate', resident: 'signin.error.resident', volunteer: 'signin.error.volunteer', care: 'signin.error.care', testing: 'signin.error.care',
};
/** What a mode that acts for one of several ids asks for when none is named. */
export const subjectProblem: Readonly<Record<Mode, SignInProblem>> = {
  gate: 'signin.error.checkpoint', volunteer: 'signin.error.volunteerId', care: 'signin.error.gridId', testing: 'signin.error.gridId', resident: 'signin.error.invalid',
};

/**
 * A session for `mode` from a token, or what is wrong with it. The subject comes from the
 * token's scopes; a gate, volunteer or carer whose token covers more than one id (or `*`) names
 * the one it acts for.
 */
export function sessionOf(mode: Mode, token: string, chosen?: string, now = Date.now()): Session | SignInProblem {
  const claims = readClaims(token.trim());
  if (!claims) return 'signin.error.invalid';
  if (claims.role !== roleOf[mode]) return roleProblem[mode];
  if (claims.exp * 1000 <= now) return 'signin.error.expired';
  const own = claims.scopes.filter((s) => s !== '*');
  const subject = chosen?.trim() || (own.length === 1 ? own[0]! : '');
  if (!subject || (!claims.scopes.includes('*') && !own.includes(subject))) return subjectProblem[mode];
  return { mode, token: token.trim(), claims, subject };
}

const storageKey = (mode: Mode) => scopedKey(`fl-session:${mode}`);

/** Each mode keeps its own token: one phone may serve a gate by day and a volunteer by night. */
export function storedSession(mode: Mode): Session | SignInProblem | undefined {
  const raw = localStorage.getItem(storageKey(mode));
  if (!raw) return undefined;
  const { token, subject } = JSON.parse(raw) as { token: string; subject: string };
  return sessionOf(mode, token, subject);
}

export function saveSession(session: Session): void {
  localStorage.setItem(storageKey(session.mode), JSON.stringify({ token: session.token, subject: session.subject }));
}

export function forgetSession(mode: Mode): void {
  localStorage.removeItem(storageKey(mode));
}

/** The local stack answers `/local/status` with its district; a cloud stack has no such route. */
export async function localDistrict(): Promise<string | undefined> {
  try {
    return (await request<{ district: string }>('GET', 'local/status', { timeoutMs: 3_000 })).district;
  } catch {
    return undefined;
  }
}

/** Local stack only: a token for this mode's role, as the dashboard's local sign-in mints one. */
export async function mintLocalToken(mode: Mode, district: string, subject: string): Promise<string> {
  const body = { role: roleOf[mode], district, scopes: [subject] };
  return (await request<{ token: string }>('POST', 'local/tokens', { body })).token;
}

export interface SeededResident {
  readonly personId: string;
  readonly nameMasked: string;
  readonly householdId: string;
  readonly buildingId: string;
  readonly gridId: string;
}

export async function localResidents(): Promise<readonly SeededResident[]> {
  return (await request<{ items: SeededResident[] }>('GET', 'local/residents?limit=5')).items;
}
