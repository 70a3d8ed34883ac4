import type { JWK } from 'jose';
import { readFile } from 'node:fs/promises';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import type { RuntimeConfig } from './runtime-config.ts';

/**
 * The district's keys: the HMAC key behind person pseudonyms and the Ed25519 key that signs health
 * codes. Locally a file in the data dir; in the cloud a Secrets Manager secret of the same shape.
 */
export interface DistrictSecrets {
  readonly pseudonymKey: string;
  readonly codeSigningKey: JWK;
}

export async function loadSecrets(source: RuntimeConfig['secrets']): Promise<DistrictSecrets> {
  const raw = 'file' in source
    ? await readFile(source.file, 'utf8')
    : await getSecret<string>(source.secretId, { maxAge: 3600 });
  const parsed = JSON.parse(String(raw)) as Partial<DistrictSecrets>;
  if (typeof parsed.pseudonymKey !== 'string' || parsed.pseudonymKey.length < 32 || !parsed.codeSigningKey?.d) {
    throw new Error('district secret must hold pseudonymKey (≥ 32 chars) and codeSigningKey (private Ed25519 JWK)');
  }
  return parsed as DistrictSecrets;
}
