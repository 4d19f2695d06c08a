import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import type { HealthOutput } from '../shared/health/evaluate';
import { evaluateChecks } from '../shared/health/evaluate';
import { decodeChecks, encodeChecks } from '../shared/health/memoryCodec';
import { itemError, itemsWithSettingError, settingError } from '../common/errors';
import { checksProperty } from './description/checks';
import { messageProperties } from './description/messages';
import { observeEndpoints } from './endpoint';
import { readHealthSettings, type HealthSettings } from './settings';

const OUTPUT_INDEX: Record<HealthOutput, number> = { alert: 0, resolved: 1, ok: 2 };

export class HealthMonitor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Health Monitor',
		name: 'healthMonitor',
		icon: { light: 'file:healthMonitor.svg', dark: 'file:healthMonitor.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ ($parameter["checks"]?.check?.length ?? 0) + " checks" }}',
		description: 'Stateful checks of business metrics and endpoints: pending, firing, resolved and no data, alerting on change',
		defaults: { name: 'Health Monitor' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Alert', 'Resolved', 'OK'],
		properties: [checksProperty, ...messageProperties],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const node = this.getNode();
		let settings: HealthSettings;
		try {
			settings = readHealthSettings(this);
		} catch (error) {
			const problem = settingError(node, error);
			if (!this.continueOnFail()) throw problem;
			return itemsWithSettingError(this, problem, 3, OUTPUT_INDEX.alert);
		}
		const endpoints = await observeEndpoints(this, settings.endpoints);
		const staticData = this.getWorkflowStaticData('node');
		const memory = decodeChecks(staticData.checks);
		const jsons = items.map((item) => item.json);
		const { results, errors } = evaluateChecks(settings.checks, jsons, endpoints, memory, Date.now(), settings.messages, settings.emitOk);
		staticData.checks = encodeChecks(memory);

		const outputs: INodeExecutionData[][] = [[], [], []];
		const toErrorOutput = node.onError === 'continueErrorOutput';
		const linkTo = (itemIndexes: number[]) =>
			(itemIndexes.length > 0 ? itemIndexes : items.length > 0 ? [0] : []).map((item) => ({ item }));
		for (const { check, itemIndex, error } of errors) {
			const nodeError = itemError(node, error, itemIndex);
			nodeError.message = `Check "${check}": ${nodeError.message}`;
			if (!this.continueOnFail()) throw nodeError;
			// An unreadable metric is a health signal of its own: it goes out on Alert. For the error
			// output, n8n moves it there when its json holds only the error, and adds the item's data.
			outputs[OUTPUT_INDEX.alert].push({
				json: toErrorOutput ? { error: nodeError.message } : { ...items[itemIndex].json, check, error: nodeError.message },
				pairedItem: linkTo([itemIndex]),
			});
		}
		for (const result of results) {
			outputs[OUTPUT_INDEX[result.output]].push({ json: result.json as IDataObject, pairedItem: linkTo(result.items) });
		}
		return outputs;
	}
}

