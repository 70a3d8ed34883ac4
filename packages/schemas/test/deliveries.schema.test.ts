import { describe, expect, it } from 'vitest';
import { listDeliveriesQuery } from '../src/deliveries.schema.ts';

const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
const lastKey = { pk: 'DEL#d1', sk: 'DELIVERY', gsi1pk: 'GRIDDEL#g1', gsi1sk: 'queued#2020-03-12T09:00:00+08:00#d1' };

describe('the deliveries page cursor', () => {
  it('takes a cursor the API gave out, for its grid and status', () => {
    for (const query of [
      { gridId: 'g1', next: cursor(lastKey) },
      { gridId: 'g1', status: 'queued', next: cursor(lastKey) },
      { gridId: 'g1', next: '' },
      { gridId: 'g1' },
    ]) {
      expect(listDeliveriesQuery.safeParse(query).success, JSON.stringify(query)).toBe(true);
    }
  });

  // Found by test/integration/fuzz.test.ts: each of these reached DynamoDB as ExclusiveStartKey and came back as a 500.
  it.each([
    ['JSON false', cursor(false)],
    ['JSON null', cursor(null)],
    ['an array', cursor([lastKey])],
    ['a key without the table keys', cursor({ gsi1pk: 'GRIDDEL#g1' })],
    ['a key with a number', cursor({ ...lastKey, gsi1sk: 1 })],
    ['a key with an empty string', cursor({ ...lastKey, pk: '' })],
    ['a key with an extra attribute', cursor({ ...lastKey, expiresAt: '1' })],
    ['not base64url', '!!!'],
    ['not JSON', Buffer.from('{"pk":').toString('base64url')],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')],
  ])('refuses %s with a 400-style issue on next', (_, next) => {
    const parsed = listDeliveriesQuery.safeParse({ gridId: 'g1', next });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['next']);
  });

  it('refuses a cursor of another grid, or of another status than the query asks for', () => {
    const otherGrid = listDeliveriesQuery.safeParse({ gridId: 'g2', next: cursor(lastKey) });
    const otherStatus = listDeliveriesQuery.safeParse({ gridId: 'g1', status: 'cancelled', next: cursor(lastKey) });

    expect(otherGrid.error?.issues).toMatchObject([{ path: ['next'], message: 'cursor is for another grid' }]);
    expect(otherStatus.error?.issues).toMatchObject([{ path: ['next'], message: 'cursor is for another status' }]);
  });
});
