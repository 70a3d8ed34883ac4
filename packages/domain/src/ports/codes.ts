import type { CodeColor } from '../residents/resident.ts';

export interface CodeClaims {
  readonly personId: string;
  /** Unique per issued code: the scans route spends it once. */
  readonly codeId: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  /** The colour the code was issued with (a gate offline shows it provisionally). */
  readonly color?: CodeColor | undefined;
}

export type CodeCheck = { readonly ok: true; readonly claims: CodeClaims } | { readonly ok: false; readonly why: 'signature' | 'expired' | 'malformed' };

/** An Ed25519 public key as a JWK (RFC 8037). */
export interface PublicCodeKey {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly alg: 'EdDSA';
  readonly use: 'sig';
  readonly kid: string;
}

/** The public half of the code-signing key, for gates that verify codes offline. */
export interface CodeVerificationKeys {
  readonly issuer: string;
  readonly audience: string;
  readonly keys: readonly PublicCodeKey[];
}

/** Issues and verifies residents' health codes. */
export interface CodeIssuer {
  issue(personId: string, color: CodeColor, now: Date): Promise<{ code: string; expiresAt: Date }>;
  verify(code: string, at: Date): Promise<CodeCheck>;
  publicKeys(): CodeVerificationKeys;
}
