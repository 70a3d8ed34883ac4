import { envNames, keyEnvNames } from '@firstline/service/env';
import type { DistrictKey, QueueName, TableName } from '@firstline/service/resource-names';
import { districtKeys, districtTableNames, queueNames } from '@firstline/service/resource-names';
import { liveFold } from '@firstline/service/live-fold';
import type { KeySource } from './district-keys.ts';

/** Checked configuration of a district function, read from its environment once per container. */
export interface RuntimeConfig {
  readonly district: string;
  /** The city whose command tokens this district accepts; none for a district outside a city. */
  readonly city: string | undefined;
  readonly timeZone: string;
  readonly tables: Readonly<Record<TableName, string>>;
  readonly queueUrls: Readonly<Partial<Record<QueueName, string>>>;
  /** Where each key the function was given is: only those (in the cloud, only those it may read). */
  readonly keys: Readonly<Partial<Record<DistrictKey, KeySource>>>;
  /** The contact key: KMS in the cloud, the key pair's files locally (see `envNames.contactKeyId`). */
  readonly contactKey: { readonly keyId?: string | undefined; readonly sealFile?: string | undefined; readonly openFile?: string | undefined };
  /** Locally, the notifier's outbox instead of SNS. */
  readonly outboxFile: string | undefined;
  /** The live view's buckets and how they are folded (`liveFold`, or the local stack's shorter times). */
  readonly liveFold: typeof liveFold;
}

export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const missing: string[] = [];
  const required = (name: string): string => {
    const value = env[name];
    if (!value) missing.push(name);
    return value ?? '';
  };
  const district = required(envNames.district);
  const tableNames = Object.fromEntries(districtTableNames.map((name) => [name, required(envNames.table(name))])) as Record<TableName, string>;
  // The district's own queues, and the city's that the close sends to.
  const queueUrls = Object.fromEntries(
    queueNames.flatMap((name) => (env[envNames.queueUrl(name)] ? [[name, env[envNames.queueUrl(name)]]] : [])),
  ) as Partial<Record<QueueName, string>>;
  const keys = Object.fromEntries(districtKeys.flatMap((key): [DistrictKey, KeySource][] => {
    const file = env[keyEnvNames.file(key)];
    const secretId = env[keyEnvNames.secretId(key)];
    return file ? [[key, { file }]] : secretId ? [[key, { secretId }]] : [];
  })) as Partial<Record<DistrictKey, KeySource>>;
  if (missing.length > 0) throw new Error(`missing environment: ${missing.join(', ')}`);
  const contactKey = { keyId: env[envNames.contactKeyId] || undefined, sealFile: env[envNames.contactSealKeyFile] || undefined, openFile: env[envNames.contactOpenKeyFile] || undefined };
  return {
    district, city: env[envNames.city] || undefined, timeZone: env[envNames.timeZone] ?? 'Asia/Shanghai', tables: tableNames, queueUrls, keys,
    contactKey, outboxFile: env[envNames.outboxFile] || undefined,
    liveFold: { ...liveFold, ...(env[envNames.liveFold] ? JSON.parse(env[envNames.liveFold]!) as Partial<typeof liveFold> : {}) },
  };
}

/** Checked configuration of a city function. */
export interface CityRuntimeConfig {
  readonly id: string;
  readonly name: string;
  readonly districts: readonly string[];
  readonly table: string;
}

export function loadCityRuntimeConfig(env: NodeJS.ProcessEnv = process.env): CityRuntimeConfig {
  const names = [envNames.district, envNames.cityName, envNames.cityDistricts, envNames.table('city')];
  const missing = names.filter((n) => !env[n]);
  if (missing.length > 0) throw new Error(`missing environment: ${missing.join(', ')}`);
  return {
    id: env[envNames.district]!,
    name: env[envNames.cityName]!,
    districts: env[envNames.cityDistricts]!.split(',').filter(Boolean),
    table: env[envNames.table('city')]!,
  };
}
