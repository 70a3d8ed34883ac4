import { closeShard } from '@firstline/app';
import { functionRuntime, registryStore, scanCountStore, caseStore, snapshotStore, deliveryStore, gridLogStore, careCountStore, closeRunStore } from '@firstline/adapters';
import { logger, queueConsumer } from '@firstline/http';
import { closeShardMessage } from '@firstline/schemas';

const runtime = await functionRuntime('close-shard', [registryStore, scanCountStore, caseStore, snapshotStore, deliveryStore, gridLogStore, careCountStore, closeRunStore]);

/** One shard of a close: a failure brings it back whole, and closing it again is idempotent. */
export const handler = queueConsumer(runtime, 'close-shards', closeShardMessage, () => ({
  message: async ({ v: _v, ...shard }) => logger.info('close shard done', await closeShard(runtime, shard)),
}));
