/**
 * Urgent medical requests (急症就医 / 就医需求, issue 16 §2): a need that cannot wait, opened by
 * the front line, with a clock: acknowledged by a named person within N minutes, transport or a
 * doctor arranged within M (per kind). Overdue requests escalate: to the community, then, once
 * overdue by the whole window again, to the street.
 */
export const urgentKinds = ['dialysis', 'labour', 'chest-pain-stroke', 'fever-clinic', 'other'] as const;
export type UrgentKind = (typeof urgentKinds)[number];

/** Minutes from opening to acknowledgement and to arrangement. */
export interface UrgentClock {
  readonly acknowledgeMinutes: number;
  readonly arrangeMinutes: number;
}

/** Labour and stroke signs cannot wait; a dialysis session or a fever clinic has hours. */
export const urgentClocks: Readonly<Record<UrgentKind, UrgentClock>> = {
  labour: { acknowledgeMinutes: 5, arrangeMinutes: 20 },
  'chest-pain-stroke': { acknowledgeMinutes: 5, arrangeMinutes: 15 },
  dialysis: { acknowledgeMinutes: 30, arrangeMinutes: 120 },
  'fever-clinic': { acknowledgeMinutes: 30, arrangeMinutes: 180 },
  other: { acknowledgeMinutes: 15, arrangeMinutes: 60 },
};

/** One step of a request: who took it and when (server time). */
export interface UrgentStep {
  readonly by: string;
  readonly at: string;
  /** How it was arranged (ambulance, a volunteer driver, a doctor's visit …). */
  readonly how?: string | undefined;
}

export interface UrgentRequest {
  readonly requestId: string;
  readonly householdId: string;
  readonly buildingId: string;
  readonly gridId: string;
  readonly kind: UrgentKind;
  /** When the need is (a dialysis session's time; now for labour). */
  readonly neededAt: string;
  readonly note?: string | undefined;
  readonly openedBy: string;
  readonly openedAt: string;
  readonly acknowledged?: UrgentStep | undefined;
  readonly arranged?: UrgentStep | undefined;
  /** The furthest a missed clock has escalated the request, and when: each level is raised once. */
  readonly escalated?: { readonly to: Exclude<Escalation, 'none'>; readonly at: string } | undefined;
}

export type UrgentStage = 'waiting-acknowledgement' | 'waiting-arrangement' | 'arranged';
export type Escalation = 'none' | 'community' | 'street';

export interface UrgentStatus {
  readonly stage: UrgentStage;
  /** When the step it waits for is due (absent once arranged). */
  readonly dueAt?: string;
  readonly overdue: boolean;
  readonly escalation: Escalation;
}

const minutes = (n: number) => n * 60_000;
const escalationRank: Readonly<Record<Escalation, number>> = { none: 0, community: 1, street: 2 };

/** Where a request stands at `now`: the step it waits for, whether that is overdue, and how far it has escalated. */
export function urgentStatus(request: UrgentRequest, now: Date): UrgentStatus {
  if (request.arranged) return { stage: 'arranged', overdue: false, escalation: 'none' };
  const clock = urgentClocks[request.kind];
  const window = request.acknowledged ? clock.arrangeMinutes : clock.acknowledgeMinutes;
  const due = Date.parse(request.openedAt) + minutes(window);
  const late = now.getTime() - due;
  const byClock: Escalation = late <= 0 ? 'none' : late <= minutes(window) ? 'community' : 'street';
  // Once raised, a level stays: the community or the street was told, and an acknowledgement restarts no clock of theirs.
  const raised = request.escalated?.to ?? 'none';
  return {
    stage: request.acknowledged ? 'waiting-arrangement' : 'waiting-acknowledgement',
    dueAt: new Date(due).toISOString(),
    overdue: late > 0,
    escalation: escalationRank[raised] > escalationRank[byClock] ? raised : byClock,
  };
}

/** The step a request takes next; a repeat of a step taken keeps the first; arranging also acknowledges. */
export function takeStep(request: UrgentRequest, step: 'acknowledged' | 'arranged', taken: UrgentStep): UrgentRequest {
  if (step === 'acknowledged') return request.acknowledged ? request : { ...request, acknowledged: taken };
  if (request.arranged) return request;
  const { how: _how, ...acknowledgement } = taken;
  return { ...request, acknowledged: request.acknowledged ?? acknowledgement, arranged: taken };
}


/**
 * The level a request should be escalated to now that was not raised yet (undefined when there is
 * none): the watch raises each level once, so the community and then the street are told once each.
 */
export function escalationDue(request: UrgentRequest, now: Date): Exclude<Escalation, 'none'> | undefined {
  const { escalation } = urgentStatus(request, now);
  if (escalation === 'none' || escalation === request.escalated?.to) return undefined;
  return escalation;
}
