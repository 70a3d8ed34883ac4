import type { QueueName, TableName } from '@firstline/service';
import { envNames, queues, tables } from '@firstline/service';

/** Checked configuration of a district function, read from its environment once per container. */
export interface RuntimeConfig {
  readonly district: string;
  readonly timeZone: string;
  readonly tables: Readonly<Record<TableName, string>>;
  readonly queueUrls: Readonly<Partial<Record<QueueName, string>>>;
  readonly secrets: { readonly file: string } | { readonly secretId: string };
}

export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const missing: string[] = [];
  const required = (name: string): string => {
    const value = env[name];
    if (!value) missing.push(name);
    return value ?? '';
  };
  const district = required(envNames.district);
  const tableNames = Object.fromEntries(tables.map((t) => [t.name, required(envNames.table(t.name))])) as Record<TableName, string>;
  const queueUrls = Object.fromEntries(
    queues.flatMap((q) => (env[envNames.queueUrl(q.name)] ? [[q.name, env[envNames.queueUrl(q.name)]]] : [])),
  ) as Partial<Record<QueueName, string>>;
  const file = env[envNames.secretsFile];
  const secrets = file ? { file } : { secretId: required(envNames.secretId) };
  if (missing.length > 0) throw new Error(`missing environment: ${missing.join(', ')}`);
  return { district, timeZone: env[envNames.timeZone] ?? 'Asia/Shanghai', tables: tableNames, queueUrls, secrets };
}
