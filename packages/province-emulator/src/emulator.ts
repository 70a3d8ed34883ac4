import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type * as z from 'zod';
import { caseReportBody, faultsBody, issueCodeBody, personColorBody, setColorBody, verifyBody } from './province-api.ts';
import { idDigest, ProvincialCodes } from './province-codes.ts';
import { provinceSecrets, publicJwk, writeLinkFile } from './province-keys.ts';
import type { ProvinceLinkFile } from './province-keys.ts';
import { ProvinceState } from './province-state.ts';

export interface ProvinceEmulatorOptions {
  /** Keys and state live under `<dataDir>/province/`, so a restart keeps both. */
  readonly dataDir: string;
  /** The service's port (0: any free one); always on 127.0.0.1. */
  readonly port?: number;
  /** The control port (0: any free one). */
  readonly controlPort?: number;
  /** The province's GB/T 2260 code (default Hubei, 420000). */
  readonly issuer?: string;
  /** How long an issued code is valid (default 10 minutes). */
  readonly codeLifetimeSeconds?: number;
  /** Milliseconds since the epoch; injected in tests. */
  readonly now?: () => number;
}

export interface ProvinceFaults {
  readonly latencyMs: number;
  readonly failure: 'none' | '5xx';
  readonly down: boolean;
}

export interface ProvinceEmulator {
  /** The provincial service's address (`FIRSTLINE_PROVINCE_URL`). */
  readonly url: string;
  /** The control endpoint's address. */
  readonly controlUrl: string;
  /** What a district stack reads (`FIRSTLINE_PROVINCE_LINK_FILE`). */
  readonly linkFile: string;
  readonly link: ProvinceLinkFile;
  /** Sets faults in this process (tests); the control endpoint does the same over HTTP. */
  setFaults(faults: Partial<ProvinceFaults>): Promise<ProvinceFaults>;
  /** A fresh provincial code for an ID number, as the resident's mini-program shows it. */
  issueCode(idNumber: string): Promise<{ code: string; color: string; expiresAt: string }>;
  /** The province's own verdict on a person (its other data), as the control port's `/control/colors`. */
  setColor(idNumber: string, color: 'green' | 'yellow' | 'red'): Promise<void>;
  digestOf(idNumber: string): string;
  stop(): Promise<void>;
}

const maxBody = 64 * 1024;

class HttpError extends Error {
  readonly status: number;
  readonly details: { path: string; message: string }[];
  constructor(status: number, message: string, details: { path: string; message: string }[] = []) {
    super(message);
    this.status = status;
    this.details = details;
  }
}

const codes: Record<number, string> = { 400: 'validation', 401: 'unauthorized', 404: 'not-found', 409: 'conflict', 413: 'too-large', 503: 'internal' };

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: HttpError): void {
  send(res, error.status, { error: { code: codes[error.status] ?? 'internal', message: error.message, details: error.details } });
}

async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) throw new HttpError(413, `body larger than ${maxBody} bytes`);
    chunks.push(chunk as Buffer);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new HttpError(400, 'request body is not valid', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  return parsed.data;
}

function sameSecret(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  return (server.address() as AddressInfo).port;
}

async function close(server: Server): Promise<void> {
  if (!server.listening) return;
  await new Promise<void>((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

/**
 * An emulated provincial health-code service on loopback, for `pnpm dev` and tests: it signs codes
 * with its own Ed25519 key, keeps persons' colours, takes case reports once per event id and turns
 * colours yellow or red as the province would; a control port makes it slow, failing or down.
 *
 * Service (GB/T 38963-shaped, Bearer client secret): POST /gbt38963/v1/codes/verify,
 * POST /gbt38963/v1/persons/color, POST /gbt38963/v1/case-reports, GET /gbt38963/v1/keys (public).
 * Resident side: POST /mini-program/v1/codes {idNumber} → a fresh code.
 * Control: GET|PUT /control {latencyMs, failure: none|5xx, down}, POST /control/colors
 * {idNumber|idDigest, color}, GET /control/reports (each event id and how often it came).
 */
export async function startProvinceEmulator(options: ProvinceEmulatorOptions): Promise<ProvinceEmulator> {
  const now = options.now ?? Date.now;
  const dir = join(resolve(options.dataDir), 'province');
  await mkdir(dir, { recursive: true });
  const secrets = await provinceSecrets(join(dir, 'secrets.json'));
  const issuer = options.issuer ?? '420000';
  const signer = await ProvincialCodes.fromJwk(secrets.signingKey, issuer, options.codeLifetimeSeconds ?? 600);
  const state = await ProvinceState.open(join(dir, 'state.json'), now);
  const link: ProvinceLinkFile = {
    issuer, clientId: secrets.clientId, clientSecret: secrets.clientSecret, identitySalt: secrets.identitySalt, publicKeys: [publicJwk(secrets.signingKey)],
  };
  const linkFile = join(dir, 'link.json');
  await writeLinkFile(linkFile, link);
  let faults: ProvinceFaults = { latencyMs: 0, failure: 'none', down: false };
  const digestOf = (idNumber: string) => idDigest(secrets.identitySalt, idNumber);

  const issueCode = async (idNumber: string) => {
    const digest = digestOf(idNumber);
    await state.enrol(digest);
    const { color } = state.colorOf(digest);
    const { code, expiresAt } = await signer.issue(digest, color, new Date(now()));
    return { code, color, expiresAt: expiresAt.toISOString() };
  };

  const authorize = (req: IncomingMessage) => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (req.headers['x-client-id'] !== secrets.clientId || !sameSecret(bearer, secrets.clientSecret)) throw new HttpError(401, 'unknown client');
  };

  const service = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (req.method === 'POST' && path === '/mini-program/v1/codes') {
      const { idNumber } = await readJson(req, issueCodeBody);
      return send(res, 200, await issueCode(idNumber));
    }
    if (!path.startsWith('/gbt38963/')) throw new HttpError(404, `no route ${req.method} ${path}`);
    // A province at its peak: every interface call waits, then perhaps fails.
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (faults.failure === '5xx') throw new HttpError(503, 'the provincial service is overloaded');
    if (req.method === 'GET' && path === '/gbt38963/v1/keys') return send(res, 200, { issuer, keys: link.publicKeys });
    authorize(req);
    if (req.method === 'POST' && path === '/gbt38963/v1/codes/verify') {
      const body = await readJson(req, verifyBody);
      const check = await signer.check(body.code, body.at ? new Date(body.at) : new Date(now()));
      if (!check.ok) return send(res, 200, { result: 'invalid', why: check.why });
      // The colour now, not the one signed into the code: that is what online verification is for.
      return send(res, 200, { result: 'valid', claims: { ...check.claims, col: state.colorOf(check.claims.idd).color } });
    }
    if (req.method === 'POST' && path === '/gbt38963/v1/persons/color') {
      const { idDigest: digest } = await readJson(req, personColorBody);
      const { color, asOf } = state.colorOf(digest);
      return send(res, 200, { idDigest: digest, col: color, asOf });
    }
    if (req.method === 'POST' && path === '/gbt38963/v1/case-reports') {
      const report = await readJson(req, caseReportBody);
      const key = req.headers['idempotency-key'];
      if (key !== undefined && key !== report.eventId) throw new HttpError(400, 'the idempotency key must be the event id', [{ path: 'eventId', message: 'differs from Idempotency-Key' }]);
      const outcome = await state.report(report);
      if (outcome.kind === 'conflict') throw new HttpError(409, `event ${report.eventId} was reported before with another body`);
      return send(res, outcome.kind === 'applied' ? 201 : 200, { duplicate: outcome.kind === 'duplicate', col: outcome.color });
    }
    throw new HttpError(404, `no route ${req.method} ${path}`);
  };

  const handle = (route: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>) => (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://province.local').pathname;
    route(req, res, path).catch((error: unknown) => {
      // A caller that gave up (its timeout, or a killed process) is no failure of the province.
      if (res.headersSent || req.socket.destroyed) return;
      if (error instanceof HttpError) return sendError(res, error);
      console.error('[province] request failed:', error);
      sendError(res, new HttpError(503, 'internal error'));
    });
  };

  const api = createServer(handle(service));
  let apiPort = await listen(api, options.port ?? 0);

  const setFaults = async (change: Partial<ProvinceFaults>): Promise<ProvinceFaults> => {
    faults = { ...faults, ...change };
    // Down means down: the port refuses connections, as a province whose front has fallen over.
    if (faults.down) await close(api);
    else if (!api.listening) apiPort = await listen(api, apiPort);
    return faults;
  };

  const control = createServer(handle(async (req, res, path) => {
    if (path === '/control' && req.method === 'GET') return send(res, 200, faults);
    if (path === '/control' && req.method === 'PUT') return send(res, 200, await setFaults(await readJson(req, faultsBody)));
    if (path === '/control/colors' && req.method === 'POST') {
      const body = await readJson(req, setColorBody);
      const digest = 'idNumber' in body ? digestOf(body.idNumber) : body.idDigest;
      await state.setColor(digest, body.color);
      return send(res, 200, { idDigest: digest, col: state.colorOf(digest).color });
    }
    if (path === '/control/reports' && req.method === 'GET') return send(res, 200, { reports: state.reports() });
    if (path === '/control/codes' && req.method === 'POST') {
      const { idNumber } = await readJson(req, issueCodeBody);
      return send(res, 200, await issueCode(idNumber));
    }
    throw new HttpError(404, `no route ${req.method} ${path}`);
  }));
  const controlPort = await listen(control, options.controlPort ?? 0);

  return {
    url: `http://127.0.0.1:${apiPort}`,
    controlUrl: `http://127.0.0.1:${controlPort}`,
    linkFile,
    link,
    setFaults,
    issueCode,
    setColor: (idNumber, color) => state.setColor(digestOf(idNumber), color),
    digestOf,
    stop: async () => {
      await Promise.all([close(api), close(control)]);
    },
  };
}
