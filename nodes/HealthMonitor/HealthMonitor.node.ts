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
import { healthMemoryCodec, legacyHealthText } from '../shared/health/memoryCodec';
import { alertMemoryCredentials, alertMemoryProperties } from '../common/alertMemory/description';
import { withAlertMemory } from '../common/alertMemory/run';
import { goesOnWithError, itemError, settingErrorOutputs, settingsOrOutputs } from '../common/errors';
import { markedIfTest } from '../shared/alerting/testRun';
import { checksProperty } from './description/checks';
import { messageProperties } from './description/messages';
import { observeEndpoints } from './requestEndpoints';
import { readHealthSettings } from './settings';

const OUTPUT_INDEX: Record<HealthOutput, number> = { alert: 0, resolved: 1, ok: 2 };

export class HealthMonitor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Health Monitor',
		name: 'healthMonitor',
		icon: { light: 'file:healthMonitor.svg', dark: 'file:healthMonitor.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ ($parameter["checks"]?.check?.length ?? 0) + " checks" }}',
		description: 'Stateful checks of business metrics and endpoints: pending, firing, resolved and no data, alerting on change',
		defaults: { name: 'Health Monitor' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Alert', 'Resolved', 'OK'],
		credentials: alertMemoryCredentials,
		properties: [checksProperty, ...messageProperties, ...alertMemoryProperties],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const node = this.getNode();
		const read = settingsOrOutputs(this, () => readHealthSettings(this, node.typeVersion), 3, OUTPUT_INDEX.alert);
		if ('outputs' in read) return read.outputs;
		const { settings } = read;
		const endpoints = await observeEndpoints(this, settings.endpoints);
		const jsons = items.map((item) => item.json);
		const linkTo = (itemIndexes: number[]) => (itemIndexes.length > 0 ? itemIndexes : items.length > 0 ? [0] : []).map((item) => ({ item }));
		const testRun = this.getMode() === 'manual';

		// Runs again, from the memory another execution saved, if that one saved first.
		const run = await withAlertMemory(this, healthMemoryCodec, legacyHealthText, (saved) => {
			const { results, errors, memory } = evaluateChecks(settings.checks, jsons, endpoints, saved, Date.now(), settings.messages, settings.emitOk);
			const outputs: INodeExecutionData[][] = [[], [], []];
			for (const { check, itemIndex, error } of errors) {
				const nodeError = itemError(node, error, itemIndex);
				nodeError.message = `Check "${check}": ${nodeError.message}`;
				// An unreadable metric is a health signal of its own: it goes out on Alert.
				outputs[OUTPUT_INDEX.alert].push(goesOnWithError(this, nodeError, { ...items[itemIndex].json, check }, linkTo([itemIndex])));
			}
			for (const result of results) {
				const json = result.output === 'ok' ? result.json : markedIfTest(result.json, testRun);
				outputs[OUTPUT_INDEX[result.output]].push({ json: json as IDataObject, pairedItem: linkTo(result.items) });
			}
			// Saved only once this returns: a run that stopped on an error above changes no alert state.
			return { memory, outputs };
		});
		if (!run.ok) return settingErrorOutputs(this, run.error, 3, OUTPUT_INDEX.alert);
		return run.result.outputs;
	}
}
