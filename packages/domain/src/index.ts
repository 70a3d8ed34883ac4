export * from './policy.ts';
export * from './calendar.ts';
export * from './hierarchy.ts';
export * from './registry/registry.ts';
export * from './residents/masking.ts';
export * from './residents/resident.ts';
