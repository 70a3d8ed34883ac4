/// <reference lib="dom" />
/**
 * The service worker: keeps the app shell (every file the build wrote) in a cache named after
 * the shell's content hash, and answers the shell from it, so the app opens with no network after
 * the first visit. API calls are never cached: a gate offline judges from the signed code.
 */

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface WorkerScope {
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

// A module to the type checker (its names stay its own); the build wraps it as a classic worker script.
export {};

declare const SHELL_FILES: readonly string[];
declare const SHELL_VERSION: string;

const worker = self as unknown as WorkerScope;
const cacheName = `frontline-${SHELL_VERSION}`;
const scope = worker.registration.scope;
const shellUrls = new Set(SHELL_FILES.map((file) => new URL(file, scope).href));

worker.addEventListener('install', (event) => {
  event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll([...shellUrls])));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith('frontline-') && name !== cacheName) await caches.delete(name);
    // The first visit's page is served by this worker from now on, not only after a reload.
    await worker.clients.claim();
  })());
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  // Any navigation inside the app is the app's one page.
  const key = request.mode === 'navigate' && url.href.startsWith(scope) ? scope : url.href;
  if (!shellUrls.has(key)) return;
  event.respondWith((async () => (await caches.match(key, { cacheName })) ?? fetch(request))());
});
