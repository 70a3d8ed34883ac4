import { createHmac } from 'node:crypto';

/**
 * The holder's ID-number digest as the province defines it for its codes and reports: HMAC-SHA256
 * under the identity salt the province gives the systems it accredits, base64url (43 characters).
 * Keyed, so that a stored digest cannot be turned back into an ID number by trying every number
 * (an 18-digit ID number has far too few possibilities for a plain hash to hide it).
 */
export function provincialIdDigest(identitySalt: string, idNumber: string): string {
  return createHmac('sha256', identitySalt).update(`id:${idNumber.trim().toUpperCase()}`).digest('base64url');
}
