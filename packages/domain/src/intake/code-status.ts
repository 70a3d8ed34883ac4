import type { CodeColor, QuarantineState } from '../residents/resident.ts';

/** The four categories of people (四类人员, DESIGN.md). */
export type CaseCategory = 'confirmed' | 'suspected' | 'fever-unexcluded' | 'close-contact';

/** A four-category case of one person; it stops counting once `releasedAt` is set. */
export interface OpenCase {
  readonly caseId: string;
  readonly category: CaseCategory;
  readonly quarantine: QuarantineState;
  /** ISO instant with offset; the case is new on this instant's district day. */
  readonly reportedAt: string;
  /** ISO instant of the release; present means the case no longer holds the person's code. */
  readonly releasedAt?: string;
}

/** A person's code colour and the quarantine they are under, as the gate rules read them. */
export interface CodeStatus {
  readonly codeColor: CodeColor;
  readonly quarantine: QuarantineState;
}

const colorRank: Readonly<Record<CodeColor, number>> = { green: 0, yellow: 1, red: 2 };
const quarantineRank: Readonly<Record<QuarantineState, number>> = { none: 0, home: 1, central: 2 };

/** Whether a case still holds the person's code. */
export function isOpen(c: Pick<OpenCase, 'releasedAt'>): boolean {
  return c.releasedAt === undefined;
}

/**
 * The colour one case gives a code (API.md): confirmed, suspected or central quarantine → red;
 * fever-unexcluded, close-contact or home quarantine → yellow. Every category is at least yellow,
 * so a case never yields green; green only means "no open case".
 */
export function caseColor(c: Pick<OpenCase, 'category' | 'quarantine'>): CodeColor {
  if (c.category === 'confirmed' || c.category === 'suspected' || c.quarantine === 'central') return 'red';
  return 'yellow';
}

/**
 * A person's code colour and quarantine from their cases: the worst open case decides the colour,
 * the strictest open quarantine (central > home > none) decides the quarantine, and released cases
 * are ignored. No open case → green, none.
 */
export function deriveCodeStatus(cases: readonly OpenCase[]): CodeStatus {
  let codeColor: CodeColor = 'green';
  let quarantine: QuarantineState = 'none';
  for (const c of cases) {
    if (!isOpen(c)) continue;
    const color = caseColor(c);
    if (colorRank[color] > colorRank[codeColor]) codeColor = color;
    if (quarantineRank[c.quarantine] > quarantineRank[quarantine]) quarantine = c.quarantine;
  }
  return { codeColor, quarantine };
}
