import type { JsonWebKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PhoneOpener, PhoneSealer } from '@firstline/domain';
import { envNames } from '@firstline/service/env';
import type { KmsClientLike } from './kms-phone-key.ts';
import { KmsPhoneOpener, KmsPhoneSealer } from './kms-phone-key.ts';
import { LocalPhoneOpener, LocalPhoneSealer } from './local-phone-key.ts';

/** Where a function's contact key is: the district's KMS key (cloud), or its half of the local key pair. */
export type ContactKeySource = { readonly keyId: string } | { readonly file: string };

/** Injected in tests; in a function the KMS client is made on first use. */
export interface ContactKeyOptions {
  readonly kms?: KmsClientLike;
}

const noKey = (fileVariable: string) =>
  new Error(`this function was given no contact key: neither ${envNames.contactKeyId} (KMS) nor ${fileVariable} (local) is set; declare contactKey in the manifest`);

async function readKeyFile(file: string): Promise<Record<string, unknown>> {
  const text = await readFile(file, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the text around the fault, which is key material.
    throw new Error(`the contact key file ${file} is not JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`the contact key file ${file} must hold a JSON object`);
  return value as Record<string, unknown>;
}

/**
 * A sealer from its source: KMS, or the key file `{"publicKey": <X25519 JWK>}`. A file that also
 * holds the private key is refused: it would let a sealing function open numbers.
 */
export async function phoneSealerAt(source: ContactKeySource | undefined, district: string, options: ContactKeyOptions = {}): Promise<PhoneSealer> {
  if (!source) throw noKey(envNames.contactSealKeyFile);
  if ('keyId' in source) return new KmsPhoneSealer({ keyId: source.keyId, district, ...(options.kms ? { client: options.kms } : {}) });
  const value = await readKeyFile(source.file);
  if ('privateKey' in value) throw new Error(`the contact key file ${source.file} of a sealing function must hold the public key only, not privateKey`);
  if (!value['publicKey']) throw new Error(`the contact key file ${source.file} must hold publicKey (an X25519 JWK)`);
  return LocalPhoneSealer.fromPublicJwk(value['publicKey'] as JsonWebKey, district);
}

/** An opener from its source: KMS, or the key file `{"privateKey": <X25519 JWK with d>}`. */
export async function phoneOpenerAt(source: ContactKeySource | undefined, district: string, options: ContactKeyOptions = {}): Promise<PhoneOpener> {
  if (!source) throw noKey(envNames.contactOpenKeyFile);
  if ('keyId' in source) return new KmsPhoneOpener({ keyId: source.keyId, district, ...(options.kms ? { client: options.kms } : {}) });
  const value = await readKeyFile(source.file);
  if (!value['privateKey']) throw new Error(`the contact key file ${source.file} must hold privateKey (an X25519 JWK with "d")`);
  return LocalPhoneOpener.fromPrivateJwk(value['privateKey'] as JsonWebKey, district);
}
