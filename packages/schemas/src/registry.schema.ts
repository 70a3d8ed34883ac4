import * as z from 'zod';
import { id, timeZone } from './common.ts';
import { healthCodePolicyInput } from './province.schema.ts';

const name = z.string().min(1).max(200);

export const policySchema = z.strictObject({
  feverC: z.number().min(35).max(42).optional(),
  epidemicFreeDays: z.int().min(1).max(90).optional(),
  minDisinfectionRounds: z.int().min(0).max(20).optional(),
  outings: z.strictObject({ perHousehold: z.int().min(1).max(100), everyDays: z.int().min(1).max(60) }).nullable().optional(),
  retentionDays: z.int().min(1).max(365).optional(),
  /**
   * The offline backlog window (default 72): how far back a client's time may lie, and the lock
   * after which a day's logs no longer change. At most a month: a longer one lets old days be rewritten.
   */
  backlogHours: z.int().min(1).max(744).optional(),
  /** Local time (`HH:MM`, default `18:00`) by which a grid's daily log is due; later is late. */
  reportingDeadline: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM').optional(),
  /** Small cells (default 3): outside the district, counts of persons from 1 to k − 1 read "<k". */
  smallCellK: z.int().min(2).max(20).optional(),
  /** Days (default 7) after which a vulnerable household not visited or called is due a care visit. */
  careVisitDays: z.int().min(1).max(60).optional(),
  /** Grids (default 50) one consumer of a day's close recounts; a district's close runs its shards in parallel. */
  closeShardGrids: z.int().min(1).max(500).optional(),
  /** Days (default 14 each) a home or central quarantine lasts from the case's report: when the work list says it ends. */
  quarantineDays: z.strictObject({ home: z.int().min(1).max(60), central: z.int().min(1).max(60) }).optional(),
  /** Health codes the gates accept, in order (default `{"accept":["firstline"],"offlineFallback":true}`). */
  healthCodes: healthCodePolicyInput.optional(),
});

const node = { id, name };

export const registryDocument = z.strictObject({
  district: z.strictObject({ id, name, timeZone: timeZone.optional(), policy: policySchema.optional() }),
  streets: z.array(z.strictObject(node)).max(1_000).default([]),
  communities: z.array(z.strictObject({ ...node, streetId: id })).max(10_000).default([]),
  grids: z.array(z.strictObject({ ...node, communityId: id })).max(20_000).default([]),
  buildings: z.array(z.strictObject({ ...node, gridId: id })).max(100_000).default([]),
  checkpoints: z.array(z.strictObject({ ...node, gridId: id })).max(20_000).default([]),
});
export type RegistryDocument = z.infer<typeof registryDocument>;

const count = z.int().min(0);

/** `PUT /v1/registry`: how many of each the district holds after the upload merged into it. */
export const registryCounts = z.strictObject({
  counts: z.strictObject({ streets: count, communities: count, grids: count, buildings: count, checkpoints: count }),
});
export type RegistryCounts = z.infer<typeof registryCounts>;
