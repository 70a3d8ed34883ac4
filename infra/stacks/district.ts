import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { DistrictConfig } from '@firstline/service';
import { DistrictApiStack } from './district-api-stack.ts';
import { DistrictDataStack } from './district-data-stack.ts';

export interface DistrictStacks {
  readonly data: DistrictDataStack;
  readonly api: DistrictApiStack;
}

/** Stack names: `cdk deploy Firstline-<id>-Api` redeploys one district's functions and nothing else. */
export const dataStackName = (district: string) => `Firstline-${district}-Data`;
export const apiStackName = (district: string) => `Firstline-${district}-Api`;

export interface DistrictOptions {
  readonly repoRoot: string;
  /** The city the district belongs to, and the queue its closes go to. */
  readonly city: { readonly id: string; readonly queue: IQueue };
}

/** One district: its stateful stack, and the stateless stack that uses it (passed as props). */
export function addDistrict(scope: Construct, config: DistrictConfig, options: DistrictOptions): DistrictStacks {
  // Stack tags reach every taggable resource: cost and ownership per district.
  const tags = { 'firstline:district': config.id };
  const data = new DistrictDataStack(scope, dataStackName(config.id), {
    config,
    tags,
    description: `Firstline ${config.name}: tables and queues (retained, termination protection)`,
  });
  const api = new DistrictApiStack(scope, apiStackName(config.id), {
    config,
    tables: data.tables.tables,
    queues: data.queues.queues,
    deadLetterQueues: data.queues.deadLetterQueues,
    contactKey: data.contactKey.key,
    city: options.city,
    repoRoot: options.repoRoot,
    tags,
    description: `Firstline ${config.name}: HTTP API, functions, queue triggers and schedules`,
  });
  api.addStackDependency(data, 'functions read and write the district tables and queues');
  return { data, api };
}
