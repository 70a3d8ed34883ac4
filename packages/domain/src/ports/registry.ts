import type { Registry, RegistryIndex } from '../registry/registry.ts';

/** Where the district hierarchy is kept. */
export interface RegistryPort {
  /** Upsert: nodes the upload does not name stay. */
  put(registry: Registry): Promise<void>;
  load(): Promise<Registry | undefined>;
  /** The registry with its lookups; may be cached for a short while (it changes rarely). */
  index(): Promise<RegistryIndex | undefined>;
  /** The registry read again now, unless it was refreshed less than `minIntervalMs` ago (then as cached). */
  refresh(minIntervalMs: number): Promise<RegistryIndex | undefined>;
}
