import { NodeOperationError, sleep, type IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_MEMORY_TABLE, dataTableStore } from '../../shared/alertMemory/dataTableStore';
import { runWithMemory } from '../../shared/alertMemory/runWithMemory';
import { staticDataStore } from '../../shared/alertMemory/staticDataStore';
import { MemoryStoreError, type MemoryCodec, type MemoryStore } from '../../shared/alertMemory/store';
import { attemptAsync } from '../../shared/values/attempt';
import { publicApiOf } from '../publicApiTransport';

/** How a node finds the memory it kept in its own static data before this version (by node name). */
export type LegacyReader = (nodeStaticData: Record<string, unknown>) => string | undefined;

const LEGACY_FIELDS = ['schema', 'checks', 'alerts'];

/**
 * Runs `evaluate` on the node's alert memory, from the store its Alert Memory parameter names, and
 * saves what it returns. A store that cannot be read or written fails the run with an error that
 * names the store and the cause (returned, for On Error: Continue): an alert is never dropped
 * because memory was unavailable.
 */
export async function withAlertMemory<M, R extends { memory: M }>(
	context: IExecuteFunctions,
	codec: MemoryCodec<M>,
	legacy: LegacyReader,
	evaluate: (memory: M) => R,
): Promise<{ ok: true; result: R } | { ok: false; error: NodeOperationError }> {
	const run = await attemptAsync(async () => runWithMemory(await alertMemoryStore(context, legacy), codec, evaluate, sleep));
	if (run.ok) return { ok: true, result: run.value };
	const { error } = run;
	if (!(error instanceof MemoryStoreError)) throw error;
	const description = [error.hint, 'Nothing was sent and nothing was saved: the next run judges these items again.'].filter(Boolean).join(' ');
	return { ok: false, error: new NodeOperationError(context.getNode(), `Alert memory (${error.store}): ${error.message}`, { description }) };
}

async function alertMemoryStore(context: IExecuteFunctions, legacy: LegacyReader): Promise<MemoryStore> {
	const node = context.getNode();
	const nodeStaticData = context.getWorkflowStaticData('node') as Record<string, unknown>;
	const earlier = {
		read: () => legacy(nodeStaticData),
		clear: () => {
			for (const field of LEGACY_FIELDS) delete nodeStaticData[field];
		},
	};
	const workflowStore = staticDataStore(context.getWorkflowStaticData('global') as Record<string, unknown>, node.id, earlier);
	if (context.getNodeParameter('alertMemory', 0, 'workflow') !== 'dataTable') return workflowStore;

	const { api, instance: baseUrl } = await publicApiOf(context);
	const table = String(context.getNodeParameter('alertMemoryTable', 0, DEFAULT_MEMORY_TABLE)).trim() || DEFAULT_MEMORY_TABLE;
	return dataTableStore({
		api,
		instance: baseUrl,
		table,
		key: `${context.getWorkflow().id ?? ''}/${node.id}`,
		nodeName: node.name,
		readOnly: context.getMode() === 'manual',
		// Memory the node kept in this workflow before the switch seeds its row, so no firing alert is lost.
		seed: workflowStore,
	});
}
