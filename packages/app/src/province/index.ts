/** The province at the gate and upward: verifying codes by policy with the fallback, and reporting cases once. */
export * from './province-ports.ts';
export * from './firstline-code-provider.ts';
export * from './provincial-code-provider.ts';
export * from './verify-at-gate.ts';
export * from './gate-code-ports.ts';
export * from './report-case-upward.ts';
export * from './case-events.ts';
export * from './link-resident.ts';
