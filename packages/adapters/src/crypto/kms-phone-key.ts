import type { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { PhoneOpener, PhoneSealer, SealedPhone } from '@firstline/domain';
import { b64, checkSealedShape, contactPurpose, dataKeyBytes, openWithDataKey, sealWithDataKey, SealedPhoneRejected, unb64 } from './phone-envelope.ts';

/** The one method the KMS adapters call: a `KMSClient`, or a fake in tests. */
export interface KmsClientLike {
  send(command: GenerateDataKeyCommand | DecryptCommand): Promise<{ readonly CiphertextBlob?: Uint8Array | undefined; readonly Plaintext?: Uint8Array | undefined }>;
}

export interface KmsPhoneKeyOptions {
  /** The district's contact key: its id, ARN or alias (`FIRSTLINE_CONTACT_KEY_ID`). */
  readonly keyId: string;
  readonly district: string;
  /** Defaults to a `KMSClient` made on first use. */
  readonly client?: KmsClientLike;
}

/**
 * The KMS encryption context of a district's data keys: KMS refuses to unwrap a data key under any
 * other, and the key policy and IAM grants name it, so the key serves this district's contact numbers only.
 */
export const contactEncryptionContext = (district: string): Record<string, string> => ({ district, purpose: contactPurpose });

// The SDK package is imported on first use, not with the module: a function that never seals or
// opens a number (and every function locally) does not load it.
let kmsModule: Promise<typeof import('@aws-sdk/client-kms')> | undefined;
const loadKms = () => (kmsModule ??= import('@aws-sdk/client-kms'));

abstract class KmsPhoneKey {
  protected readonly keyId: string;
  protected readonly district: string;
  #client: Promise<KmsClientLike> | undefined;

  constructor(options: KmsPhoneKeyOptions) {
    if (!options.keyId) throw new Error('the contact key id is empty');
    this.keyId = options.keyId;
    this.district = options.district;
    this.#client = options.client ? Promise.resolve(options.client) : undefined;
  }

  protected client(): Promise<KmsClientLike> {
    return (this.#client ??= loadKms().then(({ KMSClient: Client }): KMSClient => new Client({ maxAttempts: 6 })));
  }
}

/**
 * Seals numbers in the cloud: a fresh AES-256 data key from KMS `GenerateDataKey` for each number,
 * its KMS-encrypted copy kept as `wrappedKey`. It never calls Decrypt (its role may not).
 */
export class KmsPhoneSealer extends KmsPhoneKey implements PhoneSealer {
  async seal(phone: string): Promise<SealedPhone> {
    const { GenerateDataKeyCommand } = await loadKms();
    const client = await this.client();
    const { Plaintext, CiphertextBlob } = await client.send(new GenerateDataKeyCommand({
      KeyId: this.keyId,
      KeySpec: 'AES_256',
      EncryptionContext: contactEncryptionContext(this.district),
    }));
    try {
      if (!Plaintext || Plaintext.length !== dataKeyBytes || !CiphertextBlob?.length) throw new Error('KMS GenerateDataKey returned no AES-256 data key');
      return { ...sealWithDataKey(Plaintext, phone, this.district), wrappedKey: b64(CiphertextBlob) };
    } finally {
      Plaintext?.fill(0);
    }
  }
}

/** KMS's answer to a ciphertext it will not decrypt (altered, another key or encryption context). */
const refusals = new Set(['InvalidCiphertextException', 'IncorrectKeyException']);

/** Opens numbers in the cloud: KMS `Decrypt` of the wrapped data key, under the same encryption context. */
export class KmsPhoneOpener extends KmsPhoneKey implements PhoneOpener {
  async open(sealed: SealedPhone): Promise<string> {
    checkSealedShape(sealed);
    const CiphertextBlob = unb64(sealed.wrappedKey, 'wrapped key');
    const { DecryptCommand } = await loadKms();
    const client = await this.client();
    let Plaintext: Uint8Array | undefined;
    try {
      ({ Plaintext } = await client.send(new DecryptCommand({
        CiphertextBlob,
        // Pinned: KMS would otherwise decrypt a blob of any symmetric key this role may use.
        KeyId: this.keyId,
        EncryptionContext: contactEncryptionContext(this.district),
      })));
    } catch (error) {
      if (error instanceof Error && refusals.has(error.name)) throw new SealedPhoneRejected('KMS refused its wrapped key (altered, or sealed for another district or key)');
      throw error;
    }
    if (!Plaintext) throw new Error('KMS Decrypt returned no plaintext');
    try {
      return openWithDataKey(Plaintext, sealed, this.district);
    } finally {
      Plaintext.fill(0);
    }
  }
}
