/// <reference lib="dom" />
import { request, scopedKey } from './api.ts';
import type { CodeKeys } from './code-verify.ts';

const storageKey = (district: string) => scopedKey(`fl-code-keys:${district}`);

/** The keys last fetched for this district: what an offline gate verifies codes with. */
export function cachedCodeKeys(district: string): CodeKeys | undefined {
  const raw = localStorage.getItem(storageKey(district));
  return raw ? (JSON.parse(raw) as CodeKeys) : undefined;
}

/** Fetches the district's code keys while online and keeps them; offline, the cached ones stay. */
export async function refreshCodeKeys(district: string, token: string): Promise<CodeKeys | undefined> {
  try {
    const keys = await request<CodeKeys>('GET', 'v1/keys/codes', { token, timeoutMs: 10_000 });
    localStorage.setItem(storageKey(district), JSON.stringify(keys));
    return keys;
  } catch {
    return cachedCodeKeys(district);
  }
}
