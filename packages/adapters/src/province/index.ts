/**
 * The provincial health-code service, as a district's functions reach it: the HTTP client with its
 * timeouts and circuit breaker, the cached public keys for the offline check, the link store and
 * the ID-number digest, and the queue of case events on their way up.
 */
export { CircuitBreaker, CircuitOpenError } from './circuit-breaker.ts';
export type { BreakerState } from './circuit-breaker.ts';
export { provincialIdDigest } from './id-digest.ts';
export { HttpProvincialService, ProvinceProtocolError, provincePaths, defaultProvinceTimeouts } from './province-client.ts';
export { JwsProvincialKeyring } from './provincial-keyring.ts';
export { ProvinceStore } from './province-store.ts';
export { loadProvinceLink, parseProvinceLink, provinceConfig, provinceEnvNames } from './province-link.ts';
export type { ProvinceLink, ProvinceConfig } from './province-link.ts';
export { createProvinceRuntime, provinceRuntime } from './province-runtime.ts';
export type { ProvinceRuntime } from './province-runtime.ts';
export { provinceReportsQueue } from './report-queue.ts';
export { withProvince } from './district-province.ts';
