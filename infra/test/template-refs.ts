import type { Template } from 'aws-cdk-lib/assertions';

export interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export const resourcesOf = (template: Template): Record<string, Resource> => template.toJSON()['Resources'] as Record<string, Resource>;

export const ofType = (template: Template, type: string): [string, Resource][] =>
  Object.entries(resourcesOf(template)).filter(([, r]) => r.Type === type);

interface Output {
  readonly Value: unknown;
  readonly Export?: { readonly Name: string };
}

/** What one cross-stack reference in a consumer template points at, in the producer's template. */
export interface ProducerRef {
  readonly stack: string;
  readonly logicalId?: string;
  readonly attribute?: string;
}

/**
 * Every cross-stack reference inside `value` (weak `Fn::GetStackOutput` or strong `Fn::ImportValue`),
 * resolved through the producer's outputs to the resource it names.
 */
export function crossStackRefs(value: unknown, producer: { readonly stackName: string; readonly template: Template }): ProducerRef[] {
  const outputs = (producer.template.toJSON()['Outputs'] ?? {}) as Record<string, Output>;
  const resolve = (stack: string, output: Output | undefined): ProducerRef => {
    const v = output?.Value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
    if (v?.Ref) return { stack, logicalId: v.Ref };
    if (v?.['Fn::GetAtt']) return { stack, logicalId: v['Fn::GetAtt'][0], attribute: v['Fn::GetAtt'][1] };
    return { stack };
  };
  const found: ProducerRef[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    const weak = obj['Fn::GetStackOutput'] as { StackName: string; OutputName: string } | undefined;
    if (weak) {
      found.push(resolve(weak.StackName, weak.StackName === producer.stackName ? outputs[weak.OutputName] : undefined));
      return;
    }
    const strong = obj['Fn::ImportValue'];
    if (typeof strong === 'string') {
      const stack = strong.split(':')[0]!;
      found.push(resolve(stack, Object.values(outputs).find((o) => o.Export?.Name === strong)));
      return;
    }
    Object.values(obj).forEach(walk);
  };
  walk(value);
  return found;
}

export interface Statement {
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Effect: string;
}

/** The inline policy statements attached to one role (by its logical id). */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  return ofType(template, 'AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties!['Roles'] as { Ref?: string }[]).some((r) => r.Ref === roleLogicalId))
    .flatMap(([, p]) => (p.Properties!['PolicyDocument'] as { Statement: Statement[] }).Statement);
}

export const actionsOf = (s: Statement): string[] => [s.Action].flat();
