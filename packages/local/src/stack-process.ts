import type { LocalCity } from './stack.ts';
import { startLocalStack } from './stack.ts';
import { cityService, districtService } from '@firstline/service';
import type { EmulatorEndpoints } from './emulators.ts';

/** What `pnpm dev` tells each stack process to run (JSON in FIRSTLINE_STACK). */
export interface StackProcessOptions {
  readonly kind: 'district' | 'city';
  readonly id: string;
  readonly dataDir: string;
  readonly endpoints: EmulatorEndpoints;
  readonly city?: LocalCity;
  readonly visibilityTimeoutSeconds?: number;
  readonly sweepEverySeconds?: number;
}

/** Sent to the parent once the stack accepts requests. */
export interface StackReady {
  readonly ready: string;
  readonly queueUrls: Readonly<Record<string, string>>;
}

// One process per stack, as each is its own set of Lambda functions in the cloud: handlers read
// their environment once per process, so two stacks cannot share one.
const options = JSON.parse(process.env['FIRSTLINE_STACK'] ?? '{}') as StackProcessOptions;
const stack = await startLocalStack({
  service: options.kind === 'city' ? cityService : districtService,
  district: options.id,
  dataDir: options.dataDir,
  endpoints: options.endpoints,
  port: 0,
  ...(options.city ? { city: options.city } : {}),
  ...(options.visibilityTimeoutSeconds ? { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds } : {}),
  ...(options.sweepEverySeconds ? { sweepEverySeconds: options.sweepEverySeconds } : {}),
});

// The parent gone (killed, crashed) means this stack is gone too, as a crash would take it.
process.on('disconnect', () => process.exit(1));
process.on('message', (message: { stop?: boolean }) => {
  if (!message.stop) return;
  void stack.stop().then(() => process.exit(0));
});
// Ctrl-C reaches the whole process group; the parent decides when this stack stops.
process.on('SIGINT', () => undefined);
process.send!({ ready: stack.url, queueUrls: stack.resources.queueUrls as Record<string, string> } satisfies StackReady);
