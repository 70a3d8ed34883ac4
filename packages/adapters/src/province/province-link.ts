import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { envNames } from '@firstline/service';
import { secretString } from '../runtime/district-keys.ts';

/**
 * What the province gives a district's system when it accredits it, and what the district keeps
 * as a secret: the service's address is configuration, these are credentials.
 */
export interface ProvinceLink {
  /** The province's GB/T 2260 code, the `iss` of its codes. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The key of the province's ID-number digest. */
  readonly identitySalt: string;
  /** The province's public code-signing keys, pinned, for the offline check from a cold start. */
  readonly publicKeys: readonly JWK[];
}

/** Environment of a function that talks to the province (set by the stack; absent: no province). */
export const provinceEnvNames = {
  url: envNames.provinceUrl,
  /** Local: the link file the emulator writes under its data dir. */
  linkFile: 'FIRSTLINE_PROVINCE_LINK_FILE',
  /** Cloud: the Secrets Manager secret holding the same JSON. */
  linkSecretId: envNames.provinceLinkSecretId,
  /** Gate verification timeout, milliseconds (default 300). */
  verifyTimeoutMs: 'FIRSTLINE_PROVINCE_VERIFY_TIMEOUT_MS',
} as const;

export interface ProvinceConfig {
  readonly url: string;
  readonly link: { readonly file: string } | { readonly secretId: string };
  readonly verifyTimeoutMs: number | undefined;
}

/** The province's configuration from the environment, undefined when the stack has none; a half-set one is an error. */
export function provinceConfig(env: NodeJS.ProcessEnv = process.env): ProvinceConfig | undefined {
  const url = env[provinceEnvNames.url];
  const file = env[provinceEnvNames.linkFile];
  const secretId = env[provinceEnvNames.linkSecretId];
  if (!url && !file && !secretId) return undefined;
  if (!url || (!file && !secretId)) {
    throw new Error(`the province needs ${provinceEnvNames.url} and one of ${provinceEnvNames.linkFile} or ${provinceEnvNames.linkSecretId}`);
  }
  const timeout = env[provinceEnvNames.verifyTimeoutMs];
  const verifyTimeoutMs = timeout ? Number(timeout) : undefined;
  if (verifyTimeoutMs !== undefined && !(verifyTimeoutMs > 0 && verifyTimeoutMs < 1000)) throw new Error(`${provinceEnvNames.verifyTimeoutMs} must be between 0 and 1000 ms`);
  return { url, link: file ? { file } : { secretId: secretId! }, verifyTimeoutMs };
}

export function parseProvinceLink(raw: string): ProvinceLink {
  const parsed = JSON.parse(raw) as Partial<ProvinceLink>;
  const strings = ['issuer', 'clientId', 'clientSecret', 'identitySalt'] as const;
  const missing = strings.filter((k) => typeof parsed[k] !== 'string' || parsed[k].length === 0);
  if (missing.length > 0 || !Array.isArray(parsed.publicKeys)) throw new Error(`the province link must hold ${[...missing, ...(Array.isArray(parsed.publicKeys) ? [] : ['publicKeys'])].join(', ')}`);
  if ((parsed.identitySalt ?? '').length < 32) throw new Error('the province link identitySalt must be at least 32 characters');
  return parsed as ProvinceLink;
}

/** Read once per container, when its province runtime is built. */
export async function loadProvinceLink(source: ProvinceConfig['link']): Promise<ProvinceLink> {
  return parseProvinceLink('file' in source ? await readFile(source.file, 'utf8') : await secretString(source.secretId));
}
