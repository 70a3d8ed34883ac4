import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { FunctionSpec } from '@firstline/service';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** How many containers a function may have at once locally (Lambda would scale further). */
const maxContainers = 8;

/**
 * Lambda containers of one function. A container runs one invocation at a time, so module-level
 * state in a handler (a batch processor, a cache) is never shared by two concurrent invocations;
 * each container is its own instance of the handler module (imported under its own URL), cold
 * started on first use.
 */
interface Container {
  readonly handler: Promise<LambdaHandler>;
}

class ContainerPool {
  readonly #fn: FunctionSpec;
  readonly #idle: Container[] = [];
  readonly #waiting: ((container: Container) => void)[] = [];
  #created = 0;

  constructor(fn: FunctionSpec) {
    this.#fn = fn;
  }

  async run<T>(work: (handler: LambdaHandler) => Promise<T>): Promise<T> {
    const container = await this.#acquire();
    try {
      return await work(await container.handler);
    } finally {
      const next = this.#waiting.shift();
      if (next) next(container);
      else this.#idle.push(container);
    }
  }

  #acquire(): Promise<Container> {
    const idle = this.#idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.#created < maxContainers) return Promise.resolve(this.#start(++this.#created));
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #start(number: number): Container {
    const url = `${pathToFileURL(repoRoot + this.#fn.entry).href}?container=${number}`;
    const handler = import(url).then((m: { handler?: LambdaHandler }) => {
      if (typeof m.handler !== 'function') throw new Error(`${this.#fn.entry} does not export a handler`);
      return m.handler;
    });
    return { handler };
  }
}

const pools = new Map<string, ContainerPool>();

/** The parts of a Lambda context that handlers and Powertools read. */
export function lambdaContext(fn: FunctionSpec, district: string): Context {
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  const functionName = `firstline-${district}-${fn.name}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Runs a handler in a free container with its declared timeout, as Lambda would cut it off. */
export async function invoke(fn: FunctionSpec, district: string, event: unknown): Promise<unknown> {
  let pool = pools.get(fn.name);
  if (!pool) pools.set(fn.name, (pool = new ContainerPool(fn)));
  return pool.run(async (handler) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${fn.name} timed out after ${fn.timeoutSeconds}s`)), fn.timeoutSeconds * 1000);
    });
    try {
      return await Promise.race([handler(event, lambdaContext(fn, district)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  });
}
