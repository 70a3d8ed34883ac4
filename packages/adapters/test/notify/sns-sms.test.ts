import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import type { SnsClientLike } from '../../src/notify/sns-sms.ts';
import { SmsNotSent, SnsSmsSender, toE164 } from '../../src/notify/sns-sms.ts';

const phone = '13812345678';
const message = { phone, text: '您的团购已到，请到楼下领取。', notificationId: 'n-1' };

function fakeSns(answer: (command: PublishCommand) => Promise<{ MessageId?: string }>) {
  const sent: PublishCommand[] = [];
  const client: SnsClientLike = {
    send: (command) => {
      sent.push(command);
      return answer(command);
    },
  };
  return { client, sent };
}

describe('SMS through SNS', () => {
  it('a real SNSClient fits the client the sender takes', () => {
    const client: SnsClientLike = new SNSClient({ region: 'cn-north-1' });
    expect(client).toBeDefined();
  });

  it('publishes one transactional SMS to the number in E.164 and answers SNS\'s MessageId', async () => {
    const sns = fakeSns(async () => ({ MessageId: 'm-1' }));

    expect(await new SnsSmsSender({ client: sns.client }).send(message)).toBe('m-1');
    expect(sns.sent).toHaveLength(1);
    expect(sns.sent[0]).toBeInstanceOf(PublishCommand);
    expect(sns.sent[0]!.input).toEqual({
      PhoneNumber: '+8613812345678',
      Message: message.text,
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
  });

  it('writes mainland numbers as +86 and keeps E.164, refusing anything else', () => {
    expect(toE164('13812345678')).toBe('+8613812345678');
    expect(toE164('138 1234 5678')).toBe('+8613812345678');
    expect(toE164('+86 138-1234-5678')).toBe('+8613812345678');
    expect(toE164('8613812345678')).toBe('+8613812345678');
    expect(toE164('+85291234567')).toBe('+85291234567');
    for (const bad of ['1381234567', '23812345678', '138123456789', '+0123', 'tel:13812345678', '']) expect(toE164(bad), bad).toBeUndefined();
  });

  it('names the notification, never the number, when SNS refuses (even when SNS\'s own message quotes it)', async () => {
    const refusal = Object.assign(new Error(`Invalid parameter: PhoneNumber Reason: +86${phone} is opted out`), { name: 'InvalidParameterException', $fault: 'client' });
    const sns = fakeSns(() => Promise.reject(refusal));

    const error = await new SnsSmsSender({ client: sns.client }).send(message).then(() => { throw new Error('it did not fail'); }, (e: unknown) => e as SmsNotSent);

    expect(error).toBeInstanceOf(SmsNotSent);
    expect(error).toMatchObject({ notificationId: 'n-1', reason: 'SNS refused it (InvalidParameterException)', retryable: false });
    const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack, cause: error.cause });
    expect(everything).not.toContain(phone);
    expect(everything).not.toContain(phone.slice(-8));
  });

  it('marks throttling and server faults retryable', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException', $fault: 'client' });
    const down = Object.assign(new Error('Internal'), { name: 'InternalErrorException', $fault: 'server' });

    for (const [failure, retryable] of [[throttled, true], [down, true], [new Error('socket hang up'), true]] as const) {
      const error = await new SnsSmsSender({ client: fakeSns(() => Promise.reject(failure)).client }).send(message).then(() => { throw new Error('it did not fail'); }, (e: unknown) => e as SmsNotSent);
      expect(error.retryable, failure.name).toBe(retryable);
    }
  });

  it('sends nothing to a number that is not one, and says so without it', async () => {
    const sns = fakeSns(async () => ({ MessageId: 'm-1' }));

    const error = await new SnsSmsSender({ client: sns.client }).send({ ...message, phone: '0271234' }).then(() => { throw new Error('it did not fail'); }, (e: unknown) => e as SmsNotSent);

    expect(error).toBeInstanceOf(SmsNotSent);
    expect(error.message).not.toContain('0271234');
    expect(sns.sent).toEqual([]);
  });

  it('throws when SNS answers without a MessageId', async () => {
    await expect(new SnsSmsSender({ client: fakeSns(async () => ({})).client }).send(message)).rejects.toThrow(/no MessageId/);
  });
});
