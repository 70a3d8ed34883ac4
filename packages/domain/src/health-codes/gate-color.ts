import type { CodeColor } from '../residents/resident.ts';

const rank: Readonly<Record<CodeColor, number>> = { green: 0, yellow: 1, red: 2 };

/** The worst of the colours known (red > yellow > green); unknown ones (null, undefined) are skipped. */
export function worstColor(first: CodeColor, ...others: readonly (CodeColor | null | undefined)[]): CodeColor {
  let worst = first;
  for (const c of others) if (c && rank[c] > rank[worst]) worst = c;
  return worst;
}

/**
 * The colour the gate's rules read for a person (DESIGN.md, health codes): the colour the provider
 * that vouched for the code gives, but never better than the colour Firstline itself holds from its
 * own open cases. A case registered here is red or yellow at the gate at once, even before the
 * province has taken in the upward report.
 */
export function gateColor(firstlineColor: CodeColor, vouchedColor: CodeColor | null): CodeColor {
  return worstColor(firstlineColor, vouchedColor);
}

/**
 * The fallback's colour when the province cannot answer: the colour signed into the code when it
 * was issued, but never better than the province's colour as Firstline last saw it. A person last
 * seen red or yellow stays so until the province is back and says otherwise.
 */
export function provisionalColor(signedColor: CodeColor, lastSeen: CodeColor | undefined): CodeColor {
  return worstColor(signedColor, lastSeen);
}
