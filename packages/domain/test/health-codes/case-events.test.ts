import { describe, expect, it } from 'vitest';
import { caseEventId, provincialReport } from '../../src/health-codes/case-events.ts';

describe('caseEventId', () => {
  it('is the same for the same case and kind, and differs across districts and kinds', () => {
    expect(caseEventId('demo', 'case-1', 'registered')).toBe(caseEventId('demo', 'case-1', 'registered'));
    expect(caseEventId('demo', 'case-1', 'registered')).not.toBe(caseEventId('demo', 'case-1', 'released'));
    expect(caseEventId('demo', 'case-1', 'registered')).not.toBe(caseEventId('riverside', 'case-1', 'registered'));
  });
});

describe('provincialReport', () => {
  it('carries the digest, never the person id, and names the reporting district', () => {
    // Act
    const report = provincialReport('demo', {
      eventId: 'demo:c1:released', kind: 'released', caseId: 'c1', personId: 'p_abcdefghijklmnopqrstuvwx',
      category: 'close-contact', quarantine: 'home', at: '2020-03-12T09:00:00+08:00',
    }, 'digest-0123456789abcdef');

    // Assess
    expect(report).toEqual({
      eventId: 'demo:c1:released', type: 'case-released', reporter: 'demo', caseId: 'c1', idDigest: 'digest-0123456789abcdef',
      category: 'close-contact', quarantine: 'home', at: '2020-03-12T09:00:00+08:00',
    });
    expect(JSON.stringify(report)).not.toContain('p_');
  });
});
