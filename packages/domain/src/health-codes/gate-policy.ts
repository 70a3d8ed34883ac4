import type { FailureDetail } from '../errors.ts';
import { ValidationError } from '../errors.ts';
import type { HealthCodeProviderId } from './health-code-provider.ts';
import { healthCodeProviders } from './health-code-provider.ts';

/**
 * Which health codes a district's gates accept, in which order they are tried, and whether a gate
 * may answer provisionally from the province's signed code when the province cannot answer.
 */
export interface HealthCodePolicy {
  readonly accept: readonly HealthCodeProviderId[];
  readonly offlineFallback: boolean;
}

/** Firstline's own code only, as before the province was connected; a district turns the province on. */
export const defaultHealthCodePolicy: HealthCodePolicy = { accept: ['firstline'], offlineFallback: true };

/** The province's code first (what residents already carry), Firstline's own for those without one. */
export const provinceFirstPolicy: HealthCodePolicy = { accept: ['province', 'firstline'], offlineFallback: true };

/** What is wrong with a policy, each problem naming its field under `path`. */
export function healthCodePolicyProblems(policy: Partial<HealthCodePolicy>, path = 'healthCodes'): FailureDetail[] {
  const problems: FailureDetail[] = [];
  if (policy.accept !== undefined) {
    if (policy.accept.length === 0) problems.push({ path: `${path}.accept`, message: 'a gate must accept at least one kind of code' });
    policy.accept.forEach((id, i) => {
      if (!healthCodeProviders.includes(id)) problems.push({ path: `${path}.accept.${i}`, message: `unknown provider ${String(id)}` });
      else if (policy.accept!.indexOf(id) !== i) problems.push({ path: `${path}.accept.${i}`, message: `${id} is listed twice` });
    });
  }
  return problems;
}

/** A district's policy from its partial configuration, defaults filled in; a 400 naming each bad field. */
export function healthCodePolicy(partial: Partial<HealthCodePolicy> | undefined, path = 'healthCodes'): HealthCodePolicy {
  const problems = healthCodePolicyProblems(partial ?? {}, path);
  if (problems.length > 0) throw new ValidationError('the health-code policy cannot be used', problems);
  return { ...defaultHealthCodePolicy, ...partial };
}

/**
 * The providers to ask about one code, in the policy's order: those the district accepts whose
 * format the code is in. None means the code is nobody's the district accepts (an invalid code).
 */
export function providersFor<P extends { readonly id: HealthCodeProviderId; recognizes(code: string): boolean }>(
  policy: HealthCodePolicy,
  providers: readonly P[],
  code: string,
): P[] {
  return policy.accept.flatMap((id) => providers.filter((p) => p.id === id && p.recognizes(code)));
}
