import type { HealthCodeCheck, HealthCodeProvider, ProvincialService } from '@firstline/domain/health-codes/index';
import { isProvincialCode, ProvinceUnavailableError } from '@firstline/domain/health-codes/index';

/**
 * The province's health code as a provider, verified online: the province answers the holder's
 * digest and their colour now. A province that cannot answer (timeout, failure, open circuit) is
 * `unavailable`, which the gate may fall back on; any other error is a fault of ours and thrown.
 */
export function provincialCodeProvider(service: Pick<ProvincialService, 'verifyCode'>): HealthCodeProvider {
  return {
    id: 'province',
    recognizes: isProvincialCode,
    verify: async (code, at): Promise<HealthCodeCheck> => {
      try {
        const check = await service.verifyCode(code, at);
        if (!check.ok) return { ok: false, provider: 'province', why: check.why };
        const { idDigest, codeId, color, issuedAt, expiresAt } = check.code;
        return { ok: true, provider: 'province', idDigest, codeId, color, issuedAt, expiresAt, provisional: false, singleUse: false };
      } catch (error) {
        if (error instanceof ProvinceUnavailableError) return { ok: false, provider: 'province', why: 'unavailable' };
        throw error;
      }
    },
  };
}
