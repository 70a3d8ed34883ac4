import type { CodeIssuer, Policy } from '@firstline/domain';
import type { HealthCodePolicy } from '@firstline/domain/health-codes/index';
import { healthCodePolicy } from '@firstline/domain/health-codes/index';
import { firstlineCodeProvider } from './firstline-code-provider.ts';
import type { ProvincePorts } from './province-ports.ts';
import { provincialCodeProvider } from './provincial-code-provider.ts';
import type { GateCodePorts } from './verify-at-gate.ts';

/**
 * A district's gate code check from its ports: Firstline's own code always available, the
 * province's when the district is linked to one, the policy from the district's settings.
 */
export function gateCodePorts(ports: { readonly codes: Pick<CodeIssuer, 'verify'>; readonly province?: ProvincePorts | undefined }, policy: Policy & { readonly healthCodes?: Partial<HealthCodePolicy> | undefined }): GateCodePorts {
  const province = ports.province;
  return {
    policy: healthCodePolicy(policy.healthCodes),
    providers: [firstlineCodeProvider(ports.codes), ...(province ? [provincialCodeProvider(province.service)] : [])],
    province: province ? { keyring: province.keyring, people: province.people } : undefined,
  };
}
