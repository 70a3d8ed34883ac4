import { describe, expect, it } from 'vitest';
import { ValidationError } from '@firstline/domain';
import { pageCursor } from '../../src/dynamodb/page-cursor.ts';

const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
const lastKey = { pk: 'DEL#d1', sk: 'DELIVERY', gsi1pk: 'GRIDDEL#g1', gsi1sk: 'queued#2020-03-12T09:00:00+08:00#d1' };
const pages = pageCursor(['pk', 'sk', 'gsi1pk', 'gsi1sk']);
const ofGrid = (grid: string, status?: string) => ({ equal: { gsi1pk: `GRIDDEL#${grid}` }, ...(status ? { prefix: { gsi1sk: `${status}#` } } : {}) });

/** The issue the decode throws, as a client sees it: the field and its message. */
function refusal(next: string, expected = ofGrid('g1')) {
  try {
    pages.decode(next, expected);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).details;
  }
}

describe('the deliveries page cursor', () => {
  it('takes back a cursor it gave out, for its grid and status; none is the first page', () => {
    expect(pages.decode(pages.encode(lastKey), ofGrid('g1'))).toEqual(lastKey);
    expect(pages.decode(cursor(lastKey), ofGrid('g1', 'queued'))).toEqual(lastKey);
    expect(pages.decode('', ofGrid('g1'))).toBeUndefined();
    expect(pages.decode(undefined, ofGrid('g1'))).toBeUndefined();
    expect(pages.encode(undefined)).toBeUndefined();
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
  ])('refuses %s as a 400 on next', (_, next) => {
    expect(refusal(next)).toEqual([{ path: 'next', message: 'not a cursor this API gave out' }]);
  });

  it('refuses a cursor of another grid, or of another status than the query asks for', () => {
    expect(refusal(cursor(lastKey), ofGrid('g2'))).toEqual([{ path: 'next', message: 'cursor is for another list' }]);
    expect(refusal(cursor(lastKey), ofGrid('g1', 'cancelled'))).toEqual([{ path: 'next', message: 'cursor is for another status' }]);
  });
});
