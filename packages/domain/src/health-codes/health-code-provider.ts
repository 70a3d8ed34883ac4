import type { CodeColor } from '../residents/resident.ts';
import type { ProvincialCode } from './provincial-code.ts';

/** Who can vouch for a code shown at a gate: Firstline's own signed code, or the province's health code. */
export const healthCodeProviders = ['firstline', 'province'] as const;
export type HealthCodeProviderId = (typeof healthCodeProviders)[number];

/** Who a vouched code names: a Firstline person id, or (the province) the holder's ID-number digest. */
export type CodeHolder =
  | { readonly personId: string; readonly idDigest?: undefined }
  | { readonly idDigest: string; readonly personId?: undefined };

/** A code a provider vouched for. */
export type VouchedCode = CodeHolder & {
  readonly ok: true;
  readonly provider: HealthCodeProviderId;
  /** Unique per issued code. */
  readonly codeId: string;
  /**
   * The colour the provider vouches for, or null when it vouches only for who the holder is and the
   * person's colour in Firstline decides (Firstline's own code: the resident record is the truth).
   */
  readonly color: CodeColor | null;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  /** Decided without the provider's own service (signed code, cached key, last colour seen). */
  readonly provisional: boolean;
  /**
   * Firstline's rotating code is good for one scan; the province's code is what the resident's
   * mini-program shows all day, so it may be scanned again (each scan its own slot).
   */
  readonly singleUse: boolean;
};

/**
 * Why a provider did not vouch: a bad signature, a code outside its validity window, a code that
 * does not parse, or (`unavailable`) a provider that could not answer at all: timed out, failed,
 * or its circuit is open. Only `unavailable` lets the gate fall back.
 */
export type CodeRefusalReason = 'signature' | 'expired' | 'malformed' | 'unavailable';

export interface CodeRefusal {
  readonly ok: false;
  readonly provider: HealthCodeProviderId;
  readonly why: CodeRefusalReason;
}

export type HealthCodeCheck = VouchedCode | CodeRefusal;

/** One source of health codes a gate may accept (the port; adapters and the app implement it). */
export interface HealthCodeProvider {
  readonly id: HealthCodeProviderId;
  /** Whether the code is in this provider's format: a cheap look at its text, no I/O, no trust. */
  recognizes(code: string): boolean;
  /** Verifies the code as valid at `at` (the server's time for a live scan). */
  verify(code: string, at: Date): Promise<HealthCodeCheck>;
}

/** The province could not answer: timed out, answered 5xx, refused the connection, or its circuit is open. */
export class ProvinceUnavailableError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'ProvinceUnavailableError';
  }
}

/** What the province's online verification answers: the code's holder and their colour now. */
export type ProvincialVerification =
  | { readonly ok: true; readonly code: ProvincialCode }
  | { readonly ok: false; readonly why: Exclude<CodeRefusalReason, 'unavailable'> };

/** A four-category case event as the province takes it (GB/T 38963-shaped case report). */
export interface ProvincialCaseReport {
  /** Unique across the province: the district's id, the case id and the kind of event. */
  readonly eventId: string;
  readonly type: 'case-registered' | 'case-released';
  /** The district that reports, and its case id. */
  readonly reporter: string;
  readonly caseId: string;
  readonly idDigest: string;
  readonly category: 'confirmed' | 'suspected' | 'fever-unexcluded' | 'close-contact';
  readonly quarantine: 'none' | 'home' | 'central';
  /** ISO instant the case was registered or released. */
  readonly at: string;
}

/**
 * The provincial health-code service (GB/T 38963-2020's interface, as far as a gate and a grid
 * need it). Every call throws `ProvinceUnavailableError` when the province cannot answer.
 */
export interface ProvincialService {
  /** Verifies a scanned code online; the colour is the person's colour now, not when the code was issued. */
  verifyCode(code: string, at: Date): Promise<ProvincialVerification>;
  /** A person's current colour. */
  personColor(idDigest: string): Promise<{ readonly color: CodeColor; readonly asOf: Date }>;
  /** Reports a case event; the province keeps one per event id, so a repeat changes nothing. */
  reportCase(report: ProvincialCaseReport): Promise<{ readonly duplicate: boolean; readonly color: CodeColor }>;
}

/** Verifies the province's signed code with its cached public key, without the network. */
export interface ProvincialKeyring {
  verifyOffline(code: string, at: Date): Promise<ProvincialVerification>;
}

/** What Firstline knows of a person the province knows by ID-number digest. */
export interface ProvincialPerson {
  /** The Firstline person with this digest, when they are registered in this district. */
  readonly personId?: string | undefined;
  /** The province's colour as Firstline last saw it (online verification or a case report's answer). */
  readonly lastColor?: { readonly color: CodeColor; readonly seenAt: string } | undefined;
}

/**
 * The link between Firstline's persons and the province's digests, kept when a resident registers
 * (the only time Firstline holds the ID number), and the province's colour as last seen.
 */
export interface ProvincialPeoplePort {
  lookup(idDigest: string): Promise<ProvincialPerson | undefined>;
  digestOf(personId: string): Promise<string | undefined>;
  link(personId: string, idDigest: string): Promise<void>;
  /** Keeps the colour seen; only for a linked person (nothing is kept about people not registered here). */
  rememberColor(idDigest: string, color: CodeColor, seenAt: Date): Promise<void>;
}

/** Which case events were reported upward, so a redelivered message is not sent again. */
export interface ProvinceReportLedger {
  reported(eventId: string): Promise<{ readonly at: string; readonly color: CodeColor } | undefined>;
  record(eventId: string, outcome: { readonly at: string; readonly color: CodeColor }): Promise<void>;
}
