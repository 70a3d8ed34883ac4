import type { CodeColor, QuarantineState } from '../residents/resident.ts';

export type CaseCategory = 'confirmed' | 'suspected' | 'fever-unexcluded' | 'close-contact';

export interface PersonCase {
  readonly caseId: string;
  readonly category: CaseCategory;
  readonly quarantine: QuarantineState;
  readonly reportedAt: string;
  readonly releasedAt?: string | undefined;
}

const colorRank: Record<CodeColor, number> = { green: 0, yellow: 1, red: 2 };
const quarantineRank: Record<QuarantineState, number> = { none: 0, home: 1, central: 2 };

/** API.md: confirmed, suspected or central quarantine → red; fever-unexcluded, close-contact or home → yellow. */
function colorOf(c: PersonCase): CodeColor {
  if (c.category === 'confirmed' || c.category === 'suspected' || c.quarantine === 'central') return 'red';
  if (c.category === 'fever-unexcluded' || c.category === 'close-contact' || c.quarantine === 'home') return 'yellow';
  return 'green';
}

/** A person's code colour and quarantine: the worst of their open (unreleased) cases, green when none. */
export function deriveCodeStatus(cases: readonly PersonCase[]): { codeColor: CodeColor; quarantine: QuarantineState } {
  let codeColor: CodeColor = 'green';
  let quarantine: QuarantineState = 'none';
  for (const c of cases) {
    if (c.releasedAt !== undefined) continue;
    const color = colorOf(c);
    if (colorRank[color] > colorRank[codeColor]) codeColor = color;
    if (quarantineRank[c.quarantine] > quarantineRank[quarantine]) quarantine = c.quarantine;
  }
  return { codeColor, quarantine };
}
