import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { FunctionSpec } from '@firstline/service';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

const loaded = new Map<string, Promise<LambdaHandler>>();

/** One module instance per function, imported on first use, like a Lambda container's cold start. */
export function loadHandler(fn: FunctionSpec): Promise<LambdaHandler> {
  let handler = loaded.get(fn.name);
  if (!handler) {
    handler = import(pathToFileURL(repoRoot + fn.entry).href).then((m: { handler?: LambdaHandler }) => {
      if (typeof m.handler !== 'function') throw new Error(`${fn.entry} does not export a handler`);
      return m.handler;
    });
    loaded.set(fn.name, handler);
  }
  return handler;
}

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

/** Runs a handler with its declared timeout, as Lambda would cut it off. */
export async function invoke(fn: FunctionSpec, district: string, event: unknown): Promise<unknown> {
  const handler = await loadHandler(fn);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${fn.name} timed out after ${fn.timeoutSeconds}s`)), fn.timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([handler(event, lambdaContext(fn, district)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
