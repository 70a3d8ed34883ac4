/** Rows of a benchmark table: what, figure, detail. */
export type Table = [string, string, string][];

/** A district of `grids` grids with `gates` checkpoints and 2 buildings each. */
export function benchRegistry(district: string, grids: number, gates: number) {
  const ids = Array.from({ length: grids }, (_, g) => `g${g}`);
  return {
    district: { id: district, name: 'Bench District', timeZone: 'Asia/Shanghai' },
    streets: [{ id: 's0', name: 'Street' }],
    communities: Array.from({ length: Math.ceil(grids / 4) }, (_, c) => ({ id: `c${c}`, name: `Community ${c}`, streetId: 's0' })),
    grids: ids.map((id, g) => ({ id, name: `Grid ${g}`, communityId: `c${Math.floor(g / 4)}` })),
    buildings: ids.flatMap((gridId) => [1, 2].map((b) => ({ id: `${gridId}-b${b}`, name: `Building ${b}`, gridId }))),
    checkpoints: ids.flatMap((gridId) => Array.from({ length: gates }, (_, k) => ({ id: `${gridId}-cp${k}`, name: `Gate ${k}`, gridId }))),
  };
}

/** The n-th scan's gate: one gate takes 20 % of all scans, the rest spread evenly (a busy main gate). */
export function skewedCheckpoint(checkpoints: readonly string[], n: number): string {
  if (n % 5 === 0) return checkpoints[0]!;
  return checkpoints[1 + ((n * 7919) % (checkpoints.length - 1))]!;
}

export function printTable(title: string, rows: Table): string {
  const widths = ([0, 1, 2] as const).map((i) => Math.max(...rows.map((r) => r[i].length), 4));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [`### ${title}`, '', line(['what', 'figure', 'detail']), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ''].join('\n');
}
