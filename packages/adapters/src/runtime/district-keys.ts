import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import type { CodeIssuer, Pseudonymizer } from '@firstline/domain';
import type { DistrictKey } from '@firstline/service';
import { CodeSigner, CodeVerifier } from '../crypto/code-signer.ts';
import { hmacPseudonymizer } from '../crypto/pseudonymizer.ts';

/** Where one key is: a Secrets Manager secret (cloud) or a file in the data dir (local), same JSON. */
export type KeySource = { readonly file: string } | { readonly secretId: string };

/**
 * The JSON each key's secret (or file) holds:
 * - `pseudonym-key`: `{"pseudonymKey": "<at least 32 characters>"}`
 * - `code-signing-key`: `{"codeSigningKey": <Ed25519 private JWK>}`
 * - `code-public-key`: `{"codePublicKey": <Ed25519 public JWK, no "d">}`
 */
export interface DistrictKeys {
  readonly pseudonymKey?: string;
  readonly codeSigningKey?: JWK;
  readonly codePublicKey?: JWK;
}

async function read(source: KeySource): Promise<unknown> {
  const raw = 'file' in source ? await readFile(source.file, 'utf8') : await secretString(source.secretId);
  return JSON.parse(raw) as unknown;
}

/**
 * A secret's string, read once per runtime. The SDK client is imported here, not with the module:
 * a function that holds no key (and every function locally, where keys are files) never loads it.
 */
export async function secretString(secretId: string): Promise<string> {
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const secret = await new SecretsManagerClient({ maxAttempts: 6 }).send(new GetSecretValueCommand({ SecretId: secretId }));
  if (secret.SecretString === undefined) throw new Error(`the secret ${secretId} holds no string`);
  return secret.SecretString;
}

const problems: Record<DistrictKey, (value: Record<string, unknown>) => string | undefined> = {
  'pseudonym-key': (v) => (typeof v['pseudonymKey'] === 'string' && v['pseudonymKey'].length >= 32 ? undefined : 'must hold pseudonymKey (≥ 32 characters)'),
  'code-signing-key': (v) => ((v['codeSigningKey'] as JWK | undefined)?.d ? undefined : 'must hold codeSigningKey (a private Ed25519 JWK)'),
  // A private key where the public one belongs would let every verifier sign.
  'code-public-key': (v) => {
    const jwk = v['codePublicKey'] as JWK | undefined;
    return jwk?.x && !jwk.d ? undefined : 'must hold codePublicKey (a public Ed25519 JWK, without "d")';
  },
};

/** Reads exactly the keys a function declares, each from its own source; a missing source is an error. */
export async function loadKeys(wanted: readonly DistrictKey[], sources: Readonly<Partial<Record<DistrictKey, KeySource>>>): Promise<DistrictKeys> {
  const keys: Record<string, unknown> = {};
  for (const name of wanted) {
    const source = sources[name];
    if (!source) throw new Error(`this function declares the ${name} but was given no source for it`);
    const value = (await read(source)) as Record<string, unknown>;
    const problem = problems[name](value);
    if (problem) throw new Error(`the ${name} ${problem}`);
    Object.assign(keys, value);
  }
  return keys as DistrictKeys;
}

const withoutKey = (key: DistrictKey, what: string) => () => {
  throw new Error(`this function holds no ${key}, so it cannot ${what}; declare the key in the manifest`);
};

/**
 * Person ids and body fingerprints. With the HMAC key (functions that read ID numbers, names and
 * phones) both are keyed; without it there are no person ids, and a fingerprint — which then only
 * tells a repeated body from another one that carries no personal data in the clear (a delivery,
 * a case of a pseudonymous person, a log) — is a plain SHA-256.
 */
export function pseudonymsOf(keys: DistrictKeys): Pseudonymizer {
  if (keys.pseudonymKey) return hmacPseudonymizer(keys.pseudonymKey);
  return {
    personId: withoutKey('pseudonym-key', 'turn ID numbers into person ids'),
    fingerprint: (parts) => createHash('sha256').update(`fp:${parts.join('\u0000')}`).digest('base64url').slice(0, 24),
  };
}

/** Codes: issued only with the private key, verified and published only with the public one. */
export async function codesOf(keys: DistrictKeys, district: string): Promise<CodeIssuer> {
  const signer = keys.codeSigningKey ? await CodeSigner.fromJwk(keys.codeSigningKey, district) : undefined;
  const verifier = keys.codePublicKey ? await CodeVerifier.fromPublicJwk(keys.codePublicKey, district) : undefined;
  return {
    issue: signer ? (personId, color, now) => signer.issue(personId, color, now) : withoutKey('code-signing-key', 'issue codes'),
    verify: verifier ? (code, at) => verifier.verify(code, at) : withoutKey('code-public-key', 'verify codes'),
    publicKeys: verifier ? () => verifier.publicKeys() : withoutKey('code-public-key', 'publish the key that verifies codes'),
  };
}
