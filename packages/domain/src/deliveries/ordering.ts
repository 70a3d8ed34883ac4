const chunks = /(\d+)|(\D+)/g;

function compareDigits(a: string, b: string): number {
  // Compared as strings without leading zeros so that numbers of any length stay exact.
  const x = a.replace(/^0+(?=\d)/, ''), y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Natural order of ids as people read them: "B2" before "B10", "3号楼" before "12号楼". Runs of
 * digits compare as numbers, everything else by code unit (no locale, so every machine agrees).
 * Ids that only differ in leading zeros ("B02", "B2") fall back to code-unit order, so the order
 * is total and a sort is deterministic.
 */
export function compareNatural(a: string, b: string): number {
  const xs = a.match(chunks) ?? [], ys = b.match(chunks) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i]!, y = ys[i]!;
    const xDigit = x.charCodeAt(0) <= 57 && x.charCodeAt(0) >= 48, yDigit = y.charCodeAt(0) <= 57 && y.charCodeAt(0) >= 48;
    let c: number;
    if (xDigit && yDigit) c = compareDigits(x, y);
    // A number sorts before text at the same position ("B2" before "Ba").
    else if (xDigit !== yDigit) c = xDigit ? -1 : 1;
    else c = x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  if (xs.length !== ys.length) return xs.length - ys.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plain code-unit order, the same on every machine (no locale). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ascending call numbers; a delivery without one comes after every numbered one. */
export function compareCallNumbers(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return a - b;
}
