import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import type { PhoneOpener, PhoneSealer, SealedPhone } from '@firstline/domain';
import {
  b64, checkSealedShape, contactAad, dataKeyBytes, gcmDecrypt, gcmEncrypt, ivBytes, openWithDataKey, sealWithDataKey, SealedPhoneRejected, tagBytes, unb64,
} from './phone-envelope.ts';

/*
 * The local runtime's stand-in for KMS: the data key is wrapped ECIES-style to an X25519 key pair
 * whose public half is given to the functions that seal and whose private half only to the notifier.
 *   ephemeral X25519 pair → shared = X25519(ephemeral private, recipient public)
 *   KEK = HKDF-SHA256(shared, salt = ephemeral public, info = "firstline contact" ‖ 0 ‖ district)
 *   wrappedKey = ephemeral public (32) ‖ iv (12) ‖ tag (16) ‖ AES-256-GCM(KEK, data key) (32)
 */

/** An X25519 public key as a JWK: what a sealing function's key file holds (`{"publicKey": …}`). */
export type ContactPublicJwk = {
  readonly kty: 'OKP';
  readonly crv: 'X25519';
  readonly x: string;
};

/** The private half, with `d`: the notifier's key file alone holds it (`{"privateKey": …}`). */
export type ContactPrivateJwk = ContactPublicJwk & {
  readonly d: string;
};

const publicKeyBytes = 32;
const wrappedKeyBytes = publicKeyBytes + ivBytes + tagBytes + dataKeyBytes;
const kekInfo = (district: string) => Buffer.from(`firstline contact\u0000${district}`, 'utf8');

function keyEncryptionKey(shared: Buffer, ephemeralPublic: Buffer, district: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, ephemeralPublic, kekInfo(district), dataKeyBytes));
}

const isKeyPart = (value: unknown): value is string => typeof value === 'string' && Buffer.from(value, 'base64url').length === publicKeyBytes;

function publicJwkOf(key: KeyObject): ContactPublicJwk {
  const { x } = key.export({ format: 'jwk' });
  return { kty: 'OKP', crv: 'X25519', x: x! };
}

/** A fresh contact key pair for a local district: the runtime writes each half to its own file. */
export function generateContactKeyPair(): { readonly publicJwk: ContactPublicJwk; readonly privateJwk: ContactPrivateJwk } {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const publicJwk = publicJwkOf(publicKey);
  return { publicJwk, privateJwk: { ...publicJwk, d: privateKey.export({ format: 'jwk' }).d! } };
}

/** Seals numbers locally with the public contact key: it can never open one. */
export class LocalPhoneSealer implements PhoneSealer {
  readonly #recipient: KeyObject;
  readonly #district: string;

  private constructor(recipient: KeyObject, district: string) {
    this.#recipient = recipient;
    this.#district = district;
  }

  /** Refuses a private JWK: a sealing function given the private half could open every number. */
  static fromPublicJwk(jwk: JsonWebKey, district: string): LocalPhoneSealer {
    if (jwk === null || typeof jwk !== 'object' || 'd' in jwk) throw new Error('a phone sealer takes the public contact key only (an X25519 JWK without "d")');
    if (jwk.kty !== 'OKP' || jwk.crv !== 'X25519' || !isKeyPart(jwk.x)) throw new Error('the contact public key must be an X25519 JWK');
    return new LocalPhoneSealer(createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: jwk.x }, format: 'jwk' }), district);
  }

  async seal(phone: string): Promise<SealedPhone> {
    const dataKey = randomBytes(dataKeyBytes);
    try {
      const sealed = sealWithDataKey(dataKey, phone, this.#district);
      const ephemeral = generateKeyPairSync('x25519');
      const ephemeralPublic = Buffer.from(publicJwkOf(ephemeral.publicKey).x, 'base64url');
      const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: this.#recipient });
      const kek = keyEncryptionKey(shared, ephemeralPublic, this.#district);
      shared.fill(0);
      const wrapped = gcmEncrypt(kek, dataKey, contactAad(this.#district));
      kek.fill(0);
      return { ...sealed, wrappedKey: b64(Buffer.concat([ephemeralPublic, wrapped.iv, wrapped.tag, wrapped.ciphertext])) };
    } finally {
      dataKey.fill(0);
    }
  }
}

/** Opens numbers locally with the private contact key: the notifier's alone. */
export class LocalPhoneOpener implements PhoneOpener {
  readonly #privateKey: KeyObject;
  readonly #district: string;

  private constructor(privateKey: KeyObject, district: string) {
    this.#privateKey = privateKey;
    this.#district = district;
  }

  static fromPrivateJwk(jwk: JsonWebKey, district: string): LocalPhoneOpener {
    if (jwk?.kty !== 'OKP' || jwk.crv !== 'X25519' || !isKeyPart(jwk.x) || !isKeyPart(jwk.d)) throw new Error('the contact private key must be an X25519 JWK with "d"');
    return new LocalPhoneOpener(createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x: jwk.x, d: jwk.d }, format: 'jwk' }), district);
  }

  async open(sealed: SealedPhone): Promise<string> {
    checkSealedShape(sealed);
    const wrappedKey = unb64(sealed.wrappedKey, 'wrapped key', wrappedKeyBytes);
    const ephemeralPublic = wrappedKey.subarray(0, publicKeyBytes);
    let shared: Buffer;
    try {
      const ephemeral = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64(ephemeralPublic) }, format: 'jwk' });
      shared = diffieHellman({ privateKey: this.#privateKey, publicKey: ephemeral });
    } catch {
      // A point of small order makes X25519 refuse: only an altered wrapped key carries one.
      throw new SealedPhoneRejected('its wrapped key holds no usable public key');
    }
    const kek = keyEncryptionKey(shared, ephemeralPublic, this.#district);
    shared.fill(0);
    let at = publicKeyBytes;
    const take = (length: number) => wrappedKey.subarray(at, (at += length));
    const parts = { iv: take(ivBytes), tag: take(tagBytes), ciphertext: take(dataKeyBytes) };
    let dataKey: Buffer;
    try {
      dataKey = gcmDecrypt(kek, parts, contactAad(this.#district), 'the wrapped key');
    } finally {
      kek.fill(0);
    }
    try {
      return openWithDataKey(dataKey, sealed, this.#district);
    } finally {
      dataKey.fill(0);
    }
  }
}
