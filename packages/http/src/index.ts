export * from './errors.ts';
export * from './principal.ts';
export * from './authorize.ts';
export * from './http-route.ts';
export * from './logger.ts';
export * from './validation.ts';
export { faultPoint, InjectedFault } from '@firstline/service';
export * from './openapi.ts';
export * from './observability.ts';
