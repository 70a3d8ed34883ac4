import type { DistrictPorts } from '@firstline/app';
import type { CaseEventQueue } from '@firstline/domain/health-codes/index';
import type { DistrictRuntime } from '../runtime/district-runtime.ts';
import { provinceRuntime } from './province-runtime.ts';
import { provinceReportsQueue } from './report-queue.ts';

/**
 * A district function's runtime with the province's ports, when its stack has a province configured
 * (`FIRSTLINE_PROVINCE_URL` and its link): the gate then accepts the province's code by policy,
 * registration links residents to it, and cases go upward through `province-reports`. Without
 * one, the runtime is returned as it is and everything works as before the province was connected.
 * Kept out of `districtRuntime` so that only the functions that talk to the province bundle it.
 */
export async function withProvince<R extends DistrictRuntime>(runtime: R): Promise<R & Pick<DistrictPorts, 'province' | 'caseEvents'>> {
  const province = await provinceRuntime({ documents: runtime.clients.documents, coreTable: runtime.config.tables.core });
  if (!province) return runtime;
  const queueUrl = runtime.config.queueUrls['province-reports'];
  const caseEvents: CaseEventQueue = {
    // Resolved on the first case: a gate's function holds the province but never sends to its queue.
    announce: async (events) => {
      if (!queueUrl) throw new Error('no province-reports queue configured');
      await provinceReportsQueue(await runtime.clients.sqs(), queueUrl).announce(events);
    },
  };
  return { ...runtime, province, caseEvents };
}
