import * as z from 'zod';

/**
 * What ops set per district stack (infra/districts/<id>.json). Checked at synth time so a typo
 * fails `cdk synth`, not a deploy.
 */
const stackId = z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'lower-case letters, digits and dashes');
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone').default('Asia/Shanghai');
/** Ops' address for the stack's CloudWatch alarms (SNS email subscription, confirmed once); optional. */
const alarmEmail = z.email().optional();
/** The identity provider that issues bearer tokens for the stack. */
const jwt = z.strictObject({
  issuer: z.url(),
  audience: z.array(z.string().min(1)).min(1),
});

export const districtConfigSchema = z.strictObject({
  id: stackId,
  name: z.string().min(1),
  timeZone,
  jwt,
  /**
   * Secrets Manager secret holding `{"pseudonymKey": "...", "codeSigningKey": <Ed25519 private JWK>}`.
   * Created by ops before the first deploy; never in the template.
   */
  secretName: z.string().min(1),
  /** Kept after `cdk destroy`: the district's data is evidence and must be removed deliberately. */
  retainData: z.boolean().default(true),
  alarmEmail,
  /**
   * The provincial health-code service the district is accredited with: its address, and the
   * Secrets Manager secret holding the link the province gave (client credentials, public keys,
   * digest salt), created by ops. Absent: the gates take Firstline's own code only.
   */
  province: z.strictObject({ url: z.url({ protocol: /^https$/ }), linkSecretName: z.string().min(1) }).optional(),
});

export type DistrictConfig = z.infer<typeof districtConfigSchema>;

/**
 * The city (infra/city.json): its command center's tokens carry `district: <city id>`, which the
 * city stack accepts and every member district accepts for the command role (city scope).
 */
export const cityConfigSchema = z.strictObject({
  id: stackId,
  name: z.string().min(1),
  timeZone,
  jwt,
  /** Member districts, each with infra/districts/<id>.json; a day is complete when all have reported. */
  districts: z.array(stackId).min(1).refine((ids) => new Set(ids).size === ids.length, 'a district is listed twice'),
  retainData: z.boolean().default(true),
  alarmEmail,
});

export type CityConfig = z.infer<typeof cityConfigSchema>;

function parseConfig<T>(schema: z.ZodType<T>, what: string, raw: unknown, source: string): T {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid ${what} config ${source}:\n${lines.join('\n')}`);
  }
  return result.data;
}

export const parseDistrictConfig = (raw: unknown, source: string) => parseConfig(districtConfigSchema, 'district', raw, source);
export const parseCityConfig = (raw: unknown, source: string) => parseConfig(cityConfigSchema, 'city', raw, source);
