/** Health codes at the gate: the providers' port, the province's code format, the district's policy and the fallback's colours. */
export * from './provincial-code.ts';
export * from './health-code-provider.ts';
export * from './gate-policy.ts';
export * from './gate-color.ts';
export * from './case-events.ts';
