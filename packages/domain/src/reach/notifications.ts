import type { CodeColor } from '../residents/resident.ts';

/**
 * What Firstline tells a household, by SMS in the cloud (its outbox locally), in Chinese: a
 * group-buy's call number called, a delivery at the door, a health code turned yellow or red, a
 * testing round's slot for the building.
 * A notification names a household (or one person of it) and a template with its values, never a
 * phone number: the notifier alone finds and opens the consented numbers.
 */
export type NotificationTemplate =
  | { readonly template: 'group-buy-call'; readonly callNumber: number; readonly item: string; readonly pickup: string }
  | { readonly template: 'delivery-at-door'; readonly item: string }
  | { readonly template: 'code-changed'; readonly color: Exclude<CodeColor, 'green'> }
  /** A testing round's slot for the household's building, its times already in the district's clock (`12月8日 08:00`, `09:00`). */
  | { readonly template: 'test-slot'; readonly kind: 'pcr' | 'antigen'; readonly from: string; readonly to: string; readonly place: string };

export type Notification = NotificationTemplate & {
  /** Once per id: a redelivered or repeated notification is not sent again. */
  readonly notificationId: string;
  readonly householdId: string;
  /** Only this person of the household (their own code); every consented member otherwise. */
  readonly personId?: string | undefined;
};

/** The SMS text of a notification: short, what happened and what to do. */
export function notificationText(n: NotificationTemplate): string {
  switch (n.template) {
    case 'group-buy-call':
      return `【社区防控】团购第 ${n.callNumber} 号，请到${n.pickup}取货（${n.item}），错峰排队，不要聚集。`;
    case 'delivery-at-door':
      return `【社区防控】您的${n.item}已送到门口，请及时取回。`;
    case 'code-changed':
      return n.color === 'red'
        ? '【社区防控】您的健康码已转为红码：请立即居家隔离，不要外出，网格员将与您联系。'
        : '【社区防控】您的健康码已转为黄码：请居家，不要外出，等待网格员联系安排核酸检测。';
    case 'test-slot':
      return n.kind === 'pcr'
        ? `【社区防控】核酸检测：请您楼栋居民于${n.from}–${n.to}到${n.place}采样，戴好口罩，间隔一米，按楼栋错峰，不要聚集。`
        : `【社区防控】抗原检测：请您楼栋居民于${n.from}–${n.to}到${n.place}检测，或在应用中上报自测结果。`;
  }
}

/** SQS delays a message at most 15 minutes: a paced call reaches that far ahead and no further. */
export const maxCallAheadSeconds = 900;

/**
 * The delay of each call number of a paced call, in order: `perMinute` numbers a minute, the first
 * at once. `undefined` when the call would reach past what can be scheduled (call in parts).
 */
export function callDelays(count: number, perMinute: number): number[] | undefined {
  const delays = Array.from({ length: count }, (_, i) => Math.floor((i * 60) / perMinute));
  return (delays.at(-1) ?? 0) > maxCallAheadSeconds ? undefined : delays;
}
