import { createHmac } from 'node:crypto';
import type { Pseudonymizer } from '@firstline/domain';

/** HMAC-SHA256 under the district key: ID numbers never leave the function that hashed them. */
export function hmacPseudonymizer(key: string): Pseudonymizer {
  const mac = (value: string) => createHmac('sha256', key).update(value).digest('base64url');
  return {
    // Normalised so that a lower-case check letter (x) and stray spaces name the same person.
    personId: (idNumber) => `p_${mac(`id:${idNumber.trim().toUpperCase()}`).slice(0, 24)}`,
    fingerprint: (parts) => mac(`fp:${parts.join('\u0000')}`).slice(0, 24),
  };
}
