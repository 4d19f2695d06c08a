import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import { markedIfTest } from '../../shared/alerting/testRun';
import { InvalidItemValueError } from '../../shared/errors';
import type { Output } from '../../shared/metrics/evaluate';
import { evaluateGroups } from '../../shared/metrics/evaluate';
import { adMemoryCodec, legacyAdText } from '../../shared/metrics/memoryCodec';
import { withAlertMemory } from '../alertMemory/run';
import { emptyRow } from '../../shared/metrics/adRow';
import { createAggregator } from '../../shared/metrics/groups';
import { errorInRow } from '../../shared/metrics/responseRows';
import { attempt } from '../../shared/values/attempt';
import type { MetricKind } from '../../shared/metrics/judge';
import { goesOnWithError, itemError, settingErrorOutputs, settingsOrOutputs } from '../errors';
import { readAdPerformanceSettings } from './settings';

const OUTPUT_INDEX: Record<Output, number> = { alert: 0, ok: 1, insufficient: 2 };

/**
 * The execute step of the ROAS Calculator and the CPA Tracker: rows in, one item per group out,
 * on Alert, OK or Insufficient Data. Alert memory (see alertMemory/) is saved only once every item
 * has been dealt with, so a run that stops changes nothing.
 */
export async function executeAdPerformance(context: IExecuteFunctions, kind: MetricKind): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const node = context.getNode();
	const read = settingsOrOutputs(context, () => readAdPerformanceSettings(context, kind), 3, OUTPUT_INDEX.insufficient);
	if ('outputs' in read) return read.outputs;
	const { settings } = read;
	const outputs: INodeExecutionData[][] = [[], [], []];
	const fail = (error: NodeOperationError, itemIndexes: number[], fields: IDataObject, into = outputs) => {
		// Rows that could not be judged go out with their error.
		into[OUTPUT_INDEX.insufficient].push(
			goesOnWithError(
				context,
				error,
				fields,
				itemIndexes.map((item) => ({ item })),
			),
		);
	};

	const aggregator = createAggregator(settings.groupBy, settings.split);
	const row = emptyRow();
	// The row of a whole response that spoiled its campaign, to go out with the error instead of the whole page.
	const rowsInResponses = new Map<InvalidItemValueError, IDataObject>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const failure = settings.readFailure(items[itemIndex].json);
		if (failure) {
			aggregator.failSource(itemIndex, failure);
			continue;
		}
		const rows = attempt(() => settings.rowsOf(items[itemIndex].json));
		if (!rows.ok) {
			fail(itemError(node, rows.error, itemIndex), [itemIndex], items[itemIndex].json);
			continue;
		}
		for (const { json, path } of rows.value) {
			try {
				settings.readRow(json, row);
				aggregator.add(itemIndex, row);
			} catch (caught) {
				const error = caught instanceof InvalidItemValueError ? errorInRow(caught, path) : caught;
				// A bad row of a campaign takes the whole campaign out of judgement (reported below).
				if (error instanceof InvalidItemValueError && aggregator.reject(itemIndex, row, error)) {
					if (path !== '') rowsInResponses.set(error, json as IDataObject);
					continue;
				}
				fail(itemError(node, error, itemIndex), [itemIndex], json as IDataObject);
			}
		}
	}
	const grouped = aggregator.result();
	for (const { itemIndex, error } of grouped.unplaced) fail(itemError(node, error, itemIndex), [itemIndex], items[itemIndex].json);

	const testRun = context.getMode() === 'manual';
	// Judged again, from the memory another execution saved, if that one saved first.
	const run = await withAlertMemory(context, adMemoryCodec, legacyAdText, (saved) => {
		const { results, problems, memory } = evaluateGroups(grouped, settings.evaluation, saved, Date.now());
		const judged: INodeExecutionData[][] = [[], [], []];
		for (const problem of problems) {
			// The group's item is the row that spoiled it, unchanged, plus whose group it is where the row does not say.
			const spoiler = rowsInResponses.get(problem.error) ?? items[problem.itemIndex].json;
			fail(itemError(node, problem.error, problem.itemIndex), problem.items, { ...(problem.group as IDataObject), ...spoiler }, judged);
		}
		for (const result of results) {
			const json = result.output === 'alert' ? markedIfTest(result.json, testRun) : result.json;
			judged[OUTPUT_INDEX[result.output]].push({ json: json as IDataObject, pairedItem: result.items.map((item) => ({ item })) });
		}
		return { memory, judged };
	});
	if (!run.ok) return settingErrorOutputs(context, run.error, 3, OUTPUT_INDEX.insufficient);
	return outputs.map((output, index) => output.concat(run.result.judged[index]));
}
