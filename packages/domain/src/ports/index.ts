/** The ports: what the application layer needs from storage, queues and keys, and the entities they speak. */
export * from './storage.ts';
export * from './registry.ts';
export * from './residents.ts';
export * from './scans.ts';
export * from './cases.ts';
export * from './deliveries.ts';
export * from './volunteers.ts';
export * from './grid-logs.ts';
export * from './snapshots.ts';
export * from './city.ts';
export * from './queues.ts';
export * from './codes.ts';
export * from './population.ts';
export * from './household-needs.ts';
export * from './urgent-requests.ts';
export * from './work-lists.ts';
export * from './closes.ts';
