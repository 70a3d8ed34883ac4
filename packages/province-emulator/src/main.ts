import { startProvinceEmulator } from './emulator.ts';

/**
 * The emulated province on its own: `pnpm --filter @firstline/province-emulator start`. Environment:
 * FIRSTLINE_DATA_DIR (.data/), PROVINCE_PORT (0: any), PROVINCE_CONTROL_PORT (0: any). Prints the
 * variables a district stack needs, and stops on SIGINT or SIGTERM.
 */
const env = process.env;
const emulator = await startProvinceEmulator({
  dataDir: env['FIRSTLINE_DATA_DIR'] ?? '.data',
  port: Number(env['PROVINCE_PORT'] ?? 0),
  controlPort: Number(env['PROVINCE_CONTROL_PORT'] ?? 0),
});
console.log(`province emulator ready at ${emulator.url} (control ${emulator.controlUrl})`);
console.log(`  FIRSTLINE_PROVINCE_URL=${emulator.url} FIRSTLINE_PROVINCE_LINK_FILE=${emulator.linkFile}`);
const stop = async () => {
  await emulator.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
