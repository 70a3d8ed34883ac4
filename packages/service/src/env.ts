import type { DistrictKey, QueueName, TableName } from './resource-names.ts';

/**
 * Environment variable names shared by the CDK app (which sets them on every function) and the
 * handlers (which read them once per container). Kept here so the two cannot disagree.
 */
export const envNames = {
  /** The stack's id: a district's, or the city's on the city stack. */
  district: 'FIRSTLINE_DISTRICT',
  /** A district's city: its command tokens are accepted here too. The city stack's display name. */
  city: 'FIRSTLINE_CITY',
  cityName: 'FIRSTLINE_CITY_NAME',
  /** City stack: its member districts, comma-separated. */
  cityDistricts: 'FIRSTLINE_CITY_DISTRICTS',
  timeZone: 'FIRSTLINE_TIME_ZONE',
  table: (name: TableName) => `FIRSTLINE_TABLE_${name.toUpperCase()}`,
  queueUrl: (name: QueueName) => `FIRSTLINE_QUEUE_${name.toUpperCase().replaceAll('-', '_')}_URL`,
  /** The provincial health-code service's address, and the secret of the link it gave the district (functions with `province`). */
  provinceUrl: 'FIRSTLINE_PROVINCE_URL',
  provinceLinkSecretId: 'FIRSTLINE_PROVINCE_LINK_SECRET_ID',
  /**
   * Functions with `contactKey`: the contact KMS key in the cloud; locally the two halves of the
   * key pair's files, of which the runtime gives a `seal` function the public half only and the
   * notifier (`open`) the private half.
   */
  contactKeyId: 'FIRSTLINE_CONTACT_KEY_ID',
  contactSealKeyFile: 'FIRSTLINE_CONTACT_SEAL_KEY_FILE',
  contactOpenKeyFile: 'FIRSTLINE_CONTACT_OPEN_KEY_FILE',
  /** The notifier: its outbox file locally, where SNS would send SMS in the cloud. */
  outboxFile: 'FIRSTLINE_OUTBOX_FILE',
  /** Locally and in benchmarks: the live fold's times (JSON, any of `liveFold`'s fields) instead of the cloud's. */
  liveFold: 'FIRSTLINE_LIVE_FOLD',
} as const;

/**
 * Where a function finds a key: a Secrets Manager secret id in the cloud, a file locally. Set only
 * for the keys the function declares.
 */
export const keyEnvNames = {
  secretId: (key: DistrictKey) => `FIRSTLINE_${key.toUpperCase().replaceAll('-', '_')}_SECRET_ID`,
  file: (key: DistrictKey) => `FIRSTLINE_${key.toUpperCase().replaceAll('-', '_')}_FILE`,
} as const;
