export { startProvinceEmulator } from './emulator.ts';
export type { ProvinceEmulator, ProvinceEmulatorOptions, ProvinceFaults } from './emulator.ts';
export type { ProvinceLinkFile } from './province-keys.ts';
export { idDigest } from './province-codes.ts';
