// FNV-1a, 128-bit (http://www.isthe.com/chongo/tech/comp/fnv/). Not a cryptographic hash: the
// ids only need to be deterministic and, for honest inputs, distinct; a dispatcher who forged a
// collision would only collide with their own group-buy, and the API answers a same-id,
// different-body create with 409 rather than overwriting.
const fnvPrime = 0x0000000001000000000000000000013bn;
const fnvOffset = 0x6c62272e07bb014262b821756295c58dn;
const mask128 = (1n << 128n) - 1n;

function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // A lone surrogate becomes U+FFFD, as TextEncoder does.
    const c = cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return bytes;
}

/** FNV-1a 128 of the UTF-8 bytes of `text`, as 32 lower-case hex digits. */
export function fnv1a128(text: string): string {
  let h = fnvOffset;
  for (const byte of utf8(text)) h = ((h ^ BigInt(byte)) * fnvPrime) & mask128;
  return h.toString(16).padStart(32, '0');
}

/**
 * The id of the delivery a group-buy creates for a household: the same pair always gives the
 * same id, so a re-sent group-buy lands on the deliveries it already created.
 *
 * A hash rather than the two ids joined: joined ids would exceed the API's 64-character id limit
 * and could collide ("a.b"+"c" and "a"+"b.c"). The pair is hashed as a JSON array so no id can
 * forge the separator. The result (`gb-` and 32 hex digits) is a valid client id in shape.
 */
export function groupBuyDeliveryId(groupBuyId: string, householdId: string): string {
  return `gb-${fnv1a128(JSON.stringify(['group-buy/v1', groupBuyId, householdId]))}`;
}
