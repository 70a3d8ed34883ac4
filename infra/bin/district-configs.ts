import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCityConfig, parseDistrictConfig } from '@firstline/service';
import type { CityConfig, DistrictConfig } from '@firstline/service';

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

/**
 * Reads and checks infra/city.json: every member has a district config, and the districts share
 * the city's identity provider (else the command center's city tokens would never reach them).
 */
export function loadCityConfig(known: readonly string[] = districtIds()): CityConfig {
  const file = join(repoRoot, 'infra', 'city.json');
  const city = parseCityConfig(JSON.parse(readFileSync(file, 'utf8')), file);
  const unknown = city.districts.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new Error(`${file}: no infra/districts/<id>.json for ${unknown.join(', ')}`);
  for (const id of city.districts) {
    const district = loadDistrictConfig(id);
    if (district.jwt.issuer !== city.jwt.issuer) {
      throw new Error(`infra/districts/${id}.json: jwt.issuer ${district.jwt.issuer} is not the city's ${city.jwt.issuer}; the command center's tokens would be refused`);
    }
  }
  return city;
}
