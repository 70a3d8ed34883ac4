import { fileURLToPath } from 'node:url';

/**
 * The front-line app for the gate keeper, the resident and the volunteer: built files that talk to
 * the district API at `../` (relative, so any mount works). Served by the local stack at `/app/`;
 * in the cloud the same folder is uploaded under the site's `/app/`.
 */
export const frontlineDir = fileURLToPath(new URL('../public/', import.meta.url));
