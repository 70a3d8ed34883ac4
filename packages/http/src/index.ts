export * from './errors.ts';
export * from './principal.ts';
export * from './authorize.ts';
export * from './http-route.ts';
export * from './logger.ts';
export * from './validation.ts';
export * from './faults.ts';
export * from './openapi.ts';
