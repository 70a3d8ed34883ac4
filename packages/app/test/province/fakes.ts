import type { CodeColor } from '@firstline/domain';
import type {
  ProvinceReportLedger, ProvincialCaseReport, ProvincialKeyring, ProvincialPeoplePort, ProvincialPerson, ProvincialService, ProvincialVerification,
} from '@firstline/domain/health-codes/index';
import { ProvinceUnavailableError } from '@firstline/domain/health-codes/index';

/** People the district registered, by digest, with the colour last seen; nothing kept for digests not linked. */
export class FakePeople implements ProvincialPeoplePort {
  readonly byDigest = new Map<string, { personId: string; lastColor?: { color: CodeColor; seenAt: string } }>();
  readonly remembered: { idDigest: string; color: CodeColor }[] = [];

  async lookup(idDigest: string): Promise<ProvincialPerson | undefined> {
    return this.byDigest.get(idDigest);
  }

  async digestOf(personId: string): Promise<string | undefined> {
    return [...this.byDigest].find(([, p]) => p.personId === personId)?.[0];
  }

  async link(personId: string, idDigest: string): Promise<void> {
    this.byDigest.set(idDigest, { ...this.byDigest.get(idDigest), personId });
  }

  async rememberColor(idDigest: string, color: CodeColor, seenAt: Date): Promise<void> {
    const person = this.byDigest.get(idDigest);
    if (!person) return;
    this.remembered.push({ idDigest, color });
    person.lastColor = { color, seenAt: seenAt.toISOString() };
  }
}

export class FakeLedger implements ProvinceReportLedger {
  readonly entries = new Map<string, { at: string; color: CodeColor }>();
  async reported(eventId: string) {
    return this.entries.get(eventId);
  }
  async record(eventId: string, outcome: { at: string; color: CodeColor }) {
    this.entries.set(eventId, outcome);
  }
}

/** A province that keeps one report per event id and can be made to fail. */
export class FakeProvince implements ProvincialService {
  readonly reports = new Map<string, ProvincialCaseReport>();
  calls = 0;
  down = false;
  colorAfterReport: CodeColor = 'yellow';
  verification: ProvincialVerification | undefined;

  async verifyCode(): Promise<ProvincialVerification> {
    this.calls += 1;
    if (this.down || !this.verification) throw new ProvinceUnavailableError('province: no answer within 300 ms');
    return this.verification;
  }

  async personColor(): Promise<{ color: CodeColor; asOf: Date }> {
    throw new Error('not used');
  }

  async reportCase(report: ProvincialCaseReport): Promise<{ duplicate: boolean; color: CodeColor }> {
    this.calls += 1;
    if (this.down) throw new ProvinceUnavailableError('province: answered 503');
    const duplicate = this.reports.has(report.eventId);
    if (!duplicate) this.reports.set(report.eventId, report);
    return { duplicate, color: this.colorAfterReport };
  }
}

export class FakeKeyring implements ProvincialKeyring {
  answer: ProvincialVerification = { ok: false, why: 'signature' };
  calls = 0;
  async verifyOffline(): Promise<ProvincialVerification> {
    this.calls += 1;
    return this.answer;
  }
}
