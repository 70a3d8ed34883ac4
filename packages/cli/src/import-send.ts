import type { FirstlineClient } from '@firstline/client';
import { limiter } from '@firstline/domain';
import type { RegistryDocument } from '@firstline/schemas';
import type { ImportPlan } from './import-csv.ts';
import type { NeedsRow } from './needs-csv.ts';

const levels = ['streets', 'communities', 'grids', 'buildings', 'checkpoints'] as const;
type Level = (typeof levels)[number];

/** Stays well under the route's 5 MB body limit, which also covers the request's envelope. */
const maxDocumentBytes = 3 * 1024 * 1024;

/**
 * The registry as one or more PUT documents. A large district does not fit one request; since a
 * PUT upserts and accepts parents that are already stored, documents sent in parent-first order
 * build the same registry as one would.
 */
export function registryDocuments(registry: RegistryDocument, limit = maxDocumentBytes): RegistryDocument[] {
  const empty = (): RegistryDocument => ({ district: registry.district, streets: [], communities: [], grids: [], buildings: [], checkpoints: [] });
  const documents: RegistryDocument[] = [];
  let current = empty();
  let size = JSON.stringify(current).length;
  for (const level of levels) {
    for (const node of registry[level]) {
      const bytes = Buffer.byteLength(JSON.stringify(node)) + 1;
      if (size + bytes > limit && levels.some((l) => current[l].length > 0)) {
        documents.push(current);
        current = empty();
        size = JSON.stringify(current).length;
      }
      (current[level] as unknown[]).push(node);
      size += bytes;
    }
  }
  documents.push(current);
  return documents;
}

export interface ImportOutcome {
  /** The district's totals after the upload, as the stack counted them. */
  readonly counts: Record<Level, number>;
  readonly registered: number;
  readonly conflicts: number;
  readonly failures: { line: number; message: string }[];
}

const transient = new Set([429, 500, 502, 503, 504]);

/** Retries answers that say "try again" (throttling, a gateway hiccup): every call here is idempotent. */
export async function withRetry(call: () => Promise<{ status: number; body: unknown }>): Promise<{ status: number; body: unknown }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await call();
      if (!transient.has(res.status) || attempt === 4) return res;
    } catch (error) {
      if (attempt === 4) throw error;
    }
    await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
  }
}

export const errorMessage = (body: unknown) => {
  const error = (body as { error?: { message?: string; details?: { path: string; message: string }[] } } | undefined)?.error;
  if (!error) return typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body);
  return [error.message, ...(error.details ?? []).map((d) => `${d.path}: ${d.message}`)].filter(Boolean).join('; ');
};

/**
 * Upserts the registry, then registers the residents a few at a time. The hierarchy goes first
 * because a resident names a building; a registry refusal stops everything, while a refused
 * resident is reported by its line and the others still go through.
 */
export async function sendImport(admin: FirstlineClient, plan: ImportPlan, concurrency = 8): Promise<ImportOutcome> {
  let counts: Record<Level, number> | undefined;
  for (const document of registryDocuments(plan.registry)) {
    const res = await withRetry(() => admin.put('/v1/registry', document));
    if (res.status !== 200) throw new Error(`the stack refused the registry (${res.status}): ${errorMessage(res.body)}; no resident was sent`);
    counts = (res.body as { counts: Record<Level, number> }).counts;
  }
  let registered = 0;
  let conflicts = 0;
  const failures: { line: number; message: string }[] = [];
  const limit = limiter(concurrency);
  await Promise.all(plan.residents.map(({ line, body }) => limit(async () => {
    try {
      const res = await withRetry(() => admin.post('/v1/residents', body));
      if (res.status === 201 || res.status === 200) registered++;
      else if (res.status === 409) {
        conflicts++;
        failures.push({ line, message: 'this person is already registered with other details (409); the stack keeps the first registration' });
      } else failures.push({ line, message: `the stack answered ${res.status}: ${errorMessage(res.body)}` });
    } catch (error) {
      failures.push({ line, message: `no answer from the stack: ${(error as Error).message}` });
    }
  })));
  failures.sort((a, b) => a.line - b.line);
  return { counts: counts!, registered, conflicts, failures };
}

export interface NeedsOutcome {
  /** Households whose needs the stack now holds as the file says, by the priority it answered. */
  readonly recorded: Record<'medical' | 'hardship' | 'normal', number>;
  readonly failures: { line: number; message: string }[];
}

/** What the stack's refusal of one household means for the row that asked for it. */
function needsRefusal(status: number, body: unknown): string {
  if (status === 403) return `the token may not act on this household's grid (403): ${errorMessage(body)}`;
  if (status === 409) return `the household is already placed in another building (409): ${errorMessage(body)}`;
  return `the stack answered ${status}: ${errorMessage(body)}`;
}

/**
 * Sends each household's needs a few at a time. A PUT replaces a household's needs, so sending
 * the same register again leaves every household as it was; a refused row is reported by its
 * line and the others still go through.
 */
export async function sendNeeds(client: FirstlineClient, rows: readonly NeedsRow[], concurrency = 8): Promise<NeedsOutcome> {
  const recorded = { medical: 0, hardship: 0, normal: 0 };
  const failures: { line: number; message: string }[] = [];
  const limit = limiter(concurrency);
  await Promise.all(rows.map(({ line, householdId, body }) => limit(async () => {
    try {
      const res = await withRetry(() => client.call('PUT /v1/households/{householdId}/needs', { params: { householdId }, body }));
      if (res.status === 200) recorded[(res.body as { priority: keyof typeof recorded }).priority]++;
      else failures.push({ line, message: needsRefusal(res.status, res.body) });
    } catch (error) {
      failures.push({ line, message: `no answer from the stack: ${(error as Error).message}` });
    }
  })));
  failures.sort((a, b) => a.line - b.line);
  return { recorded, failures };
}
