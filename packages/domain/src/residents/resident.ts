
export type CodeColor = 'green' | 'yellow' | 'red';
export type QuarantineState = 'none' | 'home' | 'central';

/** What the district keeps about a person: a pseudonym and masked display fields only. */
export interface Resident {
  readonly personId: string;
  readonly nameMasked: string;
  readonly phoneMasked: string;
  readonly buildingId: string;
  readonly gridId: string;
  readonly householdId: string;
  readonly codeColor: CodeColor;
  readonly status: QuarantineState;
}

/** Keyed one-way functions over personal data; the keys live outside the domain. */
export interface Pseudonymizer {
  /** Stable id of a person from their ID number; same number, same id, not reversible. */
  personId(idNumber: string): string;
  /** Fingerprint of a registration's details, to tell a repeat from a conflicting one. */
  fingerprint(parts: readonly string[]): string;
}

