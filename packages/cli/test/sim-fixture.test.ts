import { describe, expect, it } from 'vitest';
import { simFixture } from '../src/sim-fixture.ts';

describe('the simulator’s registry', () => {
  it('joins the host grid without adding a street, community or grid when the district has its own', () => {
    const fixture = simFixture(3, 'dem-s3-c3-g4');

    expect(fixture.registry).toMatchObject({ streets: [], communities: [], grids: [] });
    expect(new Set([...fixture.registry.buildings, ...fixture.registry.checkpoints].map((n) => n.gridId))).toEqual(new Set(['dem-s3-c3-g4']));
    expect(fixture.registry.checkpoints.map((c) => c.id)).toEqual(['sim-cp1', 'sim-cp2', 'sim-cp3']);
    expect(fixture.gridIds).toEqual(['dem-s3-c3-g4']);
  });

  it('brings a street of its own into an empty district, with the same gates, buildings and residents', () => {
    const own = simFixture(3);
    const hosted = simFixture(3, 'g9');

    expect(own.registry.streets).toEqual([{ id: 'sim-s1', name: 'Simulation Street' }]);
    expect(own.gridIds).toEqual(['sim-g1', 'sim-g2']);
    expect(own.registry.checkpoints.map((c) => c.gridId)).toEqual(['sim-g1', 'sim-g1', 'sim-g2']);
    expect(own.residents).toEqual(hosted.residents);
    expect(own.registry.buildings.map((b) => b.id)).toEqual(hosted.registry.buildings.map((b) => b.id));
  });
});
