import type { Building, Checkpoint, Community, Grid, Street } from '../hierarchy.ts';
import type { Policy } from '../policy.ts';

/** A district's whole hierarchy as ops upload it (PUT /v1/registry). */
export interface Registry {
  readonly district: { readonly id: string; readonly name: string; readonly timeZone: string; readonly policy: Policy };
  readonly streets: readonly Street[];
  readonly communities: readonly Community[];
  readonly grids: readonly Grid[];
  readonly buildings: readonly Building[];
  readonly checkpoints: readonly Checkpoint[];
}

export interface RegistryProblem {
  readonly path: string;
  readonly message: string;
}

type Collection = 'streets' | 'communities' | 'grids' | 'buildings' | 'checkpoints';

const parents: ReadonlyArray<readonly [Collection, string, Collection]> = [
  ['communities', 'streetId', 'streets'],
  ['grids', 'communityId', 'communities'],
  ['buildings', 'gridId', 'grids'],
  ['checkpoints', 'gridId', 'grids'],
];

const collections = ['streets', 'communities', 'grids', 'buildings', 'checkpoints'] as const;

export type RegistryNodes = Pick<Registry, Collection>;

/**
 * Referential checks zod cannot express, for an upload that upserts into what is `stored`: ids
 * unique within the upload, every parent id known in the upload or the store. Returns every
 * problem with the path of the offending field, so ops can fix a file in one pass.
 */
export function checkRegistry(upload: RegistryNodes, stored?: RegistryNodes): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  const ids = new Map<Collection, Set<string>>();
  for (const collection of collections) {
    const seen = new Set<string>();
    upload[collection].forEach((item, index) => {
      if (seen.has(item.id)) problems.push({ path: `${collection}.${index}.id`, message: `duplicate id ${item.id}` });
      seen.add(item.id);
    });
    ids.set(collection, new Set([...seen, ...(stored?.[collection] ?? []).map((n) => n.id)]));
  }
  for (const [collection, field, parent] of parents) {
    const known = ids.get(parent) ?? new Set<string>();
    upload[collection].forEach((item, index) => {
      const parentId = (item as unknown as Record<string, string>)[field] ?? '';
      if (!known.has(parentId)) {
        problems.push({ path: `${collection}.${index}.${field}`, message: `unknown ${field.replace(/Id$/, '')} ${parentId}` });
      }
    });
  }
  return problems;
}

/** The stored registry after an upload: nodes replaced by id, the rest kept. */
export function mergeRegistry(stored: Registry | undefined, upload: Registry): Registry {
  if (!stored) return upload;
  const merged = Object.fromEntries(collections.map((c) => {
    const byId = new Map<string, unknown>(stored[c].map((n) => [n.id, n]));
    for (const n of upload[c]) byId.set(n.id, n);
    return [c, [...byId.values()]];
  })) as unknown as RegistryNodes;
  return { district: upload.district, ...merged };
}

/** Lookups a request needs; built once per loaded registry. */
export interface RegistryIndex {
  readonly registry: Registry;
  gridOfBuilding(buildingId: string): string | undefined;
  gridOfCheckpoint(checkpointId: string): string | undefined;
  grid(gridId: string): Grid | undefined;
}

export function indexRegistry(registry: Registry): RegistryIndex {
  const buildings = new Map(registry.buildings.map((b) => [b.id, b.gridId]));
  const checkpoints = new Map(registry.checkpoints.map((c) => [c.id, c.gridId]));
  const grids = new Map(registry.grids.map((g) => [g.id, g]));
  return {
    registry,
    gridOfBuilding: (id) => buildings.get(id),
    gridOfCheckpoint: (id) => checkpoints.get(id),
    grid: (id) => grids.get(id),
  };
}
