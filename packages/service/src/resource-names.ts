/**
 * The names of the stack's tables, queues and keys: what a function finds its resources by in its
 * environment (`envNames`, `keyEnvNames`). Apart from the manifest, which declares each of them,
 * so that a function's bundle carries the names without the whole declaration.
 */

/** District tables; the city stack has its own table, `city`. */
export const districtTableNames = ['core', 'scans', 'stats'] as const;
export type TableName = (typeof districtTableNames)[number] | 'city';

/** District queues, and the city's queue that every district's close sends its aggregates to. */
export const queueNames = ['scan-events', 'dispatch', 'day-revisions', 'close-shards', 'province-reports', 'notifications', 'city-rollup'] as const;
export type QueueName = (typeof queueNames)[number];

/**
 * The district's keys, split so that each function holds only what it uses (least privilege):
 * - `pseudonym-key`: the HMAC key that turns ID numbers into person ids (and fingerprints bodies
 *   that carry personal data): only functions that read ID numbers;
 * - `code-signing-key`: the Ed25519 private key that signs residents' codes: only the function
 *   that issues them;
 * - `code-public-key`: its public half, which verifies codes: gates' scans and the public key route.
 */
export const districtKeys = ['pseudonym-key', 'code-signing-key', 'code-public-key'] as const;
export type DistrictKey = (typeof districtKeys)[number];
