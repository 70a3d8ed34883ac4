import { describe, expect, it } from 'vitest';
import type { Role } from '@firstline/service';
import { authorize } from '../src/authorize.ts';
import type { Principal } from '../src/principal.ts';

const principal = (role: Role, scopes: string[], district = 'demo'): Principal => ({ subject: 's', role, district, scopes });

describe('authorize', () => {
  it.each([
    // role, scopes, allowed roles, targets, expected
    ['admin', [], ['admin'], { grid: ['g9'] }, true],
    ['grid-worker', ['g1'], ['grid-worker'], { grid: ['g1'] }, true],
    ['grid-worker', ['g1'], ['grid-worker'], { grid: ['g1', 'g2'] }, false],
    ['grid-worker', ['*'], ['grid-worker'], { grid: ['g2'] }, true],
    ['grid-worker', ['g1'], ['admin'], {}, false],
    ['scanner', ['cp1'], ['scanner'], { checkpoint: ['cp1', 'cp1'] }, true],
    ['scanner', ['cp1'], ['scanner'], { checkpoint: ['cp2'] }, false],
    ['scanner', ['cp1'], ['scanner', 'grid-worker'], { grid: ['g1'] }, true],
    ['volunteer', ['v1'], ['volunteer'], { volunteer: ['v1'] }, true],
    ['volunteer', ['v1'], ['volunteer'], { volunteer: ['v2'] }, false],
    ['dispatcher', ['g1'], ['dispatcher'], { grid: ['g1'] }, true],
    ['command', ['g1'], ['command'], { grid: ['g2'] }, false],
    ['resident', ['p1'], ['resident'], { grid: ['g1'], person: ['p1'] }, true],
    ['resident', ['p1'], ['resident'], { grid: ['g1'], person: ['p2'] }, false],
    // A route that does not name the person it acts on is not a resident's, and `*` is no wildcard for one.
    ['resident', ['p1'], ['resident', 'grid-worker'], { grid: ['g1'] }, false],
    ['resident', ['*'], ['resident'], { person: ['p2'] }, false],
    // `*` is honoured only where a role needs it: never for a volunteer, who acts as themself.
    ['volunteer', ['*'], ['volunteer'], { volunteer: ['v2'] }, false],
    ['dispatcher', ['*'], ['dispatcher'], { grid: ['g7'] }, true],
    ['command', ['*'], ['command'], { grid: ['g7'] }, true],
    // A route over the whole stack (a listing of every grid) needs a district-wide token.
    ['command', ['*'], ['command'], { all: true }, true],
    ['command', ['g1', 'g2'], ['command'], { all: true }, false],
    ['admin', [], ['admin'], { all: true }, true],
    ['volunteer', ['*'], ['volunteer'], { all: true }, false],
    ['resident', ['*'], ['resident'], { all: true }, false],
    // A request that acts on nothing any scope restricts (the public key) is every allowed role's.
    ['scanner', ['cp1'], ['scanner'], { unscoped: true }, true],
    ['volunteer', ['v1'], ['volunteer'], { unscoped: true }, true],
    // A volunteer acts on what names them: a delivery nobody holds names no volunteer.
    ['volunteer', ['v1'], ['volunteer', 'dispatcher'], { grid: ['g1'] }, false],
    ['scanner', ['cp1'], ['scanner'], {}, true],
  ] as const)('%s with %j on a route for %j acting on %j → %s', (role, scopes, roles, targets, expected) => {
    const decision = authorize(principal(role, [...scopes]), { district: 'demo' }, roles, targets);

    expect(decision.allowed).toBe(expected);
  });

  it('checks role and district alone before anything is loaded, the resident included', () => {
    expect(authorize(principal('resident', ['p1']), { district: 'demo' }, ['resident']).allowed).toBe(true);
    expect(authorize(principal('resident', ['p1']), { district: 'demo' }, ['grid-worker']).allowed).toBe(false);
  });

  it('refuses every role of another district, admin included', () => {
    const decision = authorize(principal('admin', ['*'], 'riverside'), { district: 'demo' }, ['admin'], {});

    expect(decision).toEqual({ allowed: false, reason: 'token is for district riverside, this is demo' });
  });

  it("says why a volunteer's * grants nothing", () => {
    const decision = authorize(principal('volunteer', ['*']), { district: 'demo' }, ['volunteer'], { volunteer: ['v2'] });

    expect(decision).toEqual({ allowed: false, reason: expect.stringContaining('* is not honoured for a volunteer') });
  });

  it('names the ids outside the scope once each', () => {
    const decision = authorize(principal('scanner', ['cp1']), { district: 'demo' }, ['scanner'], { checkpoint: ['cp2', 'cp2', 'cp3'] });

    expect(decision).toEqual({ allowed: false, reason: 'checkpoint cp2, cp3 are outside your scope' });
  });

  it('names at most ten of the ids outside the scope', () => {
    const decision = authorize(principal('command', ['g0']), { district: 'demo' }, ['command'], { grid: Array.from({ length: 40 }, (_, i) => `g${i}`) });

    expect(decision).toEqual({ allowed: false, reason: 'grid g1, g2, g3, g4, g5, g6, g7, g8, g9, g10 and 29 more are outside your scope' });
  });

  it("lets the city's command center read a member district, and no other role or city", () => {
    const stack = { district: 'demo', city: 'city' };

    expect(authorize(principal('command', ['*'], 'city'), stack, ['command'], { grid: ['g1'] }).allowed).toBe(true);
    expect(authorize(principal('admin', ['*'], 'city'), stack, ['admin'], {}).allowed).toBe(false);
    expect(authorize(principal('command', ['*'], 'other-city'), stack, ['command'], {}).allowed).toBe(false);
    // A route that lists persons: the district's own command center, never the city's.
    expect(authorize(principal('command', ['*'], 'city'), stack, ['command'], { grid: ['g1'] }, { insideOnly: true }).allowed).toBe(false);
    expect(authorize(principal('command', ['*'], 'city'), stack, ['command'], undefined, { insideOnly: true }).allowed).toBe(false);
    expect(authorize(principal('command', ['*']), stack, ['command'], { grid: ['g1'] }, { insideOnly: true }).allowed).toBe(true);
    expect(authorize(principal('command', ['*'], 'city'), { district: 'demo' }, ['command'], {}).allowed).toBe(false);
  });

  it("opens the city's own reports (the whole city) to a city-wide command token only", () => {
    const city = { district: 'city' };

    expect(authorize(principal('command', ['*'], 'city'), city, ['command'], { all: true }).allowed).toBe(true);
    expect(authorize(principal('command', ['g1'], 'city'), city, ['command'], { all: true }).allowed).toBe(false);
    expect(authorize(principal('command', [], 'city'), city, ['command'], { all: true }).allowed).toBe(false);
  });
});
