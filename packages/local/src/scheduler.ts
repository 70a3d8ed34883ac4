import type { FunctionSpec } from '@firstline/service';
import { invoke } from './handlers.ts';

/** Minutes east of UTC of `timeZone` at `at`. */
function offsetMinutes(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/**
 * The next time a daily EventBridge cron `cron(M H * * ? *)` fires in `timeZone` after `now`.
 * The local scheduler supports just this daily form, which is all the manifest uses; anything
 * else is refused at start rather than silently never firing.
 */
export function nextDailyRun(cron: string, timeZone: string, now: Date): Date {
  const m = /^cron\((\d{1,2}) (\d{1,2}) \* \* \? \*\)$/.exec(cron);
  if (!m) throw new Error(`local scheduler supports daily crons "cron(M H * * ? *)", not ${cron}`);
  const [minute, hour] = [Number(m[1]), Number(m[2])];
  const local = new Date(now.getTime() + offsetMinutes(timeZone, now) * 60_000);
  for (let dayShift = 0; dayShift <= 2; dayShift++) {
    const candidateLocal = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + dayShift, hour, minute);
    const candidate = new Date(candidateLocal - offsetMinutes(timeZone, new Date(candidateLocal)) * 60_000);
    if (candidate > now) return candidate;
  }
  throw new Error('unreachable: a daily cron fires within two days');
}

/**
 * The next time a schedule fires after `now`: a `rate(N minute(s))` every N minutes, or a daily
 * cron at its local time. Anything else is refused at start rather than silently never firing.
 */
export function nextRun(expression: string, timeZone: string, now: Date): Date {
  const rate = /^rate\((\d+) minutes?\)$/.exec(expression);
  if (rate) return new Date(now.getTime() + Number(rate[1]) * 60_000);
  return nextDailyRun(expression, timeZone, now);
}

/** The event EventBridge Scheduler invokes a function with, for a run due at `time`. */
export const scheduledEvent = (time: Date) => ({ source: 'aws.scheduler', 'detail-type': 'Scheduled Event', time: time.toISOString(), detail: {} });

/** Fires scheduled functions with an EventBridge Scheduler-like event, at the declared local time or rate. */
export class Scheduler {
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #running = new Set<Promise<unknown>>();

  /** `liveBucketSeconds`: how often a function scheduled every live bucket fires here (the cloud's bucket is its minute). */
  start(fns: readonly FunctionSpec[], district: string, timeZone: string, liveBucketSeconds: number): void {
    for (const fn of fns) {
      if (!fn.schedule) continue;
      const { cron, everyLiveBucket } = fn.schedule;
      const arm = () => {
        const at = everyLiveBucket ? new Date(Date.now() + liveBucketSeconds * 1_000) : nextRun(cron, timeZone, new Date());
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          const run = invoke(fn, district, scheduledEvent(at))
            .catch((error: unknown) => console.error(`[scheduler] ${fn.name} failed:`, error))
            .finally(() => this.#running.delete(run));
          this.#running.add(run);
          arm();
        }, Math.min(at.getTime() - Date.now(), 2 ** 31 - 1));
        this.#timers.add(timer);
      };
      arm();
    }
  }

  async stop(): Promise<void> {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    await Promise.all(this.#running);
  }
}
