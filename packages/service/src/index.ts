export * from './manifest.ts';
export * from './edge.ts';
export * from './resource-names.ts';
export * from './own-function.ts';
export * from './district-config.ts';
export * from './env.ts';
export * from './faults.ts';
