/**
 * A phone number sealed for the notifier (envelope encryption): the number under AES-256-GCM with
 * a fresh data key, and that data key wrapped so that only the notifier can unwrap it (by AWS KMS
 * in the cloud, to an X25519 key whose private half is a file only the notifier is given locally).
 * Every field base64url.
 */
export interface SealedPhone {
  readonly ciphertext: string;
  readonly iv: string;
  readonly tag: string;
  readonly wrappedKey: string;
}

/** What the functions that take a consented number hold: they can seal, never open. */
export interface PhoneSealer {
  seal(phone: string): Promise<SealedPhone>;
}

/** What the notifier alone holds. */
export interface PhoneOpener {
  open(sealed: SealedPhone): Promise<string>;
}
