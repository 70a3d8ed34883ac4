import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { envNames, functions, queues, tables } from '@firstline/service';
import type { FunctionSpec, ServiceManifest } from '@firstline/service';
import { repoRoot } from '../bin/district-configs.ts';
import { ContactKey, contactKeyAlias, contactKeyLogicalId, contactOpenerRoleName } from '../constructs/contact-key.ts';
import { checkFunctionSpecs, ServiceFunctions } from '../constructs/service-functions.ts';
import { synthDistrict } from './synth.ts';
import { actionsOf, ofType, resourcesOf, statementsOfRole } from './template-refs.ts';
import type { Resource, Statement } from './template-refs.ts';

interface KeyStatement extends Statement {
  readonly Sid?: string;
  readonly Principal: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const contextOf = (district: string) => ({ 'kms:EncryptionContext:district': district, 'kms:EncryptionContext:purpose': 'contact' });

/** Each function of an API template: its manifest name, role logical id, role and environment. */
function functionsOf(template: Template) {
  const resources = resourcesOf(template);
  return ofType(template, 'AWS::Lambda::Function').map(([, fn]) => {
    const name = String(fn.Properties!['Description']).split(': ').pop()!;
    const roleId = (fn.Properties!['Role'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const environment = (fn.Properties!['Environment'] as { Variables: Record<string, unknown> }).Variables;
    return { name, roleId, role: resources[roleId]!, environment, statements: statementsOfRole(template, roleId) };
  });
}

const allows = (statements: readonly Statement[], action: string) => statements.filter((s) => s.Effect === 'Allow' && actionsOf(s).some((a) => a === action || a === 'kms:*' || a === '*'));
const keyOf = (template: Template) => resourcesOf(template)[contactKeyLogicalId]!;
const keyStatements = (key: Resource) => (key.Properties!['KeyPolicy'] as { Statement: KeyStatement[] }).Statement;

/** What the key, the roles and the environments must say, for the given manifest functions. */
function expectContactGrants(api: Template, key: Resource, specs: readonly FunctionSpec[], district: string) {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const fns = functionsOf(api);
  expect(fns.map((f) => f.name).sort()).toEqual([...byName.keys()].sort());
  for (const fn of fns) {
    const spec = byName.get(fn.name)!;
    const decrypt = allows(fn.statements, 'kms:Decrypt');
    const generate = allows(fn.statements, 'kms:GenerateDataKey');
    expect(decrypt.length > 0, `${fn.name} kms:Decrypt`).toBe(spec.contactKey === 'open');
    expect(generate.length > 0, `${fn.name} kms:GenerateDataKey`).toBe(spec.contactKey === 'seal');
    for (const s of [...decrypt, ...generate]) {
      expect(JSON.stringify(s.Resource), fn.name).toContain(contactKeyLogicalId);
      expect((s as KeyStatement).Condition, fn.name).toEqual({ StringEquals: contextOf(district) });
    }
    expect(fn.environment[envNames.contactKeyId] !== undefined, `${fn.name} ${envNames.contactKeyId}`).toBe(spec.contactKey !== undefined);
    if (spec.contactKey) expect(JSON.stringify(fn.environment[envNames.contactKeyId]), fn.name).toContain(contactKeyLogicalId);
    expect(allows(fn.statements, 'sns:Publish').length > 0, `${fn.name} sns:Publish`).toBe(spec.sms === true);
    expect(fn.role.Properties!['RoleName'], fn.name).toEqual(spec.contactKey === 'open' ? contactOpenerRoleName(district, fn.name) : undefined);
  }

  // The key's policy: the account administers it through IAM, seals under the context, and no one
  // but the open functions' roles (by name) may decrypt, nor create grants, nor re-encrypt.
  expect(key.Type).toBe('AWS::KMS::Key');
  expect(key.Properties!['EnableKeyRotation']).toBe(true);
  expect(key.DeletionPolicy).toBe('Retain');
  const statements = keyStatements(key);
  for (const s of statements) {
    expect(s.Effect, s.Sid).toBe('Allow');
    expect(JSON.stringify(s.Principal), s.Sid).toMatch(/:root"/);
    for (const action of actionsOf(s)) expect(action, s.Sid).not.toMatch(/\*|CreateGrant|ReEncrypt|GenerateDataKeyWithoutPlaintext|Encrypt$/);
  }
  const decryptors = statements.filter((s) => actionsOf(s).includes('kms:Decrypt'));
  const openers = specs.filter((s) => s.contactKey === 'open').map((s) => contactOpenerRoleName(district, s.name));
  if (openers.length === 0) {
    expect(decryptors).toEqual([]);
  } else {
    expect(decryptors).toHaveLength(1);
    expect(actionsOf(decryptors[0]!)).toEqual(['kms:Decrypt']);
    const condition = decryptors[0]!.Condition!;
    expect(condition['StringEquals']).toEqual(contextOf(district));
    const arns = [condition['ArnEquals']!['aws:PrincipalArn']].flat();
    expect(arns).toHaveLength(openers.length);
    for (const name of openers) expect(arns.some((arn) => JSON.stringify(arn).endsWith(`:role/${name}"]]}`)), name).toBe(true);
  }
  const sealers = statements.filter((s) => actionsOf(s).includes('kms:GenerateDataKey'));
  expect(sealers.map((s) => s.Condition)).toEqual([{ StringEquals: contextOf(district) }]);
}

describe('the contact key with a synthetic manifest (a sealer, an opener that sends SMS, a bystander)', () => {
  const entry = 'functions/openapi/district-openapi.ts';
  const specs: FunctionSpec[] = [
    { name: 'sealer-probe', entry, memoryMb: 128, timeoutSeconds: 5, contactKey: 'seal' },
    { name: 'opener-probe', entry, memoryMb: 128, timeoutSeconds: 5, contactKey: 'open', sms: true },
    { name: 'bystander-probe', entry, memoryMb: 128, timeoutSeconds: 5 },
  ];
  let api: Template;
  let data: Template;

  beforeAll(() => {
    // As deployed: the key in the data stack, the functions in the API stack that depends on it.
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const dataStack = new Stack(app, 'ProbeData');
    const contact = new ContactKey(dataStack, 'Contact', { district: 'demo', openers: specs.filter((s) => s.contactKey === 'open').map((s) => s.name) });
    const apiStack = new Stack(app, 'ProbeApi');
    const service: ServiceManifest = { kind: 'district', tables, queues: [], functions: specs };
    new ServiceFunctions(apiStack, 'Functions', {
      service, repoRoot, district: 'demo', timeZone: 'Asia/Shanghai', tables: {}, queues: {}, contactKey: contact.key, logRetention: RetentionDays.ONE_DAY,
    });
    api = Template.fromStack(apiStack);
    data = Template.fromStack(dataStack);
  });

  it('lets only the opener decrypt (IAM and key policy), the sealer only generate data keys, and tells only those two the key', () => {
    expectContactGrants(api, keyOf(data), specs, 'demo');
  });

  it('gives sns:Publish to the function that sends SMS and to no other', () => {
    const publishers = functionsOf(api).filter((f) => allows(f.statements, 'sns:Publish').length > 0).map((f) => f.name);
    expect(publishers).toEqual(['opener-probe']);
  });

  it('rotates the key, keeps it on delete, names it by alias, and pins its logical id', () => {
    data.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    data.hasResourceProperties('AWS::KMS::Alias', { AliasName: contactKeyAlias('demo') });
    expect(keyOf(data)).toBeDefined();
  });

  it('gives the account no kms:* and nothing that could hand out Decrypt', () => {
    const all = keyStatements(keyOf(data)).flatMap(actionsOf);
    expect(all).not.toContain('kms:*');
    expect(all).not.toContain('kms:CreateGrant');
    expect(all).toContain('kms:PutKeyPolicy');
  });

  it('refuses a function with contactKey in a stack without the key', () => {
    expect(() => checkFunctionSpecs([specs[0]!], queues, { tables: [], queues: [], contactKey: false })).toThrow(/sealer-probe declares contactKey 'seal', but this stack holds no contact key/);
  });
});

describe('the contact key of a district, from the service manifest\'s flags', () => {
  let api: Template;
  let data: Template;

  beforeAll(() => {
    const district = synthDistrict('demo', { bundle: false });
    api = district.apiTemplate;
    data = district.dataTemplate;
  });

  it('gives Decrypt to the open functions only, GenerateDataKey to the seal ones only, sns:Publish to the sms ones only', () => {
    expectContactGrants(api, keyOf(data), functions, 'demo');
  });

  it('is one key in the data stack, none in the API stack', () => {
    expect(ofType(data, 'AWS::KMS::Key')).toHaveLength(1);
    expect(resourcesOf(api)[contactKeyLogicalId]).toBeUndefined();
  });
});
