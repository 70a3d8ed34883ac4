import { describe, expect, it } from 'vitest';
import type { UrgentRequest } from '../../src/care/urgent-requests.ts';
import { escalationDue, takeStep, urgentStatus } from '../../src/care/urgent-requests.ts';

const opened = '2020-03-12T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(opened) + minutes * 60_000);
const request = (kind: UrgentRequest['kind'], steps: Partial<UrgentRequest> = {}): UrgentRequest => ({
  requestId: 'u1', householdId: 'b1-h1', buildingId: 'b1', gridId: 'g1', kind, neededAt: opened, openedBy: 'w1', openedAt: opened, ...steps,
});

describe('the clock of an urgent request', () => {
  it('waits for acknowledgement within its kind’s minutes, then escalates to the community, then the street', () => {
    const labour = request('labour');
    expect(urgentStatus(labour, at(4))).toEqual({ stage: 'waiting-acknowledgement', dueAt: at(5).toISOString(), overdue: false, escalation: 'none' });
    expect(urgentStatus(labour, at(6))).toMatchObject({ overdue: true, escalation: 'community' });
    expect(urgentStatus(labour, at(10))).toMatchObject({ escalation: 'community' });
    expect(urgentStatus(labour, at(11))).toMatchObject({ escalation: 'street' });
  });

  it('once acknowledged, waits for an arrangement within its window from opening; arranged, it is done', () => {
    const dialysis = takeStep(request('dialysis'), 'acknowledged', { by: 'w2', at: at(10).toISOString() });
    expect(urgentStatus(dialysis, at(100))).toEqual({ stage: 'waiting-arrangement', dueAt: at(120).toISOString(), overdue: false, escalation: 'none' });
    expect(urgentStatus(dialysis, at(121))).toMatchObject({ overdue: true, escalation: 'community' });
    const arranged = takeStep(dialysis, 'arranged', { by: 'w3', at: at(130).toISOString(), how: 'ambulance' });
    expect(urgentStatus(arranged, at(500))).toEqual({ stage: 'arranged', overdue: false, escalation: 'none' });
  });

  it('keeps the first of each step, and an arrangement acknowledges a request nobody had', () => {
    const first = takeStep(request('other'), 'acknowledged', { by: 'w1', at: at(1).toISOString() });
    expect(takeStep(first, 'acknowledged', { by: 'w2', at: at(2).toISOString() }).acknowledged?.by).toBe('w1');
    const arranged = takeStep(request('other'), 'arranged', { by: 'w3', at: at(3).toISOString(), how: 'doctor' });
    expect(arranged.acknowledged).toEqual({ by: 'w3', at: at(3).toISOString() });
    expect(arranged.arranged).toEqual({ by: 'w3', at: at(3).toISOString(), how: 'doctor' });
  });
});

describe('escalating a missed clock', () => {
  it('raises the community once, then the street once, and nothing for a request on time or arranged', () => {
    const labour = request('labour');
    expect(escalationDue(labour, at(4))).toBeUndefined();
    expect(escalationDue(labour, at(6))).toBe('community');
    const told = { ...labour, escalated: { to: 'community' as const, at: at(6).toISOString() } };
    expect(escalationDue(told, at(9))).toBeUndefined();
    expect(escalationDue(told, at(11))).toBe('street');
    expect(escalationDue({ ...told, escalated: { to: 'street', at: at(11).toISOString() } }, at(60))).toBeUndefined();
    // A level once raised stays in the status: the street was told, whatever the clock says since.
    expect(urgentStatus({ ...labour, escalated: { to: 'street', at: at(11).toISOString() } }, at(6)).escalation).toBe('street');
    expect(escalationDue(takeStep(labour, 'arranged', { by: 'w1', at: at(3).toISOString(), how: 'ambulance' }), at(60))).toBeUndefined();
  });
});
