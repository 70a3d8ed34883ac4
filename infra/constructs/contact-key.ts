import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { CfnResource } from 'aws-cdk-lib';
import { AccountRootPrincipal, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Pinned: replacing the key would leave every sealed number unreadable. */
export const contactKeyLogicalId = 'ContactKey';

export const contactKeyAlias = (district: string) => `alias/firstline/${district}/contact`;

/**
 * The name of the role of a function that may open numbers (`contactKey: 'open'`). The key lives in
 * the data stack, deployed before the functions, so its policy names the role by this name rather
 * than by reference; the API stack gives the role exactly this name.
 */
export function contactOpenerRoleName(district: string, functionName: string): string {
  const name = `firstline-${district}-${functionName}`;
  if (name.length > 64) throw new Error(`the role name ${name} is longer than IAM's 64 characters`);
  return name;
}

/**
 * The KMS encryption context every data key of the district's contact numbers carries (the
 * adapters' `contactEncryptionContext`), as the condition that holds each grant to it.
 */
export const contactKeyConditions = (district: string) => ({
  StringEquals: { 'kms:EncryptionContext:district': district, 'kms:EncryptionContext:purpose': 'contact' },
});

/**
 * What the account may do to the key through IAM: manage it, never use it. Spelled out, not
 * `kms:Create*` and the like: those would include `kms:CreateGrant`, with which any administrator
 * could hand Decrypt to anyone without touching this policy.
 */
export const contactKeyAdminActions = [
  'kms:CancelKeyDeletion', 'kms:CreateAlias', 'kms:DeleteAlias', 'kms:DescribeKey', 'kms:DisableKey', 'kms:DisableKeyRotation',
  'kms:EnableKey', 'kms:EnableKeyRotation', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListAliases', 'kms:ListGrants',
  'kms:ListKeyPolicies', 'kms:ListKeyRotations', 'kms:ListResourceTags', 'kms:PutKeyPolicy', 'kms:RevokeGrant', 'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion', 'kms:TagResource', 'kms:UntagResource', 'kms:UpdateAlias', 'kms:UpdateKeyDescription',
];

export interface ContactKeyProps {
  readonly district: string;
  /** The functions that may open numbers (`contactKey: 'open'` in the manifest: the notifier). */
  readonly openers: readonly string[];
}

/**
 * The district's key for consented phone numbers (envelope encryption: each number under its own
 * data key, the data key under this key). Its policy is the whole of who may use it:
 * - the account may administer it (IAM decides who), but gets no use of it, and no grants;
 * - any principal the account's IAM allows may `GenerateDataKey` under the district's contact
 *   context: sealing reveals nothing (the API stack allows it to the `seal` functions only);
 * - `Decrypt`, under the same context, only by the roles of the `open` functions, by name, and
 *   only if IAM allows them too. No other principal of the account can be given Decrypt by IAM.
 * Rotated yearly by KMS; retained if the stack is ever deleted (the numbers would be lost with it).
 */
export class ContactKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: ContactKeyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const account = new AccountRootPrincipal();
    const openerArns = props.openers.map((name) => stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: contactOpenerRoleName(props.district, name) }));
    const conditions = contactKeyConditions(props.district);
    const policy = new PolicyDocument({
      statements: [
        new PolicyStatement({ sid: 'AdministerThroughIam', principals: [account], actions: contactKeyAdminActions, resources: ['*'] }),
        new PolicyStatement({ sid: 'SealThroughIam', principals: [account], actions: ['kms:GenerateDataKey'], resources: ['*'], conditions }),
        ...(openerArns.length > 0
          ? [new PolicyStatement({
            sid: 'OpenByTheNotifierOnly',
            principals: [account],
            actions: ['kms:Decrypt'],
            resources: ['*'],
            // aws:PrincipalArn of a role's session is the role's ARN: only these roles match.
            conditions: { ...conditions, ArnEquals: { 'aws:PrincipalArn': openerArns } },
          })]
          : []),
      ],
    });
    this.key = new Key(this, 'Key', {
      description: `Firstline ${props.district}: residents' consented phone numbers (data keys of the sealed numbers)`,
      alias: contactKeyAlias(props.district),
      enableKeyRotation: true,
      // A policy of our own: CDK's default would give the account root kms:*, Decrypt included.
      policy,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    (this.key.node.defaultChild as CfnResource).overrideLogicalId(contactKeyLogicalId);
  }
}
