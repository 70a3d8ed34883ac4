import { Agent, createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { siteContentSecurityPolicy, sitePermissionsPolicy } from '@firstline/service';
import { sendError } from './gateway.ts';

/**
 * The site's security headers, as the cloud's CloudFront policy sends them on every answer (one
 * CSP, from the manifest), less what only makes sense over HTTPS: the local stack is plain HTTP on
 * loopback, where HSTS is ignored and `upgrade-insecure-requests` would send the browser to an
 * https:// address nothing serves.
 */
export const localSecurityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': siteContentSecurityPolicy.split('; ').filter((d) => d !== 'upgrade-insecure-requests').join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': sitePermissionsPolicy,
  'cross-origin-opener-policy': 'same-origin',
};

/** Sets the security headers on an answer before anything else writes its head (theirs override nothing). */
export function secureResponse(res: ServerResponse): void {
  for (const [name, value] of Object.entries(localSecurityHeaders)) res.setHeader(name, value);
}

/** A mounted stack: requests under `prefix` go to `target` with the prefix taken off. */
export interface Mount {
  readonly prefix: string;
  readonly target: string;
  /** Kept as is: the city's routes are `/v1/city/...` on the city stack too. */
  readonly keepPrefix?: boolean;
}

/**
 * Keep-alive to the stacks, with idle sockets closed by this side well before a stack's server
 * would close them (`keepAliveTimeout` below): a socket the server closes just as a request is
 * put on it resets that request, which the front could only answer with a 502.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 30_000 });

/** How long a server of the local stack keeps an idle keep-alive connection (as a load balancer would, 60 s and more). */
export const keepAliveTimeoutMs = 65_000;

function forward(req: IncomingMessage, res: ServerResponse, target: URL, path: string): void {
  const upstream = request({ host: target.hostname, port: target.port, method: req.method, path, headers: req.headers, agent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...localSecurityHeaders });
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) sendError(res, 502, 'internal', `the stack behind ${target.host} is not answering`);
    else res.destroy();
  });
  req.pipe(upstream);
}

/**
 * The one address of `pnpm dev`, laid out as the city's CloudFront distribution is: each stack
 * mounted under its path, the default district at the root (API.md's local contract), and
 * `extra` answering what no stack owns (the dashboard's config).
 */
export async function startFront(
  port: number,
  mounts: readonly Mount[],
  fallback: string,
  extra: (req: IncomingMessage, res: ServerResponse, path: string) => boolean,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    secureResponse(res);
    const path = req.url ?? '/';
    if (extra(req, res, path)) return;
    const mount = mounts.find((m) => path === m.prefix || path.startsWith(`${m.prefix}/`) || path.startsWith(`${m.prefix}?`));
    if (!mount) return forward(req, res, new URL(fallback), path);
    const rest = mount.keepPrefix ? path : path.slice(mount.prefix.length) || '/';
    forward(req, res, new URL(mount.target), rest.startsWith('/') ? rest : `/${rest}`);
  });
  server.keepAliveTimeout = keepAliveTimeoutMs;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, server };
}
