import { fileURLToPath } from 'node:url';

/**
 * The command-center dashboard: built files (`pnpm --filter @firstline/dashboard build`, from
 * src/app, locales and static) that talk to the district and city APIs with the bearer token the
 * user signs in with. Served by the local stack at `/`; in the cloud the same folder is the city site.
 */
export const dashboardDir = fileURLToPath(new URL('../public/', import.meta.url));
