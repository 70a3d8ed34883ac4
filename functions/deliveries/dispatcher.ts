import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { changeDelivery, districtRuntime, giveBackTask, repairTasks, requestDispatch } from '@firstline/adapters';
import { planAssignments } from '@firstline/domain';
import { faultPoint, logger, metrics, MetricUnit, observe, queueMetrics } from '@firstline/http';
import { dispatchMessage } from '@firstline/schemas';
import { findFunction } from '@firstline/service';

const runtime = await districtRuntime();
const processor = new BatchProcessor(EventType.SQS);
/**
 * A task held this long with its delivery still queued was taken by a dispatcher that died before
 * its second write: twice this function's timeout, past which no invocation can still be running.
 */
const abandonedAfterMs = Number(process.env['FIRSTLINE_TASK_ABANDONED_SECONDS'] ?? 2 * findFunction('dispatcher').timeoutSeconds) * 1000;

/**
 * Assigns a grid's queued deliveries to its volunteers (domain `planAssignments`: medical first,
 * fewest open tasks, never across grids). Each assignment is two conditional writes: the volunteer
 * takes the task only while on duty and below capacity, then the delivery moves only if still
 * queued; if that second write loses, the task is given back (compensation, no transactions).
 */
async function dispatchGrid(gridId: string, timeZone: string): Promise<number> {
  const { volunteers, dropped } = await repairTasks(runtime, await runtime.volunteers.ofGrid(gridId), Date.now(), abandonedAfterMs);
  for (const d of dropped) logger.warn('dropping stale tasks', d);
  // With nobody on duty with room, the queue is not read at all: a busy grid's backlog costs
  // nothing per new order until a volunteer frees up.
  if (!volunteers.some((v) => v.onDuty && v.tasks.length < v.capacity)) return 0;
  const queued = await runtime.deliveries.queued(gridId);
  if (queued.length === 0) return 0;
  const plan = planAssignments(queued, volunteers.map((v) => ({ ...v, openTasks: v.tasks.length })));
  let assigned = 0;
  let lostRaces = 0;
  const now = new Date().toISOString();
  for (const { deliveryId, volunteerId } of plan.assignments) {
    if (!(await runtime.volunteers.takeTask(volunteerId, gridId, deliveryId))) {
      lostRaces++;
      continue;
    }
    let outcome: Awaited<ReturnType<typeof changeDelivery>>;
    try {
      faultPoint('dispatcher.assign');
      outcome = await changeDelivery(runtime, deliveryId, { type: 'assign', volunteerId }, 'dispatcher', now, timeZone);
    } catch (error) {
      // The volunteer holds a task the delivery may never have got (the second write failed):
      // give it back unless the delivery did become theirs, then let the message be redelivered.
      await giveBackTask(runtime, volunteerId, deliveryId);
      throw error;
    }
    if (outcome.ok && outcome.changed) {
      assigned++;
      // From the moment it (re)entered the queue: its request, or the requeue after a failed attempt.
      const queuedAt = outcome.delivery.history.findLast((h) => h.status === 'queued')?.at ?? outcome.delivery.requestedAt;
      const seconds = (Date.parse(now) - Date.parse(queuedAt)) / 1000;
      if (Number.isFinite(seconds)) metrics.addMetric('DispatchLatencySeconds', MetricUnit.Seconds, Math.max(0, seconds));
    } else {
      lostRaces++;
      await giveBackTask(runtime, volunteerId, deliveryId);
    }
  }
  // Another dispatcher changed the grid under this plan: look again with fresh state. A plan made
  // on fresh state only names volunteers with room, so this ends when nothing is left to place.
  if (lostRaces > 0) await requestDispatch(runtime, [gridId]);
  return assigned;
}

export const handler = middy(async (event: SQSEvent, context: Context) => {
  const timeZone = (await runtime.registry.index())?.registry.district.timeZone ?? runtime.config.timeZone;
  // Many messages name the same grid: dispatch each grid once a batch, and fail only its messages.
  const byGrid = new Map<string, Promise<number>>();
  return processPartialResponse(event, async (record: SQSRecord) => {
    const { gridId } = dispatchMessage.parse(JSON.parse(record.body));
    if (!byGrid.has(gridId)) byGrid.set(gridId, dispatchGrid(gridId, timeZone));
    const assigned = await byGrid.get(gridId)!;
    logger.debug('grid dispatched', { gridId, assigned });
  }, processor, { context, throwOnFullBatchFailure: false });
}).use(observe(runtime)).use(queueMetrics('dispatcher')).use(injectLambdaContext(logger, { resetKeys: true }));
