import { fileURLToPath } from 'node:url';

/**
 * The command-center dashboard: static files (no build step) that talk to the district API with
 * the bearer token the user signs in with. Served by the local stack at `/`; in the cloud the same
 * folder is the static site.
 */
export const dashboardDir = fileURLToPath(new URL('../public/', import.meta.url));
