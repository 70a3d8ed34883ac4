import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { parseDistrictConfig } from '@firstline/service';
import { DistrictApiStack } from '../stacks/district-api-stack.ts';
import { DistrictDataStack } from '../stacks/district-data-stack.ts';

export const repoRoot = join(import.meta.dirname, '..', '..');
const districtsDir = join(repoRoot, 'infra', 'districts');

export function districtIds(): string[] {
  return readdirSync(districtsDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

/** Both stacks of one district, from its checked config file. */
export function addDistrict(app: App, id: string): { data: DistrictDataStack; api: DistrictApiStack } {
  const file = join(districtsDir, `${id}.json`);
  const config = parseDistrictConfig(JSON.parse(readFileSync(file, 'utf8')), file);
  if (config.id !== id) throw new Error(`${file} declares district ${config.id}`);
  const data = new DistrictDataStack(app, `Firstline-${id}-Data`, { config, description: `Firstline ${config.name}: tables and queues` });
  const api = new DistrictApiStack(app, `Firstline-${id}-Api`, { config, data, repoRoot, description: `Firstline ${config.name}: API and functions` });
  return { data, api };
}
