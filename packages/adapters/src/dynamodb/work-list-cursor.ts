import { ValidationError } from '@firstline/domain';

/**
 * The opaque `nextCursor` of a work list: the sort key of the last item given out, base64url. It is
 * only ever a key condition's bound (never an `ExclusiveStartKey`), and it is taken back only when
 * it has the shape of the list's own keys, so a forged cursor can at most start a page elsewhere
 * within what the caller may read.
 */
export function workListCursor(shape: RegExp) {
  return {
    encode: (sortKey: string | undefined): string | undefined => (sortKey === undefined ? undefined : Buffer.from(sortKey).toString('base64url')),
    decode(cursor: string | undefined): string | undefined {
      if (cursor === undefined || cursor === '') return undefined;
      let text = '';
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(cursor, 'base64url'));
      } catch {
        text = '';
      }
      if (!shape.test(text)) throw new ValidationError('bad page cursor', [{ path: 'cursor', message: 'not a cursor this list gave out' }]);
      return text;
    },
  };
}

/** The first `limit` of several partitions' pages, in sort-key order; `last` when more follow. */
export function mergePages<T>(pages: readonly (readonly { readonly sk: string; readonly item: T }[])[], limit: number): { items: T[]; last?: string } {
  const all = pages.flat().sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
  const page = all.slice(0, limit);
  return { items: page.map((p) => p.item), ...(all.length > limit ? { last: page.at(-1)!.sk } : {}) };
}
