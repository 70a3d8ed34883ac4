import type { CodeIssuer } from '@firstline/domain';
import type { HealthCodeCheck, HealthCodeProvider } from '@firstline/domain/health-codes/index';
import { isProvincialCode } from '@firstline/domain/health-codes/index';

/** A compact JWS: three base64url parts. */
const jwsShape = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Firstline's own rotating code as a provider: it vouches for who the holder is, and the person's
 * colour in Firstline (the resident record) decides, as before the province was connected.
 */
export function firstlineCodeProvider(codes: Pick<CodeIssuer, 'verify'>): HealthCodeProvider {
  return {
    id: 'firstline',
    recognizes: (code) => !isProvincialCode(code) && jwsShape.test(code),
    verify: async (code, at): Promise<HealthCodeCheck> => {
      const check = await codes.verify(code, at);
      if (!check.ok) return { ok: false, provider: 'firstline', why: check.why };
      const { personId, codeId, issuedAt, expiresAt } = check.claims;
      return { ok: true, provider: 'firstline', personId, codeId, color: null, issuedAt, expiresAt, provisional: false, singleUse: true };
    },
  };
}
