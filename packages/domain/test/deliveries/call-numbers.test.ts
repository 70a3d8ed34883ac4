import { describe, expect, it } from 'vitest';
import { planGroupBuy } from '../../src/deliveries/call-numbers.ts';
import type { GroupBuyArrival, GroupBuyHousehold } from '../../src/deliveries/call-numbers.ts';
import { fnv1a128, groupBuyDeliveryId } from '../../src/deliveries/group-buy-delivery-id.ts';

const arrival = (households: readonly GroupBuyHousehold[], over: Partial<GroupBuyArrival> = {}): GroupBuyArrival => ({
  groupBuyId: 'gb-0312-pork', gridId: 'g1', item: 'frozen pork 2kg', arrivedAt: '2020-03-12T07:30:00+08:00', households, ...over,
});
const h = (buildingId: string, householdId: string, quantity = 1): GroupBuyHousehold => ({ buildingId, householdId, quantity });

function deliveriesOf(result: ReturnType<typeof planGroupBuy>) {
  if (!result.ok) throw new Error(result.message);
  return result.deliveries;
}

describe('planGroupBuy', () => {
  it('numbers pick-ups building by building, buildings and households in natural order', () => {
    const households = [h('B10', 'B10-101'), h('B2', 'B2-1001'), h('B2', 'B2-201'), h('B1', 'B1-302'), h('B10', 'B10-11'), h('B1', 'B1-31')];

    const deliveries = deliveriesOf(planGroupBuy(arrival(households)));

    expect(deliveries.map((x) => [x.callNumber, x.buildingId, x.householdId])).toEqual([
      [1, 'B1', 'B1-31'],
      [2, 'B1', 'B1-302'],
      [3, 'B2', 'B2-201'],
      [4, 'B2', 'B2-1001'],
      [5, 'B10', 'B10-11'],
      [6, 'B10', 'B10-101'],
    ]);
  });

  it('makes one queued delivery per household with what it ordered', () => {
    const deliveries = deliveriesOf(planGroupBuy(arrival([h('B1', 'h1', 3)]), 'dispatcher-7'));

    expect(deliveries).toEqual([{
      deliveryId: groupBuyDeliveryId('gb-0312-pork', 'h1'),
      groupBuyId: 'gb-0312-pork',
      gridId: 'g1',
      buildingId: 'B1',
      householdId: 'h1',
      kind: 'group-buy',
      items: [{ name: 'frozen pork 2kg', quantity: 3 }],
      priority: 'normal',
      requestedAt: '2020-03-12T07:30:00+08:00',
      callNumber: 1,
      status: 'queued',
      attempts: 0,
      history: [{ status: 'queued', at: '2020-03-12T07:30:00+08:00', by: 'dispatcher-7' }],
    }]);
  });

  it('keeps a hardship or medical household first at dispatch without changing its call number', () => {
    const deliveries = deliveriesOf(planGroupBuy(arrival([h('B1', 'h1'), { ...h('B1', 'h2'), priority: 'hardship' }])));

    expect(deliveries.map((x) => [x.householdId, x.callNumber, x.priority])).toEqual([['h1', 1, 'normal'], ['h2', 2, 'hardship']]);
  });

  it('gives 193 households 193 distinct call numbers 1..193 and distinct ids, ordered by building', () => {
    const households = Array.from({ length: 193 }, (_, i) => h(`B${(i % 12) + 1}`, `B${(i % 12) + 1}-${100 + i}`));

    const deliveries = deliveriesOf(planGroupBuy(arrival(households)));

    expect(deliveries.map((x) => x.callNumber)).toEqual(Array.from({ length: 193 }, (_, i) => i + 1));
    expect(new Set(deliveries.map((x) => x.deliveryId)).size).toBe(193);
    const buildingOrder = deliveries.map((x) => Number(x.buildingId.slice(1)));
    expect(buildingOrder).toEqual([...buildingOrder].sort((a, b) => a - b));
  });

  it('is idempotent: the same group-buy sent again, in any order, gives the same deliveries', () => {
    const households = [h('B2', 'h4'), h('B1', 'h2'), h('B10', 'h1'), h('B1', 'h3')];

    const first = planGroupBuy(arrival(households));
    const again = planGroupBuy(arrival([...households].reverse()));

    expect(again).toEqual(first);
  });

  it('gives another group-buy for the same households other ids', () => {
    const a = deliveriesOf(planGroupBuy(arrival([h('B1', 'h1')])));
    const b = deliveriesOf(planGroupBuy(arrival([h('B1', 'h1')], { groupBuyId: 'gb-0313-rice' })));

    expect(a[0]!.deliveryId).not.toBe(b[0]!.deliveryId);
  });

  it('refuses a household listed twice, naming each repeat by its index', () => {
    const result = planGroupBuy(arrival([h('B1', 'h1'), h('B2', 'h2'), h('B1', 'h1', 2), h('B2', 'h2'), h('B3', 'h1')]));

    expect(result).toEqual({
      ok: false,
      error: 'duplicate-household',
      message: 'households listed more than once: h1, h2',
      duplicates: [{ index: 2, householdId: 'h1' }, { index: 3, householdId: 'h2' }, { index: 4, householdId: 'h1' }],
    });
  });

  it('makes nothing of an empty list', () => {
    expect(planGroupBuy(arrival([]))).toEqual({ ok: true, deliveries: [] });
  });
});

describe('groupBuyDeliveryId', () => {
  it('is stable and has the shape of a client id (≤ 64 of letters, digits and . _ : -, starting alphanumeric)', () => {
    const id = groupBuyDeliveryId('gb-0312-pork', 'B3-1201');

    expect(groupBuyDeliveryId('gb-0312-pork', 'B3-1201')).toBe(id);
    expect(id).toMatch(/^gb-[0-9a-f]{32}$/);
    expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/);
    expect(id.length).toBeLessThanOrEqual(64);
  });

  it.each([
    // pairs that joining with a separator would confuse
    [['a.b', 'c'], ['a', 'b.c']],
    [['a:b', 'c'], ['a', 'b:c']],
    [['a-b', 'c'], ['a', 'b-c']],
    [['ab', ''], ['a', 'b']],
    [['x', 'y'], ['y', 'x']],
  ])('keeps %j and %j apart', ([g1, h1], [g2, h2]) => {
    expect(groupBuyDeliveryId(g1!, h1!)).not.toBe(groupBuyDeliveryId(g2!, h2!));
  });

  it('computes FNV-1a 128 (published test values)', () => {
    expect(fnv1a128('')).toBe('6c62272e07bb014262b821756295c58d');
    expect(fnv1a128('a')).toBe('d228cb696f1a8caf78912b704e4a8964');
    expect(fnv1a128('foobar')).toBe('343e1662793c64bf6f0d3597ba446f18');
  });

  it('hashes non-ASCII ids as their UTF-8 bytes (values from a reference implementation)', () => {
    expect(fnv1a128('3号楼')).toBe('fca8a794134ff78ce29295f19147193e'); // three-byte characters
    expect(fnv1a128('🏠')).toBe('6633bdb02b757277b806e87795403147'); // a surrogate pair, four bytes
    expect(fnv1a128('\ud83c')).toBe(fnv1a128('\ufffd')); // a lone surrogate, as TextEncoder writes it
  });
});
