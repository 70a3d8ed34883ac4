import { ValidationError } from '@firstline/domain';

type Key = Record<string, string>;

/**
 * The opaque `next` of a paged list: DynamoDB's last evaluated key, base64url JSON. A cursor is
 * taken back only if it has exactly the index's key attributes, each a non-empty string, and
 * belongs to the list being read (`expected`: attribute values it must have, or prefixes they must
 * start with) — a forged cursor must never reach DynamoDB as an `ExclusiveStartKey`.
 */
export function pageCursor(attributes: readonly string[]) {
  return {
    encode(key: Record<string, unknown> | undefined): string | undefined {
      return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
    },
    decode(cursor: string | undefined, expected: { equal?: Key; prefix?: Key } = {}): Key | undefined {
      if (!cursor) return undefined;
      const refuse = (message: string): never => {
        throw new ValidationError('bad page cursor', [{ path: 'next', message }]);
      };
      let key: unknown;
      try {
        key = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(cursor, 'base64url')));
      } catch {
        return refuse('not a cursor this API gave out');
      }
      if (typeof key !== 'object' || key === null || Array.isArray(key)) return refuse('not a cursor this API gave out');
      const entries = Object.entries(key);
      const wellFormed = entries.length === attributes.length
        && entries.every(([k, v]) => attributes.includes(k) && typeof v === 'string' && v.length > 0);
      if (!wellFormed) return refuse('not a cursor this API gave out');
      const found = key as Key;
      if (Object.entries(expected.equal ?? {}).some(([k, v]) => found[k] !== v)) return refuse('cursor is for another list');
      if (Object.entries(expected.prefix ?? {}).some(([k, v]) => !found[k]!.startsWith(v))) return refuse('cursor is for another status');
      return found;
    },
  };
}
