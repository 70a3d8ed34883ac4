import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import type { DistrictKey } from '@firstline/service';
import { districtKeys } from '@firstline/service';
import { generateContactKeyPair } from '@firstline/adapters';

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return undefined;
  }
}

/** 0600: these files stand in for what Secrets Manager holds in the cloud. */
async function writeSecret(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(value, null, 2), { mode: 0o600 });
}

async function readOrCreate<T>(path: string, create: () => Promise<T>): Promise<T> {
  const found = await readJson<T>(path);
  if (found !== undefined) return found;
  const value = await create();
  await writeSecret(path, value);
  return value;
}

async function ed25519(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return exportJWK(privateKey);
}

/**
 * A district's keys under the data dir, one file each (`keys/<district>/<key>.json`), as the cloud
 * keeps one secret each, so a function is pointed only at the files of the keys it declares.
 */
export function districtKeyFiles(dataDir: string, district: string): Readonly<Record<DistrictKey, string>> {
  return Object.fromEntries(districtKeys.map((key) => [key, join(dataDir, 'keys', district, `${key}.json`)])) as Record<DistrictKey, string>;
}

/**
 * Makes the district's key files on first start and keeps them. A data dir from before the keys
 * were split (one `keys/<district>.json` holding both private keys) is split into the three files,
 * keeping its keys — a new pseudonym key would orphan every registered resident — and the
 * combined file is removed.
 */
export async function districtKeysFiles(dataDir: string, district: string): Promise<Readonly<Record<DistrictKey, string>>> {
  const files = districtKeyFiles(dataDir, district);
  const combinedFile = join(dataDir, 'keys', `${district}.json`);
  const combined = await readJson<{ pseudonymKey: string; codeSigningKey: JWK }>(combinedFile);
  const pseudonym = await readOrCreate(files['pseudonym-key'], async () => ({ pseudonymKey: combined?.pseudonymKey ?? randomBytes(32).toString('base64url') }));
  const signing = await readOrCreate(files['code-signing-key'], async () => ({ codeSigningKey: combined?.codeSigningKey ?? await ed25519() }));
  const { kty, crv, x } = signing.codeSigningKey;
  await readOrCreate(files['code-public-key'], async () => ({ codePublicKey: { kty, crv, x } }));
  if (combined && pseudonym.pseudonymKey === combined.pseudonymKey) await rm(combinedFile, { force: true });
  return files;
}

/** The key the local stack signs bearer tokens with, standing in for a district's identity provider. */
export function tokenSigningKey(path: string): Promise<JWK> {
  return readOrCreate(path, ed25519);
}

/**
 * The contact key pair, the local stand-in for the cloud's KMS key: two files, the public half
 * (`contact-seal.json`) for the functions that seal numbers and the private half
 * (`contact-open.json`) for the notifier alone. Made on first start and kept: a new pair would
 * leave every number sealed before unreadable.
 */
export async function contactKeyFiles(dataDir: string, district: string): Promise<{ readonly sealFile: string; readonly openFile: string }> {
  const dir = join(dataDir, 'keys', district);
  const sealFile = join(dir, 'contact-seal.json');
  const openFile = join(dir, 'contact-open.json');
  const pair = await readOrCreate(openFile, async () => {
    const { privateJwk } = generateContactKeyPair();
    return { privateKey: privateJwk };
  });
  const { d: _private, ...publicKey } = pair.privateKey;
  await readOrCreate(sealFile, async () => ({ publicKey }));
  return { sealFile, openFile };
}
