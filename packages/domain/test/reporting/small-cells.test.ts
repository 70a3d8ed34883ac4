import { describe, expect, it } from 'vitest';
import type { Figures } from '../../src/reporting/daily-report.ts';
import { reportWithSmallCellsHidden, withSmallCellsHidden } from '../../src/reporting/small-cells.ts';

const figures = (cases: Partial<Figures['cases']>, fever = 0): Figures => ({
  scans: { in: 10, out: 5, denied: 1, denyReasons: {}, fever, provisional: 0 },
  cases: { confirmed: 0, suspected: 0, feverUnexcluded: 0, closeContact: 0, ...cases },
  screening: { householdsVisited: 1, residentsScreened: 2, keyPersonsFound: 1 },
  hygiene: { disinfectionRounds: 2, masksDistributed: 2 },
  deliveries: { requested: 1, delivered: 1, failed: 0, open: 0, medianMinutesToDeliver: 30 },
  reporting: { grids: 1, reported: 1, onTime: 1, flaggedLogs: 0 },
  epidemicFree: { grids: 1, free: 0, percent: 0 },
});
const unit = (id: string, cases: Partial<Figures['cases']>, fever = 0) => ({ id, ...figures(cases, fever) });

describe('small cells (counts of persons shown to a reader outside the district)', () => {
  it('shows 1 … k − 1 persons as "<k", keeps 0 and k or more exact, and leaves counts of things alone', () => {
    const shown = withSmallCellsHidden(unit('g1', { confirmed: 1, suspected: 2, feverUnexcluded: 3, closeContact: 0 }, 2), 3);
    expect(shown.cases).toEqual({ confirmed: '<3', suspected: '<3', feverUnexcluded: 3, closeContact: 0 });
    expect(shown.scans).toEqual({ in: 10, out: 5, denied: 1, denyReasons: {}, fever: '<3', provisional: 0 });
    expect(shown.screening.keyPersonsFound).toBe(1);
    expect(withSmallCellsHidden(unit('g1', { confirmed: 4 }), 5).cases.confirmed).toBe('<5');
  });

  it('hides a second child where one alone would be hidden, so the total minus the others never gives it back', () => {
    const report = {
      ...unit('c1', { confirmed: 9, suspected: 3 }),
      children: [unit('g1', { confirmed: 1, suspected: 3 }), unit('g2', { confirmed: 5 }), unit('g3', { confirmed: 3 }), unit('g4', {})],
    };
    const shown = reportWithSmallCellsHidden(report, 3);
    // g1's 1 alone would be 9 − 5 − 3; g3's 3, the next smallest with a count, is hidden with it.
    expect(shown.children.map((c) => c.cases.confirmed)).toEqual(['<3', 5, '<3', 0]);
    expect(shown.children.map((c) => c.cases.suspected)).toEqual([3, 0, 0, 0]);
    expect(shown.cases.confirmed).toBe(9);
    const [g1, g2, g3] = shown.children;
    expect([g1!.id, g2!.id, g3!.id]).toEqual(['g1', 'g2', 'g3']);
  });

  it('hides the parent too when its own total is small', () => {
    const shown = reportWithSmallCellsHidden({ ...unit('c1', { closeContact: 2 }), children: [unit('g1', { closeContact: 2 }), unit('g2', {})] }, 3);
    expect([shown.cases.closeContact, ...shown.children.map((c) => c.cases.closeContact)]).toEqual(['<3', '<3', 0]);
  });

  it('changes nothing of the exact report it was given', () => {
    const report = { ...unit('c1', { confirmed: 1 }), children: [unit('g1', { confirmed: 1 })] };
    reportWithSmallCellsHidden(report, 3);
    expect(report.cases.confirmed).toBe(1);
    expect(report.children[0]!.cases.confirmed).toBe(1);
  });
});
