import type { FunctionSpec, RouteSpec } from './manifest.ts';
import { services } from './manifest.ts';

/**
 * The manifest entry of the function being bundled, as JSON: the bundler writes it into each
 * function's bundle (`bundleDefines`), so that a bundle carries its own entry and not the whole
 * manifest. Undeclared where handlers run from source (the local stack, tests), which read the manifest.
 */
declare const FIRSTLINE_FUNCTION: string | undefined;

/** The esbuild `define` of one function's bundle: infra's NodejsFunction and the bundle benchmark pass it. */
export function bundleDefines(spec: FunctionSpec): Record<string, string> {
  return { FIRSTLINE_FUNCTION: JSON.stringify(JSON.stringify(spec)) };
}

/**
 * The functions this code may be: in a bundle, the one it was built for. `typeof FIRSTLINE_FUNCTION`
 * is decided when the bundle is built, so the other branch, and with it the manifest, is left out.
 */
function candidates(): readonly FunctionSpec[] {
  return typeof FIRSTLINE_FUNCTION === 'string'
    ? [JSON.parse(FIRSTLINE_FUNCTION) as FunctionSpec]
    : Object.values(services).flatMap((service) => service.functions);
}

/** The manifest entry of the function `name`; in a bundle, only the entry it was built from. */
export function ownFunction(name: string): FunctionSpec {
  const spec = candidates().find((fn) => fn.name === name);
  if (!spec) throw new Error(`no function named ${name} in ${typeof FIRSTLINE_FUNCTION === 'string' ? 'this bundle' : 'the service manifest'}`);
  return spec;
}

/** The declared route `key` (`POST /v1/scans`); in a bundle, one of its function's own routes. */
export function ownRoute(key: string): RouteSpec {
  const route = candidates().flatMap((fn) => fn.routes ?? []).find((r) => `${r.method} ${r.path}` === key);
  if (!route) throw new Error(`route ${key} is not declared for this function in the service manifest`);
  return route;
}
