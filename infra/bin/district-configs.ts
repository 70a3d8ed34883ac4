import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDistrictConfig } from '@firstline/service';
import type { DistrictConfig } from '@firstline/service';

/** The repository root: NodejsFunction entries, projectRoot and the lock file are resolved from it. */
export const repoRoot = join(import.meta.dirname, '..', '..');
const districtsDir = join(repoRoot, 'infra', 'districts');

/** Every district that has a config file in infra/districts, sorted. */
export function districtIds(): string[] {
  return readdirSync(districtsDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
}

/** The districts `-c district=<wanted>` selects: one id, or `all` (CI synthesises every district). */
export function selectDistricts(wanted: unknown, known: readonly string[] = districtIds()): string[] {
  if (wanted === 'all') return [...known];
  if (typeof wanted === 'string' && known.includes(wanted)) return [wanted];
  const given = wanted === undefined ? 'no district was given' : `unknown district ${JSON.stringify(wanted)}`;
  throw new Error(`${given}: pass -c district=<id> with one of ${known.join(', ')} (or -c district=all)`);
}

/** Reads and checks infra/districts/<id>.json, so a typo fails `cdk synth`, not a deploy. */
export function loadDistrictConfig(id: string): DistrictConfig {
  const file = join(districtsDir, `${id}.json`);
  const config = parseDistrictConfig(JSON.parse(readFileSync(file, 'utf8')), file);
  if (config.id !== id) throw new Error(`${file} declares district "${config.id}"; the file name and the id must match`);
  // Schedules and day boundaries use it: an unknown zone must fail here, not in EventBridge at deploy.
  try {
    new Intl.DateTimeFormat('en', { timeZone: config.timeZone });
  } catch {
    throw new Error(`${file}: timeZone "${config.timeZone}" is not an IANA time zone`);
  }
  return config;
}
