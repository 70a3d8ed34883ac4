import type { AwsClients } from './clients.ts';
import { createClients } from './clients.ts';
import { CityStore } from './city-store.ts';
import type { CityRuntimeConfig } from './runtime-config.ts';
import { loadCityRuntimeConfig } from './runtime-config.ts';

/** Everything a city function needs, built once per container. */
export interface CityRuntime {
  readonly config: CityRuntimeConfig;
  /** The stack's id, as the authorizer compares it with a token's `district` claim. */
  readonly district: string;
  readonly clients: AwsClients;
  readonly store: CityStore;
}

let shared: CityRuntime | undefined;

export function cityRuntime(): CityRuntime {
  if (shared) return shared;
  const config = loadCityRuntimeConfig();
  const clients = createClients();
  shared = { config, district: config.id, clients, store: new CityStore(clients.documents, config.table, config) };
  return shared;
}
