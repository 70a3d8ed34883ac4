import type { PublishCommand, SNSClient } from '@aws-sdk/client-sns';

/** The one method the sender calls: an `SNSClient`, or a fake in tests. */
export interface SnsClientLike {
  send(command: PublishCommand): Promise<{ readonly MessageId?: string | undefined }>;
}

/** One SMS: the opened number, the words, and the notification it belongs to (what errors name instead of the number). */
export interface SmsMessage {
  readonly phone: string;
  readonly text: string;
  readonly notificationId: string;
}

/**
 * An SMS that was not sent. It names the notification, never the number: SNS's own message can quote
 * the number, so it is not kept (not even as `cause`), only the error's name.
 */
export class SmsNotSent extends Error {
  override readonly name = 'SmsNotSent';
  readonly notificationId: string;
  /** SNS's error name (`ThrottledException`, `InvalidParameterException`, …), or why it was never sent. */
  readonly reason: string;
  /** Worth sending again later (throttling, a server fault, no answer); false for what SNS refuses outright. */
  readonly retryable: boolean;

  constructor(notificationId: string, reason: string, retryable: boolean) {
    super(`SMS of notification ${notificationId} not sent: ${reason}`);
    this.notificationId = notificationId;
    this.reason = reason;
    this.retryable = retryable;
  }
}

/**
 * The number in E.164, as SNS wants it: an 11-digit mainland mobile number (with or without 86 in
 * front) gets +86; a number already in E.164 is kept; anything else is undefined.
 */
export function toE164(phone: string): string | undefined {
  const compact = phone.replace(/[\s\-()]/g, '');
  const mainland = /^(?:\+?86|0086)?(1[3-9]\d{9})$/.exec(compact);
  if (mainland) return `+86${mainland[1]}`;
  return /^\+[1-9]\d{7,14}$/.test(compact) ? compact : undefined;
}

const throttling = new Set(['ThrottledException', 'ThrottlingException', 'KMSThrottlingException', 'TooManyRequestsException']);

function isRetryable(error: unknown): boolean {
  const e = error as { name?: unknown; $fault?: unknown; $retryable?: unknown };
  if (typeof e?.name === 'string' && throttling.has(e.name)) return true;
  // Not a service answer at all (network, timeout): the message may or may not have gone.
  return e?.$fault !== 'client' || Boolean(e.$retryable);
}

let snsModule: Promise<typeof import('@aws-sdk/client-sns')> | undefined;
const loadSns = () => (snsModule ??= import('@aws-sdk/client-sns'));

/**
 * Sends SMS with Amazon SNS Publish to a phone number (transactional: SNS routes it for delivery,
 * not price). The SDK package is imported on first send, so only the notifier ever loads it.
 */
export class SnsSmsSender {
  #client: Promise<SnsClientLike> | undefined;

  /** `client` defaults to an `SNSClient` made on the first send. */
  constructor(options: { readonly client?: SnsClientLike } = {}) {
    this.#client = options.client ? Promise.resolve(options.client) : undefined;
  }

  /** SNS's MessageId once SNS has accepted the message; `SmsNotSent` otherwise. */
  async send(message: SmsMessage): Promise<string> {
    const phoneNumber = toE164(message.phone);
    if (!phoneNumber) throw new SmsNotSent(message.notificationId, 'the number is not a mainland mobile number or E.164', false);
    if (!message.text) throw new SmsNotSent(message.notificationId, 'the message is empty', false);
    const { PublishCommand } = await loadSns();
    const client = await (this.#client ??= loadSns().then(({ SNSClient: Client }): SNSClient => new Client({})));
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await client.send(new PublishCommand({
        PhoneNumber: phoneNumber,
        Message: message.text,
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      })));
    } catch (error) {
      const name = error instanceof Error && /^[A-Za-z.]+$/.test(error.name) ? error.name : 'unknown error';
      throw new SmsNotSent(message.notificationId, `SNS refused it (${name})`, isRetryable(error));
    }
    if (!messageId) throw new SmsNotSent(message.notificationId, 'SNS returned no MessageId', true);
    return messageId;
  }
}
