import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ProvincePorts } from '@firstline/app/province/province-ports';
import { provincialIdDigest } from './id-digest.ts';
import { HttpProvincialService } from './province-client.ts';
import type { ProvinceConfig, ProvinceLink } from './province-link.ts';
import { loadProvinceLink, provinceConfig } from './province-link.ts';
import { JwsProvincialKeyring } from './provincial-keyring.ts';
import { ProvinceStore } from './province-store.ts';

/** The province as a district function uses it: the client, the cached keys, the link store and the digest. */
export interface ProvinceRuntime extends ProvincePorts {
  readonly service: HttpProvincialService;
  readonly keyring: JwsProvincialKeyring;
  readonly issuer: string;
}

export interface ProvinceDependencies {
  readonly documents: DynamoDBDocumentClient;
  /** The district's core table, where the link store keeps its items. */
  readonly coreTable: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

/** Builds the province's ports from a link (its credentials, keys and salt) and the service's address. */
export function createProvinceRuntime(url: string, link: ProvinceLink, deps: ProvinceDependencies, verifyTimeoutMs?: number): ProvinceRuntime {
  const service = new HttpProvincialService({
    baseUrl: url, clientId: link.clientId, clientSecret: link.clientSecret,
    ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.now ? { now: deps.now } : {}),
    ...(verifyTimeoutMs ? { verifyTimeoutMs } : {}),
  });
  const keyring = new JwsProvincialKeyring({
    issuer: link.issuer, keys: link.publicKeys, fetchKeys: () => service.publicKeys(), ...(deps.now ? { now: deps.now } : {}),
  });
  const store = new ProvinceStore(deps.documents, deps.coreTable);
  return {
    service, keyring, issuer: link.issuer, people: store, ledger: store,
    idDigest: (idNumber) => provincialIdDigest(link.identitySalt, idNumber),
  };
}

let shared: Promise<ProvinceRuntime | undefined> | undefined;

/**
 * The container's province runtime, built once: undefined when the stack has no province
 * configured (`FIRSTLINE_PROVINCE_URL` and its link unset), so a district without one runs as before.
 */
export function provinceRuntime(deps: ProvinceDependencies, env: NodeJS.ProcessEnv = process.env): Promise<ProvinceRuntime | undefined> {
  shared ??= (async () => {
    const config: ProvinceConfig | undefined = provinceConfig(env);
    if (!config) return undefined;
    return createProvinceRuntime(config.url, await loadProvinceLink(config.link), deps, config.verifyTimeoutMs);
  })();
  return shared;
}
