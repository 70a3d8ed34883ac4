import * as z from 'zod';

/**
 * What ops set per district stack (infra/districts/<id>.json). Checked at synth time so a typo
 * fails `cdk synth`, not a deploy.
 */
export const districtConfigSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'not an IANA time zone').default('Asia/Shanghai'),
  /** The identity provider that issues bearer tokens for this district. */
  jwt: z.strictObject({
    issuer: z.url(),
    audience: z.array(z.string().min(1)).min(1),
  }),
  /**
   * Secrets Manager secret holding `{"pseudonymKey": "...", "codeSigningKey": <Ed25519 private JWK>}`.
   * Created by ops before the first deploy; never in the template.
   */
  secretName: z.string().min(1),
  /** Kept after `cdk destroy`: the district's data is evidence and must be removed deliberately. */
  retainData: z.boolean().default(true),
});

export type DistrictConfig = z.infer<typeof districtConfigSchema>;

export function parseDistrictConfig(raw: unknown, source: string): DistrictConfig {
  const result = districtConfigSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid district config ${source}:\n${lines.join('\n')}`);
  }
  return result.data;
}
