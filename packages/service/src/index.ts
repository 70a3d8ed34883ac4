export * from './manifest.ts';
export * from './district-config.ts';
export * from './env.ts';
export * from './faults.ts';
