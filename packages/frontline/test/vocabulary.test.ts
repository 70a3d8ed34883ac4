import { describe, expect, it } from 'vitest';
import { deliveryEventBody, deliveryStatus, postDeliveryBody, priority, reasons, samplesRecorded, testKind, testResult } from '@firstline/schemas';
import { failureKeys, kindKeys, priorityKeys, statusKeys } from '../src/app/delivery-keys.ts';
import { outcomeKeys, testKindKeys, testResultKeys } from '../src/app/test-rounds.ts';
import { reasonKeys } from '../src/app/verdict.ts';

/** A word the API adds must reach the screen in words, not as `code-purple`: each enum is matched to the app's messages. */
describe("the app's words for the API's vocabulary", () => {
  it.each([
    ['scan reasons', reasons, reasonKeys],
    ['delivery statuses', deliveryStatus.options, statusKeys],
    ['priorities', priority.options, priorityKeys],
    ['delivery kinds', postDeliveryBody.shape.kind.options, kindKeys],
    ['failure reasons', deliveryEventBody.shape.reason.unwrap().options, failureKeys],
    ['test kinds', testKind.options, testKindKeys],
    ['test results', testResult.options, testResultKeys],
    ['sample outcomes', samplesRecorded.shape.results.element.shape.outcome.options, outcomeKeys],
  ] as const)('%s', (_name, api, keys) => {
    expect(Object.keys(keys).filter((k) => k !== 'unverified-offline').sort()).toEqual([...api].sort());
  });
});
