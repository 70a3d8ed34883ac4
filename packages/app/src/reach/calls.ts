import type { StoredDelivery } from '@firstline/domain';
import { callDelays, ValidationError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

export interface GroupBuyCall {
  readonly groupBuyId: string;
  readonly gridId: string;
  /** The call numbers to call, both included; `to` defaults to the last. */
  readonly from: number;
  readonly to?: number | undefined;
  /** How many numbers a minute: the pace the dispatcher sets so the pickup point never crowds. */
  readonly perMinute: number;
  /** Where to collect (北门): said in every message. */
  readonly pickup: string;
}

/**
 * Calls a group-buy's numbers in order (building by building, as they were given), `perMinute` a
 * minute: one notification per call number, each delayed to its turn. Named by group-buy and call
 * number, so calling again (a retried request) notifies nobody twice. A call reaching further than
 * 15 minutes ahead is a 400: call the rest later.
 */
export async function callGroupBuy(ports: Pick<DistrictPorts, 'deliveries' | 'notifications'>, call: GroupBuyCall) {
  const deliveries = (await groupBuyDeliveries(ports, call.gridId, call.groupBuyId)).filter((d) => d.callNumber !== undefined);
  if (deliveries.length === 0) throw new ValidationError('no such group-buy in the grid', [{ path: 'groupBuyId', message: `no group-buy ${call.groupBuyId} in ${call.gridId}` }]);
  const to = call.to ?? Math.max(...deliveries.map((d) => d.callNumber!));
  const called = deliveries.filter((d) => d.callNumber! >= call.from && d.callNumber! <= to).sort((a, b) => a.callNumber! - b.callNumber!);
  const delays = callDelays(called.length, call.perMinute);
  if (!delays) throw new ValidationError('a call reaches too far ahead', [{ path: 'to', message: `at ${call.perMinute} a minute, call at most ${call.perMinute * 15 + 1} numbers at once` }]);
  await ports.notifications.send(called.map((d, i) => ({
    notification: {
      notificationId: `gb-${call.groupBuyId}-${d.callNumber}`, householdId: d.householdId, template: 'group-buy-call' as const,
      callNumber: d.callNumber!, item: d.items[0]?.name ?? '', pickup: call.pickup,
    },
    delaySeconds: delays[i]!,
  })));
  return { groupBuyId: call.groupBuyId, called: called.map((d, i) => ({ callNumber: d.callNumber!, inSeconds: delays[i]! })) };
}

async function groupBuyDeliveries(ports: Pick<DistrictPorts, 'deliveries'>, gridId: string, groupBuyId: string): Promise<StoredDelivery[]> {
  const found: StoredDelivery[] = [];
  let cursor: string | undefined;
  do {
    const page = await ports.deliveries.byGrid(gridId, undefined, 500, cursor);
    found.push(...page.items.filter((d) => d.groupBuyId === groupBuyId));
    cursor = page.next;
  } while (cursor);
  return found;
}
