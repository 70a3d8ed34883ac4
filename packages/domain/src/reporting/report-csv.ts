import type { Figures } from './daily-report.ts';

const denyReasons = ['invalid-code', 'unknown-person', 'code-red', 'code-yellow', 'fever', 'quarantine', 'pass-quota'] as const;

/** A row of any report, grid to city. */
type Row = Figures & { level: string; id: string; name: string; date: string; final: boolean; zeroStreakDays?: number };

const columns: ReadonlyArray<readonly [string, (r: Row) => string | number | boolean | null | undefined]> = [
  ['level', (r) => r.level], ['id', (r) => r.id], ['name', (r) => r.name], ['date', (r) => r.date], ['final', (r) => r.final],
  ['scans.in', (r) => r.scans.in], ['scans.out', (r) => r.scans.out], ['scans.denied', (r) => r.scans.denied], ['scans.fever', (r) => r.scans.fever],
  ...denyReasons.map((reason) => [`scans.denyReasons.${reason}`, (r: Row) => r.scans.denyReasons[reason] ?? 0] as const),
  ['cases.confirmed', (r) => r.cases.confirmed], ['cases.suspected', (r) => r.cases.suspected],
  ['cases.feverUnexcluded', (r) => r.cases.feverUnexcluded], ['cases.closeContact', (r) => r.cases.closeContact],
  ['screening.householdsVisited', (r) => r.screening.householdsVisited], ['screening.residentsScreened', (r) => r.screening.residentsScreened],
  ['screening.keyPersonsFound', (r) => r.screening.keyPersonsFound],
  ['hygiene.disinfectionRounds', (r) => r.hygiene.disinfectionRounds], ['hygiene.masksDistributed', (r) => r.hygiene.masksDistributed],
  ['deliveries.requested', (r) => r.deliveries.requested], ['deliveries.delivered', (r) => r.deliveries.delivered],
  ['deliveries.failed', (r) => r.deliveries.failed], ['deliveries.open', (r) => r.deliveries.open],
  ['deliveries.medianMinutesToDeliver', (r) => r.deliveries.medianMinutesToDeliver],
  ['reporting.grids', (r) => r.reporting.grids], ['reporting.reported', (r) => r.reporting.reported],
  ['epidemicFree.grids', (r) => r.epidemicFree.grids], ['epidemicFree.free', (r) => r.epidemicFree.free], ['epidemicFree.percent', (r) => r.epidemicFree.percent],
  ['zeroStreakDays', (r) => r.zeroStreakDays],
];

/**
 * Text a spreadsheet (Excel, WPS, LibreOffice) would run as a formula: `=`, `+`, `-` or `@` first,
 * also after leading spaces, and a leading TAB or CR, which some of them skip before a formula.
 */
const formulaStart = /^(?:[\t\r]|\s*[=+\-@])/;

/** RFC 4180 quoting, and a leading `'` on text a spreadsheet would run as a formula (OWASP's CSV injection advice). */
function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A report's own row fields; a city report adds the member districts that have not sent the day. */
type Report = Row & { children: readonly Row[]; missingDistricts?: readonly string[] };

/**
 * A report as CSV: a header, then one row per child (a grid report, which has none, is its own row).
 * The city's also has a row per district that has not sent the day: `final` false and every figure
 * empty (not 0, which would read as a district that reported nothing), so the file says what the
 * report says — the day is final only when every row is.
 */
export function reportCsv(report: Report): string {
  const rows = report.children.length > 0 ? report.children : [report];
  const missing = (report.missingDistricts ?? []).map((id) => {
    const known: Record<string, string | boolean> = { level: 'district', id, date: report.date, final: false };
    return columns.map(([name]) => cell(known[name])).join(',');
  });
  return [columns.map(([name]) => name).join(','), ...rows.map((r) => columns.map(([, pick]) => cell(pick(r))).join(',')), ...missing].join('\r\n') + '\r\n';
}
