import { Agent, request as httpRequest } from 'node:http';
import type { FuzzRequest } from './cases.ts';
import { bodyBytes } from './cases.ts';

export interface RawResponse {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/**
 * Sends a request exactly as built (node:http keeps the request target verbatim, where fetch would
 * normalise `%2e%2e` and re-encode odd bytes), over a keep-alive pool.
 */
export class RawSender {
  readonly #agent: Agent;
  readonly #host: string;
  readonly #port: number;
  readonly #tokens: ReadonlyMap<string, string>;

  constructor(baseUrl: string, tokens: ReadonlyMap<string, string>, sockets: number) {
    const url = new URL(baseUrl);
    this.#host = url.hostname;
    this.#port = Number(url.port);
    this.#tokens = tokens;
    this.#agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  send(request: FuzzRequest, timeoutMs = 60_000): Promise<RawResponse> {
    const body = bodyBytes(request.body);
    const headers: Record<string, string> = { authorization: `Bearer ${this.#tokens.get(request.role) ?? ''}` };
    if (request.contentType !== undefined) headers['content-type'] = request.contentType;
    if (request.accept !== undefined) headers['accept'] = request.accept;
    if (request.body !== undefined) headers['content-length'] = String(body.byteLength);
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: this.#host, port: this.#port, method: request.method, path: request.target, headers, agent: this.#agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(request.body !== undefined ? body : undefined);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

/** API.md: the error codes and the status each one goes with. */
export const statusOfCode: Readonly<Record<string, number>> = {
  validation: 400, unauthorized: 401, forbidden: 403, 'not-found': 404, conflict: 409, 'too-large': 413, throttled: 429, internal: 500,
};

/** Problems with an error response against API.md's shape and status↔code mapping; empty when it conforms. */
export function errorShapeProblems(response: RawResponse): string[] {
  const problems: string[] = [];
  if (!response.contentType.includes('json')) problems.push(`content-type ${JSON.stringify(response.contentType)} is not JSON`);
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    return [...problems, `body is not JSON: ${JSON.stringify(response.text.slice(0, 200))}`];
  }
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(body) || Object.keys(body).join() !== 'error' || !isRecord(body['error'])) return [...problems, `not {"error":{…}}: ${response.text.slice(0, 200)}`];
  const error = body['error'];
  const extra = Object.keys(error).filter((k) => !['code', 'message', 'details'].includes(k));
  if (extra.length > 0) problems.push(`unexpected keys in error: ${extra.join(', ')}`);
  const code = error['code'];
  if (typeof code !== 'string' || !(code in statusOfCode)) problems.push(`code ${JSON.stringify(code)} is not one of API.md's`);
  else if (statusOfCode[code] !== response.status) problems.push(`code ${code} goes with ${statusOfCode[code]}, not ${response.status}`);
  if (typeof error['message'] !== 'string') problems.push('message is not a string');
  if ('details' in error) {
    const details = error['details'];
    const ok = Array.isArray(details) && details.every((d) => isRecord(d) && typeof d['path'] === 'string' && typeof d['message'] === 'string'
      && Object.keys(d).every((k) => k === 'path' || k === 'message'));
    if (!ok) problems.push(`details is not [{path,message}]: ${JSON.stringify(details).slice(0, 200)}`);
  }
  return problems;
}
