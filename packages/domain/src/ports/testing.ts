import type { RoundCounts, RoundSample, TestKind, TestResult, TestRound } from '../testing/test-rounds.ts';
import type { CreateOutcome } from './storage.ts';

/** A resident's own antigen test, as they reported it. */
export interface SelfTest {
  readonly testId: string;
  readonly personId: string;
  readonly result: TestResult;
  readonly takenAt: string;
  readonly roundId?: string | undefined;
  readonly hash: string;
  /** Epoch seconds: expires with the district's retention window, as a sample does. */
  readonly expiresAt: number;
}

/** A building's slot in a round. */
export interface BuildingSlot {
  readonly roundId: string;
  readonly kind: TestKind;
  readonly day: string;
  readonly place: string;
  readonly from: string;
  readonly to: string;
}

/** Testing rounds by day, each person's sample in a round once, and what each building counts. */
export interface TestRoundPort {
  /** Keeps a round once (`hash` tells a repeat from another round under the same id). */
  create(round: TestRound, hash: string): Promise<CreateOutcome>;
  get(roundId: string): Promise<TestRound | undefined>;
  /** The day's rounds with each building's counts. */
  ofDay(day: string): Promise<{ round: TestRound; counts: Map<string, RoundCounts> }[]>;
  /**
   * Records the person's sample in the round once and counts it: `sampled` now, or `repeat` with
   * the sample kept before. A crash between the two leaves the count one short, never double.
   */
  sample(sample: RoundSample): Promise<{ outcome: 'sampled' | 'repeat'; sample: RoundSample }>;
  /** Every sample of a round: who was tested, by building. */
  samples(roundId: string): Promise<RoundSample[]>;
  /**
   * Sets a sample's result if it still holds `held` (another writer in between: false, read again)
   * and moves the building's counts.
   */
  setResult(sample: RoundSample, held: TestResult | undefined, result: TestResult, at: string): Promise<boolean>;
  /** The rounds of a building on `fromDay` or later, their slot for it: what its residents' app shows. */
  slotsOf(buildingId: string, fromDay: string): Promise<BuildingSlot[]>;
  /** A person's sample in a round, if they were tested. */
  sampleOf(roundId: string, personId: string): Promise<RoundSample | undefined>;
  /** Keeps a self-test once (the same `testId` with another body is a conflict). */
  recordSelfTest(test: SelfTest): Promise<CreateOutcome>;
}
