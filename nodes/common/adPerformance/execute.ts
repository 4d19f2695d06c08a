import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import { pruneMemory, type AlertMemory } from '../../shared/alerting/alertState';
import type { Output } from '../../shared/metrics/evaluate';
import { evaluateGroups } from '../../shared/metrics/evaluate';
import { emptyRow } from '../../shared/metrics/adRow';
import { createAggregator } from '../../shared/metrics/groups';
import type { MetricKind } from '../../shared/metrics/judge';
import { itemError, itemsWithSettingError, settingError } from '../errors';
import { readAdPerformanceSettings, type AdPerformanceSettings } from './settings';

const OUTPUT_INDEX: Record<Output, number> = { alert: 0, ok: 1, insufficient: 2 };
/** A campaign not seen for this long is forgotten, so the saved state stays small. */
const FORGET_AFTER_MS = 30 * 24 * 3_600_000;

/**
 * The execute step of the ROAS Calculator and the CPA Tracker: rows in, one item per group out,
 * on Alert, OK or Insufficient Data. Alert memory lives in the node's workflow static data.
 */
export async function executeAdPerformance(context: IExecuteFunctions, kind: MetricKind): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const node = context.getNode();
	let settings: AdPerformanceSettings;
	try {
		settings = readAdPerformanceSettings(context, kind);
	} catch (error) {
		const problem = settingError(node, error);
		if (!context.continueOnFail()) throw problem;
		return itemsWithSettingError(context, problem, 3, OUTPUT_INDEX.insufficient);
	}
	const outputs: INodeExecutionData[][] = [[], [], []];
	const toErrorOutput = node.onError === 'continueErrorOutput';
	const fail = (error: NodeOperationError, itemIndexes: number[], fields: IDataObject) => {
		if (!context.continueOnFail()) throw error;
		// Rows that could not be judged go out with their error; for the error output the engine
		// merges the row's own data back in when the json holds only the error.
		outputs[OUTPUT_INDEX.insufficient].push({
			json: toErrorOutput ? { error: error.message } : { ...fields, error: error.message },
			pairedItem: itemIndexes.map((item) => ({ item })),
		});
	};

	const aggregator = createAggregator(settings.groupBy, settings.split);
	const row = emptyRow();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			settings.readRow(items[itemIndex].json, row);
			aggregator.add(itemIndex, row);
		} catch (caught) {
			fail(itemError(node, caught, itemIndex), [itemIndex], items[itemIndex].json);
		}
	}
	const grouped = aggregator.result();
	for (const { itemIndex, error } of grouped.unplaced) fail(itemError(node, error, itemIndex), [itemIndex], items[itemIndex].json);

	const staticData = context.getWorkflowStaticData('node');
	const memory = (staticData.alerts ??= {}) as Record<string, AlertMemory>;
	const now = Date.now();
	const { results, problems } = evaluateGroups(grouped, settings.evaluation, memory, now);
	pruneMemory(memory, now, FORGET_AFTER_MS);
	for (const problem of problems) fail(itemError(node, problem.error, problem.itemIndex), problem.items, problem.group as IDataObject);

	for (const result of results) {
		outputs[OUTPUT_INDEX[result.output]].push({
			json: result.json as IDataObject,
			pairedItem: result.items.map((item) => ({ item })),
		});
	}
	return outputs;
}
