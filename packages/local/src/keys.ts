import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';

async function readOrCreate<T>(path: string, create: () => Promise<T>): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const value = await create();
    await mkdir(dirname(path), { recursive: true });
    // 0600: these keys stand in for what Secrets Manager holds in the cloud.
    await writeFile(path, JSON.stringify(value, null, 2), { mode: 0o600 });
    return value;
  }
}

async function ed25519(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return exportJWK(privateKey);
}

/** The district secret (same shape as the cloud's), generated on first start and kept. */
export function districtSecretsFile(path: string): Promise<unknown> {
  return readOrCreate(path, async () => ({ pseudonymKey: randomBytes(32).toString('base64url'), codeSigningKey: await ed25519() }));
}

/** The key the local stack signs bearer tokens with, standing in for a district's identity provider. */
export function tokenSigningKey(path: string): Promise<JWK> {
  return readOrCreate(path, ed25519);
}
