import type { CityPorts } from '@firstline/app';
import { CityStore } from '../dynamodb/city-store.ts';
import type { AwsClients } from './clients.ts';
import { createClients } from './clients.ts';
import type { CityRuntimeConfig } from './runtime-config.ts';
import { loadCityRuntimeConfig } from './runtime-config.ts';

/** Everything a city function needs, built once per container. */
export interface CityRuntime extends CityPorts {
  readonly config: CityRuntimeConfig;
  /** The stack's id, as the authorizer compares it with a token's `district` claim. */
  readonly district: string;
  readonly clients: AwsClients;
}

let shared: CityRuntime | undefined;

export function cityRuntime(): CityRuntime {
  if (shared) return shared;
  const config = loadCityRuntimeConfig();
  const clients = createClients();
  shared = { config, id: config.id, members: config.districts, district: config.id, clients, store: new CityStore(clients.documents, config.table, config) };
  return shared;
}
