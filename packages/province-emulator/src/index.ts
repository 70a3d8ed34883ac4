export { startProvinceEmulator } from './emulator.ts';
export type { ProvinceEmulator, ProvinceEmulatorOptions, ProvinceFaults } from './emulator.ts';
export type { ProvinceLinkFile } from './province-keys.ts';
export { idDigest } from './province-codes.ts';
export { seedProvincialResidents } from './seed-residents.ts';
export type { ProvincialSample } from './seed-residents.ts';
