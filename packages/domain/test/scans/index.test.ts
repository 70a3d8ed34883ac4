import { describe, expect, it } from 'vitest';
import * as scans from '../../src/scans/index.ts';

describe('scans index', () => {
  it('re-exports the public API of every scans module', () => {
    // Act
    const names = Object.keys(scans).sort();

    // Assess
    expect(names).toEqual([
      'addScanCounts', 'aggregateScanCounts', 'canonicalScanBody', 'caseColor', 'caseNewDay', 'countsFromRecords',
      'decideHouseholdScans', 'decideVerdict', 'denyReasons', 'deriveCodeStatus', 'emptyScanCounts', 'epochMsOf',
      'isFever', 'isOpen', 'noOutings', 'outingsInWindow', 'passQuotaExceeded', 'recordOuting', 'releaseCase',
    ]);
  });
});
