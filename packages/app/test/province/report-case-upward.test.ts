import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '@firstline/domain/health-codes/index';
import { ProvinceUnavailableError } from '@firstline/domain/health-codes/index';
import { announceCaseEvents, caseRegistered, caseReleased } from '../../src/province/case-events.ts';
import { ProvincialIdentityMissingError, reportBackoffSeconds, reportCaseUpward } from '../../src/province/report-case-upward.ts';
import type { UpwardPorts } from '../../src/province/report-case-upward.ts';
import { FakeLedger, FakePeople, FakeProvince } from './fakes.ts';

const personId = 'p_registeredPerson000001';
const digest = 'D'.repeat(43);
const aCase = { caseId: 'case-1', personId, category: 'close-contact', quarantine: 'home', reportedAt: '2020-03-12T09:00:00+08:00' } as const;

async function upward(): Promise<UpwardPorts & { service: FakeProvince; people: FakePeople; ledger: FakeLedger }> {
  const people = new FakePeople();
  await people.link(personId, digest);
  return { district: 'demo', service: new FakeProvince(), people, ledger: new FakeLedger() };
}

describe('reportCaseUpward', () => {
  it('reports a registration with the digest and keeps the province’s colour as last seen', async () => {
    // Prepare
    const ports = await upward();

    // Act
    const outcome = await reportCaseUpward(ports, caseRegistered('demo', aCase));

    // Assess
    expect(outcome).toEqual({ outcome: 'reported', color: 'yellow' });
    expect([...ports.service.reports.values()]).toEqual([{
      eventId: 'demo:case-1:registered', type: 'case-registered', reporter: 'demo', caseId: 'case-1', idDigest: digest,
      category: 'close-contact', quarantine: 'home', at: aCase.reportedAt,
    }]);
    expect((await ports.people.lookup(digest))?.lastColor?.color).toBe('yellow');
  });

  it('does not call the province again for a redelivered event', async () => {
    const ports = await upward();
    const event = caseRegistered('demo', aCase);
    await reportCaseUpward(ports, event);
    const again = await reportCaseUpward(ports, event);
    expect(again).toEqual({ outcome: 'already-reported', color: 'yellow' });
    expect(ports.service.calls).toBe(1);
  });

  it('after a crash between the province and the ledger, the redelivery is the province’s duplicate: counted once', async () => {
    // Prepare: the first attempt reached the province, then the consumer died before its ledger write.
    const ports = await upward();
    const event = caseRegistered('demo', aCase);
    const failingLedger = { reported: ports.ledger.reported.bind(ports.ledger), record: async () => { throw new Error('killed'); } };
    await expect(reportCaseUpward({ ...ports, ledger: failingLedger }, event)).rejects.toThrow('killed');

    // Act
    const outcome = await reportCaseUpward(ports, event);

    // Assess
    expect(outcome.outcome).toBe('duplicate');
    expect(ports.service.reports.size).toBe(1);
    expect(ports.ledger.entries.has(event.eventId)).toBe(true);
  });

  it('lets an unavailable province fail the message, with nothing written to the ledger', async () => {
    const ports = await upward();
    ports.service.down = true;
    await expect(reportCaseUpward(ports, caseRegistered('demo', aCase))).rejects.toBeInstanceOf(ProvinceUnavailableError);
    expect(ports.ledger.entries.size).toBe(0);
  });

  it('names a person without a provincial link, so the message is dead-lettered and redriven once linked', async () => {
    const ports = await upward();
    const event: CaseEvent = caseRegistered('demo', { ...aCase, personId: 'p_neverLinkedPerson00001' });
    await expect(reportCaseUpward(ports, event)).rejects.toBeInstanceOf(ProvincialIdentityMissingError);
    expect(ports.service.calls).toBe(0);
  });

  it('reports a release as its own event, after the registration', async () => {
    const ports = await upward();
    await reportCaseUpward(ports, caseRegistered('demo', aCase));
    ports.service.colorAfterReport = 'green';
    const outcome = await reportCaseUpward(ports, caseReleased('demo', aCase, '2020-03-20T09:00:00+08:00'));
    expect(outcome).toEqual({ outcome: 'reported', color: 'green' });
    expect(ports.service.reports.get('demo:case-1:released')).toMatchObject({ type: 'case-released', at: '2020-03-20T09:00:00+08:00' });
  });
});

describe('announceCaseEvents', () => {
  it('queues events when the district has a queue, and does nothing without one', async () => {
    const sent: CaseEvent[][] = [];
    await announceCaseEvents({ announce: async (events) => void sent.push([...events]) }, [caseRegistered('demo', aCase)]);
    await announceCaseEvents(undefined, [caseRegistered('demo', aCase)]);
    expect(sent).toHaveLength(1);
    expect(sent[0]![0]!.eventId).toBe('demo:case-1:registered');
  });
});

describe('reportBackoffSeconds', () => {
  it('doubles from 10 s and stops at 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => reportBackoffSeconds(n))).toEqual([10, 20, 40, 80, 160, 300, 300]);
  });

  it('takes a shorter base where tests cannot wait', () => {
    expect([1, 2, 3].map((n) => reportBackoffSeconds(n, 1))).toEqual([1, 2, 4]);
  });
});
