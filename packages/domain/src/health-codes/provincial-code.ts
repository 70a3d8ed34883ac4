import type { CodeColor } from '../residents/resident.ts';

/**
 * The province's health code, shaped after GB/T 38962-2020 (personal health information code, data
 * format): the data elements a gate needs, each named after the standard's element. The resident's
 * mini-program shows it as a QR code whose text is `GBHC1:` followed by a compact JWS (RFC 7515)
 * of these claims, signed by the province; the standard's own signature scheme (SM2) is stood in
 * for by Ed25519, which the gate verifies the same way: offline, with the province's public key.
 */
export interface ProvincialCodeClaims {
  /** 版本 (format version). */
  readonly ver: '1';
  /** 发码机构代码: the issuing authority, the province's GB/T 2260 division code (e.g. `420000`). */
  readonly iss: string;
  /** 码标识: unique per issued code. */
  readonly cid: string;
  /** 证件类型: `01` resident identity card (GB/T 38962's identity document type). */
  readonly idt: string;
  /** 证件号码摘要: the holder's ID-number digest (keyed, see `provincialIdDigest` in the adapters). */
  readonly idd: string;
  /** 健康码颜色 when the code was issued. */
  readonly col: CodeColor;
  /** 生成时间 and 有效期, epoch seconds. */
  readonly iat: number;
  readonly exp: number;
}

/** What the gate reads off a provincial code, once its signature is checked. */
export interface ProvincialCode {
  readonly issuer: string;
  readonly codeId: string;
  readonly idDigest: string;
  readonly color: CodeColor;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

/** The text a scanner reads before the JWS: how a gate tells a provincial code from Firstline's own cheaply. */
export const provincialCodePrefix = 'GBHC1:';

/** The JWS `typ` of a provincial code, so a token of another kind signed by the same key is never taken for one. */
export const provincialCodeType = 'gbt38962+jws';

export function isProvincialCode(code: string): boolean {
  return code.startsWith(provincialCodePrefix);
}

const colors: readonly string[] = ['green', 'yellow', 'red'];
/** An HMAC-SHA256 digest in base64url: 43 characters, so a raw ID number (18) can never pass for one. */
const digestPattern = /^[A-Za-z0-9_-]{43}$/;
const divisionPattern = /^\d{6}$/;
const codeIdPattern = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * Checks the claims of a code whose signature was already verified: every data element present
 * and well formed. A malformed payload from a correctly signed code is still refused, because the
 * gate acts on these fields (the colour and the digest) and must not guess.
 */
export function readProvincialClaims(payload: Readonly<Record<string, unknown>>): { ok: true; code: ProvincialCode } | { ok: false; problem: string } {
  const { ver, iss, cid, idt, idd, col, iat, exp } = payload;
  if (ver !== '1') return { ok: false, problem: 'ver: unknown format version' };
  if (typeof iss !== 'string' || !divisionPattern.test(iss)) return { ok: false, problem: 'iss: not a six-digit division code' };
  if (typeof cid !== 'string' || !codeIdPattern.test(cid)) return { ok: false, problem: 'cid: not a code id' };
  if (idt !== '01') return { ok: false, problem: 'idt: only resident identity cards are accepted' };
  if (typeof idd !== 'string' || !digestPattern.test(idd)) return { ok: false, problem: 'idd: not an ID-number digest' };
  if (typeof col !== 'string' || !colors.includes(col)) return { ok: false, problem: 'col: not a colour' };
  if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp) || (exp as number) <= (iat as number)) return { ok: false, problem: 'iat/exp: not a validity window' };
  return {
    ok: true,
    code: {
      issuer: iss, codeId: cid, idDigest: idd, color: col as CodeColor,
      issuedAt: new Date((iat as number) * 1000), expiresAt: new Date((exp as number) * 1000),
    },
  };
}

/**
 * Whether a code is valid at `at`: not before it was issued (a small allowance for the two clocks)
 * and not after it expired. The gate's server decides `at`, never the scanner's clock.
 */
export function provincialCodeValidAt(code: Pick<ProvincialCode, 'issuedAt' | 'expiresAt'>, at: Date, skewMs = 5_000): boolean {
  return at.getTime() >= code.issuedAt.getTime() - skewMs && at.getTime() < code.expiresAt.getTime();
}
