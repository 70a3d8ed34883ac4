/**
 * What functions and tools take from the adapters: the runtimes that build clients, stores, queues
 * and keys once per container. Stores are reached through the runtime's ports, not imported.
 * Test and benchmark instrumentation lives apart, in `@firstline/adapters/instrumentation`.
 */
export * from './runtime/runtime-config.ts';
export * from './runtime/clients.ts';
export * from './runtime/district-runtime.ts';
export * from './runtime/stores.ts';
export * from './runtime/city-runtime.ts';
export { CodeSigner, codeLifetimeSeconds } from './crypto/code-signer.ts';
export { hmacPseudonymizer } from './crypto/pseudonymizer.ts';
/** The local stack makes the contact key pair that stands in for the cloud's KMS key. */
export { generateContactKeyPair } from './crypto/local-phone-key.ts';
/** Consented contact: what the contact route and the notifier name beside their stores. */
export { notifying, phoneSealing } from './runtime/contact-keys.ts';
