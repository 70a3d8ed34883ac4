/** One line of the summary table: a figure, and where there is one, its goal and whether it is met. */
export interface SummaryRow {
  readonly what: string;
  readonly figure: string;
  readonly goal?: string;
  readonly ok?: boolean;
  readonly detail: string;
}

/** What each section adds to `pnpm bench`'s one summary table, and one line per missed goal on what dominates it. */
export class Summary {
  readonly rows: SummaryRow[] = [];
  readonly gaps: string[] = [];

  push(...rows: SummaryRow[]): void {
    this.rows.push(...rows);
  }

  toJSON(): { rows: SummaryRow[]; gaps: string[] } {
    return { rows: this.rows, gaps: this.gaps };
  }

  add(other: { rows: SummaryRow[]; gaps: string[] }): void {
    this.rows.push(...other.rows);
    this.gaps.push(...other.gaps);
  }
}

export function printSummary(summary: Summary): string {
  const cells = summary.rows.map((r) => [r.what, r.figure, r.goal ?? '', r.ok === undefined ? '' : r.ok ? '✓' : '✗', r.detail]);
  const header = ['what', 'figure', 'goal', 'met', 'detail'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const missed = summary.rows.filter((r) => r.ok === false).length;
  return [
    '### Summary', '',
    line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), '',
    `Goals: ${summary.rows.filter((r) => r.ok !== undefined).length - missed} met, ${missed} missed.`,
    ...summary.gaps.map((g) => `- ${g}`),
    '',
  ].join('\n');
}
