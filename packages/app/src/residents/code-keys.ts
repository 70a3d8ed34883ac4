import type { DistrictPorts } from '../district.ts';

/** The public key that verifies the district's codes, so a gate can judge a code while offline. */
export function codeKeys(ports: Pick<DistrictPorts, 'codes'>) {
  return ports.codes.publicKeys();
}
