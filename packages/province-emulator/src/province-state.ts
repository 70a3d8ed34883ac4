import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { CaseCategory, CodeColor, OpenCase, QuarantineState } from '@firstline/domain';
import { deriveCodeStatus } from '@firstline/domain';
import { worstColor } from '@firstline/domain/health-codes/index';
import type { ProvincialCaseReport } from '@firstline/domain/health-codes/index';

interface PersonRecord {
  /** The province's own verdict on the person (its other data sources), apart from reported cases. */
  override?: CodeColor;
  /** Reported cases by `<reporter>:<caseId>`. */
  cases: Record<string, { category?: CaseCategory; quarantine?: QuarantineState; reportedAt?: string; releasedAt?: string }>;
  changedAt: string;
}

interface StateFile {
  persons: Record<string, PersonRecord>;
  /** Each event id once, with the fingerprint of its body and how many times it was received. */
  reports: Record<string, { hash: string; received: number; appliedAt: string }>;
}

export type ReportOutcome = { readonly kind: 'applied' | 'duplicate'; readonly color: CodeColor } | { readonly kind: 'conflict' };

const fingerprint = (report: ProvincialCaseReport) => createHash('sha256').update(JSON.stringify([
  report.eventId, report.type, report.reporter, report.caseId, report.idDigest, report.category, report.quarantine, Date.parse(report.at),
])).digest('base64url');

/**
 * What the emulated province knows: persons by ID-number digest with the cases reported for them
 * and its own colour for them, and every case report received. Kept in one JSON file under the
 * data dir, rewritten after each change, so a restart of `pnpm dev` keeps the colours.
 */
export class ProvinceState {
  readonly #file: string;
  readonly #now: () => number;
  #state: StateFile = { persons: {}, reports: {} };
  #saving: Promise<void> = Promise.resolve();

  private constructor(file: string, now: () => number) {
    this.#file = file;
    this.#now = now;
  }

  static async open(file: string, now: () => number): Promise<ProvinceState> {
    const state = new ProvinceState(file, now);
    try {
      state.#state = JSON.parse(await readFile(file, 'utf8')) as StateFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return state;
  }

  /**
   * A person's colour now: the worst of the province's own verdict and their open cases (the same
   * rule as the district's: confirmed, suspected or central quarantine red; the rest yellow).
   */
  colorOf(idDigest: string): { color: CodeColor; asOf: string } {
    const person = this.#state.persons[idDigest];
    if (!person) return { color: 'green', asOf: new Date(this.#now()).toISOString() };
    const open = Object.entries(person.cases)
      .filter(([, c]) => c.category && c.quarantine && c.reportedAt)
      .map(([caseId, c]) => ({ caseId, category: c.category!, quarantine: c.quarantine!, reportedAt: c.reportedAt!, ...(c.releasedAt ? { releasedAt: c.releasedAt } : {}) }) as OpenCase);
    return { color: worstColor(deriveCodeStatus(open).codeColor, person.override), asOf: person.changedAt };
  }

  /** Enrols a person (the mini-program's first use); nothing changes for one already known. */
  async enrol(idDigest: string): Promise<void> {
    if (this.#state.persons[idDigest]) return;
    this.#state.persons[idDigest] = { cases: {}, changedAt: new Date(this.#now()).toISOString() };
    await this.#save();
  }

  /** The province's own verdict; green lifts it (reported cases still count). */
  async setColor(idDigest: string, color: CodeColor): Promise<void> {
    const person = this.#state.persons[idDigest] ?? { cases: {}, changedAt: '' };
    if (color === 'green') delete person.override;
    else person.override = color;
    person.changedAt = new Date(this.#now()).toISOString();
    this.#state.persons[idDigest] = person;
    await this.#save();
  }

  /**
   * Takes a case report once per event id: the same id again is a duplicate that changes nothing,
   * the same id with another body is a conflict. A release that arrives before its registration
   * (a redelivery out of order) is kept, so the registration then finds the case already released.
   */
  async report(report: ProvincialCaseReport): Promise<ReportOutcome> {
    const prior = this.#state.reports[report.eventId];
    const hash = fingerprint(report);
    if (prior) {
      if (prior.hash !== hash) return { kind: 'conflict' };
      prior.received += 1;
      await this.#save();
      return { kind: 'duplicate', color: this.colorOf(report.idDigest).color };
    }
    const now = new Date(this.#now()).toISOString();
    const person = this.#state.persons[report.idDigest] ?? { cases: {}, changedAt: now };
    const key = `${report.reporter}:${report.caseId}`;
    const current = person.cases[key] ?? {};
    person.cases[key] = report.type === 'case-registered'
      ? { ...current, category: report.category, quarantine: report.quarantine, reportedAt: report.at }
      : { ...current, releasedAt: report.at };
    person.changedAt = now;
    this.#state.persons[report.idDigest] = person;
    this.#state.reports[report.eventId] = { hash, received: 1, appliedAt: now };
    await this.#save();
    return { kind: 'applied', color: this.colorOf(report.idDigest).color };
  }

  /** Every event id received, and how often: what a test reads to see that each was applied once. */
  reports(): { eventId: string; received: number; appliedAt: string }[] {
    return Object.entries(this.#state.reports).map(([eventId, r]) => ({ eventId, received: r.received, appliedAt: r.appliedAt }));
  }

  /** Saves serially (a write never overtakes the one before), through a rename so a crash leaves the old file whole. */
  #save(): Promise<void> {
    const snapshot = JSON.stringify(this.#state);
    this.#saving = this.#saving.then(async () => {
      await writeFile(`${this.#file}.tmp`, snapshot);
      await rename(`${this.#file}.tmp`, this.#file);
    });
    return this.#saving;
  }
}
