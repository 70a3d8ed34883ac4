export * from './common.ts';
export * from './registry.schema.ts';
export * from './residents.schema.ts';
export * from './scans.schema.ts';
export * from './deliveries.schema.ts';
export * from './grid-logs.schema.ts';
export * from './contracts.ts';
export * from './city.schema.ts';
