import type { CodeColor, QuarantineState, Resident } from '../residents/resident.ts';
import type { CreateOutcome } from './storage.ts';

/** A case as the person's profile keeps it, so the code colour is derived from one item. */
export interface StoredCase {
  readonly category: string;
  readonly quarantine: QuarantineState;
  readonly reportedAt: string;
  readonly releasedAt?: string;
}

export interface ResidentWithCases {
  readonly resident: Resident;
  readonly cases: Readonly<Record<string, StoredCase>>;
  /** Optimistic-concurrency version of the profile's case state. */
  readonly version: number;
}

export interface ResidentPort {
  /** Registers once; `fingerprint` tells a repeat from a registration with other details. */
  register(resident: Resident, fingerprint: string): Promise<CreateOutcome>;
  get(personId: string): Promise<Resident | undefined>;
  getMany(personIds: readonly string[]): Promise<Map<string, Resident>>;
  /** Everyone registered in a building (a testing round's list of whom to expect). */
  inBuilding(buildingId: string): Promise<Resident[]>;
  getWithCases(personId: string): Promise<ResidentWithCases | undefined>;
  /** Saves cases and what is derived from them if still at `version`; false: re-read and retry. */
  updateCases(personId: string, update: { cases: Record<string, StoredCase>; codeColor: CodeColor; status: QuarantineState }, version: number): Promise<boolean>;
}
