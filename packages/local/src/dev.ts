import { access, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { seedDemo } from './seed.ts';
import { startLocalStack } from './stack.ts';

/**
 * `pnpm dev`: one district on this machine (API.md, Local only). Environment: PORT (3000),
 * FIRSTLINE_DISTRICT (demo), FIRSTLINE_DATA_DIR (.data/), FIRSTLINE_SEED (1; 0 to skip), and for
 * tests FIRSTLINE_LOCAL_VISIBILITY_SECONDS (queue visibility timeout), FIRSTLINE_LOCAL_SWEEP_SECONDS
 * (how often expired items are deleted) and FIRSTLINE_FAULTS.
 */
const started = performance.now();
const district = process.env['FIRSTLINE_DISTRICT'] ?? 'demo';
const dataDir = resolve(process.env['FIRSTLINE_DATA_DIR'] ?? '.data');
const port = Number(process.env['PORT'] ?? 3000);

const visibility = process.env['FIRSTLINE_LOCAL_VISIBILITY_SECONDS'];
const sweep = process.env['FIRSTLINE_LOCAL_SWEEP_SECONDS'];
const stack = await startLocalStack({
  district, dataDir, port,
  ...(visibility ? { visibilityTimeoutSeconds: Number(visibility) } : {}),
  ...(sweep ? { sweepEverySeconds: Number(sweep) } : {}),
});

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping (finishing batches in flight)…`);
  await stack.stop();
  console.log('stopped');
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

const seedMarker = join(dataDir, `seeded-${district}`);
const alreadySeeded = await access(seedMarker).then(() => true, () => false);
if (process.env['FIRSTLINE_SEED'] !== '0' && !alreadySeeded) {
  console.log(`seeding demo district ${district}…`);
  const seeded = await seedDemo(stack.url, district);
  await writeFile(seedMarker, new Date().toISOString());
  console.log(`seeded ${seeded.residents} residents; e.g. person ${seeded.samplePersonIds.join(', ')}`);
}

console.log(`firstline ready at ${stack.url} — district ${district}, data in ${dataDir} (${Math.round(performance.now() - started)} ms)`);
console.log(`  tokens: curl -s -X POST ${stack.url}/local/tokens -d '{"role":"admin","district":"${district}","scopes":["*"]}'`);
console.log(`  status: curl -s ${stack.url}/local/status`);
