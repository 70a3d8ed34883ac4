import { describe, expect, it } from 'vitest';
import { checkRegistry, indexRegistry, mergeRegistry } from '../../src/registry/registry.ts';
import type { Registry } from '../../src/registry/registry.ts';
import { defaultPolicy } from '../../src/policy.ts';

const base: Registry = {
  district: { id: 'demo', name: 'Demo', timeZone: 'Asia/Shanghai', policy: defaultPolicy },
  streets: [{ id: 's1', name: 'S' }],
  communities: [{ id: 'c1', name: 'C', streetId: 's1' }],
  grids: [{ id: 'g1', name: 'G', communityId: 'c1' }],
  buildings: [{ id: 'b1', name: 'B', gridId: 'g1' }],
  checkpoints: [{ id: 'cp1', name: 'Gate', gridId: 'g1' }],
};

describe('checkRegistry', () => {
  it('accepts a consistent hierarchy', () => {
    expect(checkRegistry(base)).toEqual([]);
  });

  it('names each unknown parent by path', () => {
    const upload = { ...base, grids: [...base.grids, { id: 'g2', name: 'G2', communityId: 'c9' }], checkpoints: [{ id: 'cp2', name: 'X', gridId: 'g7' }] };

    expect(checkRegistry(upload)).toEqual([
      { path: 'grids.1.communityId', message: 'unknown community c9' },
      { path: 'checkpoints.0.gridId', message: 'unknown grid g7' },
    ]);
  });

  it('finds parents in the stored registry for an upsert', () => {
    const upload = { ...base, streets: [], communities: [], grids: [], checkpoints: [], buildings: [{ id: 'b2', name: 'B2', gridId: 'g1' }] };

    expect(checkRegistry(upload, base)).toEqual([]);
    expect(checkRegistry(upload)).toEqual([{ path: 'buildings.0.gridId', message: 'unknown grid g1' }]);
  });

  it('refuses duplicate ids within one upload', () => {
    const upload = { ...base, buildings: [...base.buildings, { id: 'b1', name: 'again', gridId: 'g1' }] };

    expect(checkRegistry(upload)).toEqual([{ path: 'buildings.1.id', message: 'duplicate id b1' }]);
  });
});

describe('mergeRegistry and indexRegistry', () => {
  it('replaces nodes by id and keeps the rest', () => {
    const upload = { ...base, streets: [], communities: [], grids: [], checkpoints: [], buildings: [{ id: 'b1', name: 'Renamed', gridId: 'g1' }, { id: 'b2', name: 'New', gridId: 'g1' }] };

    const merged = mergeRegistry(base, upload);

    expect(merged.buildings).toEqual([{ id: 'b1', name: 'Renamed', gridId: 'g1' }, { id: 'b2', name: 'New', gridId: 'g1' }]);
    expect(merged.grids).toEqual(base.grids);
  });

  it('looks up the grid of buildings and checkpoints', () => {
    const index = indexRegistry(base);

    expect(index.gridOfBuilding('b1')).toBe('g1');
    expect(index.gridOfCheckpoint('cp1')).toBe('g1');
    expect(index.gridOfCheckpoint('nope')).toBeUndefined();
  });
});
