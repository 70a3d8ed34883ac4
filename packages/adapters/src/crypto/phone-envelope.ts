import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedPhone } from '@firstline/domain';

/*
 * Envelope encryption of a consented phone number: the number under AES-256-GCM with a fresh
 * random data key, the data key wrapped for the notifier alone (by KMS in the cloud, to an X25519
 * key locally: `kms-phone-key.ts`, `local-phone-key.ts`). This file holds the part both share.
 */

/** What a sealed number is for; bound into every ciphertext and, in the cloud, into KMS's encryption context. */
export const contactPurpose = 'contact';

export const dataKeyBytes = 32;
export const ivBytes = 12;
export const tagBytes = 16;

/**
 * A sealed number that cannot be opened here: altered, cut short, sealed for another district or
 * purpose, or wrapped for another key. Never a passing failure (that is any other error, such as KMS
 * throttling): retrying will not open it. The message never holds any part of the number.
 */
export class SealedPhoneRejected extends Error {
  override readonly name = 'SealedPhoneRejected';

  constructor(why: string) {
    super(`the sealed phone number cannot be opened: ${why}`);
  }
}

/**
 * The additional authenticated data of a district's sealed numbers: a number sealed for one district
 * (or for another purpose) fails authentication anywhere else, even with the right key.
 */
export const contactAad = (district: string): Buffer => Buffer.from(JSON.stringify({ purpose: contactPurpose, district }), 'utf8');

export const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/** Decodes one base64url field, refusing anything that is not exactly that (Node's decoder skips junk). */
export function unb64(field: string, what: string, length?: number): Buffer {
  const bytes = typeof field === 'string' ? Buffer.from(field, 'base64url') : undefined;
  if (!bytes || bytes.length === 0 || bytes.toString('base64url') !== field || (length !== undefined && bytes.length !== length)) {
    throw new SealedPhoneRejected(`its ${what} is malformed`);
  }
  return bytes;
}

/** AES-256-GCM under `key` with a fresh IV. */
export function gcmEncrypt(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): { readonly iv: Buffer; readonly tag: Buffer; readonly ciphertext: Buffer } {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes }).setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

/** The plaintext, or `SealedPhoneRejected` when anything (key, IV, tag, AAD, ciphertext) does not match. */
export function gcmDecrypt(key: Uint8Array, sealed: { readonly iv: Uint8Array; readonly tag: Uint8Array; readonly ciphertext: Uint8Array }, aad: Uint8Array, what: string): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: tagBytes }).setAAD(aad).setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    throw new SealedPhoneRejected(`${what} fails authentication (altered, or sealed for another district or key)`);
  }
}

/** Seals the number under a data key the caller made and will wrap; the caller wipes the key after. */
export function sealWithDataKey(dataKey: Uint8Array, phone: string, district: string): Omit<SealedPhone, 'wrappedKey'> {
  if (typeof phone !== 'string' || phone.length === 0) throw new TypeError('there is no phone number to seal');
  if (dataKey.length !== dataKeyBytes) throw new Error(`a data key is ${dataKeyBytes} bytes`);
  const { iv, tag, ciphertext } = gcmEncrypt(dataKey, Buffer.from(phone, 'utf8'), contactAad(district));
  return { ciphertext: b64(ciphertext), iv: b64(iv), tag: b64(tag) };
}

/** Opens the number with its unwrapped data key. */
export function openWithDataKey(dataKey: Uint8Array, sealed: SealedPhone, district: string): string {
  if (dataKey.length !== dataKeyBytes) throw new SealedPhoneRejected('its data key is not 32 bytes');
  const parts = {
    iv: unb64(sealed.iv, 'iv', ivBytes),
    tag: unb64(sealed.tag, 'tag', tagBytes),
    ciphertext: unb64(sealed.ciphertext, 'ciphertext'),
  };
  return gcmDecrypt(dataKey, parts, contactAad(district), 'the number').toString('utf8');
}

/** Every field present and a string: what a stored record must look like before any decoding. */
export function checkSealedShape(sealed: SealedPhone): void {
  for (const field of ['ciphertext', 'iv', 'tag', 'wrappedKey'] as const) {
    if (typeof sealed?.[field] !== 'string' || sealed[field] === '') throw new SealedPhoneRejected(`its ${field} is missing`);
  }
}
