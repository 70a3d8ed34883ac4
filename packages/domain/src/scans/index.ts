/** Scans and four-category cases: the pure rules behind the gate, the counters and releases. */
export * from './verdict.ts';
export * from './code-color.ts';
export * from './pass-quota.ts';
export * from './scan-counters.ts';
export * from './scan-hash.ts';
export * from './cases.ts';
