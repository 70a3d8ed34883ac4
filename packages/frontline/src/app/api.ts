/// <reference lib="dom" />

/** An answer the API gave with a status other than 2xx: status, the error code and its details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly { readonly path: string; readonly message: string }[];

  constructor(status: number, code: string, message: string, details: ApiError['details'] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** No answer at all (offline, refused, timed out): the caller queues or retries. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

/**
 * Where the district's API is: the app lives at `<mount>/app/`, so `../` is the mount, whether
 * that is `/` or `/districts/<id>/`.
 */
export const apiUrl = (path: string): URL => new URL(`../${path.replace(/^\//, '')}`, document.baseURI);

/**
 * Every stored key carries the API mount ('/' or '/districts/<id>/'): one origin serves every
 * district's mount and they share localStorage and IndexedDB, so without it a gate's queue for one
 * district could be sent to another's API.
 */
export const scopedKey = (key: string): string => `${key}@${apiUrl('').pathname}`;

/**
 * How far the server's clock is ahead of this phone's, as the last answer's `Date` header told
 * (kept for offline use). Cheap phones run minutes off, and the server refuses a time more than
 * 2 minutes ahead of its own: every time the app sends is read from `serverNow()`. Offsets under
 * 5 s are taken as none (the header has whole seconds, and the answer took time to arrive).
 */
const clockKey = () => scopedKey('fl-clock-offset');
let clockOffsetMs: number | undefined;

export function serverNow(): Date {
  clockOffsetMs ??= Number(localStorage.getItem(clockKey())) || 0;
  return new Date(Date.now() + clockOffsetMs);
}

function learnClock(response: Response): void {
  const server = Date.parse(response.headers.get('date') ?? '');
  if (Number.isNaN(server)) return;
  const offset = server - Date.now();
  clockOffsetMs = Math.abs(offset) < 5_000 ? 0 : offset;
  localStorage.setItem(clockKey(), String(clockOffsetMs));
}

export interface RequestOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Gives up after this long (a gate would rather judge offline than wait). */
  readonly timeoutMs?: number;
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method,
      headers: {
        accept: 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
      cache: 'no-store',
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  learnClock(response);
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: ApiError['details'] } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? 'internal', error?.message ?? `HTTP ${response.status}`, error?.details ?? []);
  }
  return body as T;
}
