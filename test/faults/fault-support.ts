import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';

const cli = fileURLToPath(new URL('../../packages/cli/src/firstline.ts', import.meta.url));

/** Runs the `firstline` CLI as an operator would. */
export function firstline(...args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `[fault] injected at <point>` lines (packages/service/src/faults.ts) in a stack's output, by point. */
export function injectedFaults(output: string, into: Record<string, number> = {}): Record<string, number> {
  for (const m of output.matchAll(/\[fault\] injected at (\S+)/g)) into[m[1]!] = (into[m[1]!] ?? 0) + 1;
  return into;
}

/** The bodies sitting in a queue's DLQ, read without hiding them (visibility 0). */
export async function deadLetters(sqs: SQSClient, queueName: string, expected: number): Promise<string[]> {
  const url = (await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl!;
  const bodies = new Map<string, string>();
  for (let round = 0; round < 50 && bodies.size < expected; round++) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
    for (const m of out.Messages ?? []) bodies.set(m.MessageId!, m.Body ?? '');
  }
  return [...bodies.values()];
}

/** Runs `worker` over `items` with `concurrency` at once. */
export async function pool<T>(items: readonly T[], concurrency: number, worker: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await worker(items[next++]!);
  }));
}

export const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** A deterministic pseudo-random sequence, so a failing run can be read again. */
export function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
}
