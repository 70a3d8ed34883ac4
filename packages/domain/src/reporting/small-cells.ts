import type { Figures } from './daily-report.ts';

/**
 * Small cells (DESIGN.md: the city sees aggregates only, with counts of persons below k shown as
 * "<k" outside the district). A count of confirmed, suspected, fever-unexcluded or close-contact
 * persons, or of fevers at the gates, from 1 to k − 1 is shown as "<k" to a reader outside the
 * district, so one case in a small grid cannot be pointed at from the city; 0 stays 0 (it names
 * nobody). Where a single child of a report would be hidden, the next smallest non-zero child is
 * hidden with it (secondary suppression), so the parent's total minus the shown children never
 * gives a hidden cell back.
 */
export type PersonCount = number | `<${number}`;

/** A row as a reader outside the district sees it. */
export type Shown<R extends Figures> = Omit<R, 'scans' | 'cases'> & Pick<Figures<PersonCount>, 'scans' | 'cases'>;

type CaseField = keyof Figures['cases'];
const caseFields: readonly CaseField[] = ['confirmed', 'suspected', 'feverUnexcluded', 'closeContact'];

/** Each count of persons in a row, by a name of its own. */
const personCounts: readonly { readonly name: string; readonly of: (row: Figures) => number }[] = [
  ...caseFields.map((field) => ({ name: field, of: (row: Figures) => row.cases[field] })),
  { name: 'fever', of: (row: Figures) => row.scans.fever },
];

const isSmall = (value: number, k: number) => value >= 1 && value < k;

function show<R extends Figures>(row: R, hidden: ReadonlySet<string>, k: number): Shown<R> {
  const below: PersonCount = `<${k}`;
  const cases = Object.fromEntries(caseFields.map((field) => [field, hidden.has(field) ? below : row.cases[field]])) as Figures<PersonCount>['cases'];
  return { ...row, cases, scans: { ...row.scans, fever: hidden.has('fever') ? below : row.scans.fever } };
}

/** The names of a row's counts that are small (primary suppression). */
const smallIn = (row: Figures, k: number) => new Set(personCounts.filter((c) => isSmall(c.of(row), k)).map((c) => c.name));

/** One row, such as a day of a series: its small counts hidden. */
export function withSmallCellsHidden<R extends Figures>(row: R, k: number): Shown<R> {
  return show(row, smallIn(row, k), k);
}

/** A report and its children: small counts hidden, and the children's protected from differencing. */
export function reportWithSmallCellsHidden<R extends Figures & { readonly children: readonly Figures[] }>(
  report: R, k: number,
): Shown<Omit<R, 'children'> & Figures> & { children: Shown<R['children'][number]>[] } {
  const hidden = report.children.map((child) => smallIn(child, k));
  for (const count of personCounts) {
    const alone = hidden.filter((names) => names.has(count.name));
    if (alone.length !== 1) continue;
    // The smallest other child with a count, hidden too: two unknowns behind one difference.
    const candidates = report.children.map((child, i) => ({ i, value: count.of(child) })).filter(({ i, value }) => value > 0 && !hidden[i]!.has(count.name));
    const next = candidates.sort((a, b) => a.value - b.value)[0];
    if (next) hidden[next.i]!.add(count.name);
  }
  const { children, ...own } = report;
  return { ...show(own as Omit<R, 'children'> & Figures, smallIn(report, k), k), children: children.map((child, i) => show(child as R['children'][number], hidden[i]!, k)) };
}
