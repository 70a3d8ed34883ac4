import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';

/** The province's own secrets: its code-signing key and what it gives the district systems it accredits. */
export interface ProvinceSecrets {
  readonly signingKey: JWK;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly identitySalt: string;
}

/** What a district stack is given (`FIRSTLINE_PROVINCE_LINK_FILE`): credentials, the digest salt, the public key. */
export interface ProvinceLinkFile {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly identitySalt: string;
  readonly publicKeys: readonly JWK[];
}

async function readOrCreate<T>(path: string, create: () => Promise<T>): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const value = await create();
    await mkdir(dirname(path), { recursive: true });
    // 0600: these stand in for the province's key store and the district's secret.
    await writeFile(path, JSON.stringify(value, null, 2), { mode: 0o600 });
    return value;
  }
}

/** Made on first start under the data dir and kept, so codes issued before a restart still verify. */
export function provinceSecrets(path: string): Promise<ProvinceSecrets> {
  return readOrCreate(path, async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    return {
      signingKey: { ...(await exportJWK(privateKey)), kid: `province-${randomBytes(4).toString('hex')}` },
      clientId: 'firstline-local',
      clientSecret: randomBytes(24).toString('base64url'),
      identitySalt: randomBytes(32).toString('base64url'),
    };
  });
}

export function publicJwk(signingKey: JWK): JWK {
  const { kty, crv, x, kid } = signingKey;
  return { kty, crv, x, kid, alg: 'EdDSA', use: 'sig' };
}

export async function writeLinkFile(path: string, link: ProvinceLinkFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(link, null, 2), { mode: 0o600 });
}
