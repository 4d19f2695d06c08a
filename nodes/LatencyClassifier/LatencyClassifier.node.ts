import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { compileClassifier, type PerItemNumber, type PerItemValues } from '../shared/latency/classifier';
import { compileRequiredFields } from '../shared/latency/requiredFields';
import { compileSchedule } from '../shared/schedule/batchSchedule';
import { batchScheduleProperties } from './description/batchSchedule';
import { costOfDelayProperties } from './description/costOfDelay';
import { deadlineProperties } from './description/deadline';
import { modeProperty } from './description/mode';
import { optionsProperty } from './description/options';
import { rulesProperties } from './description/rules';
import { goesOnWithError, itemError, settingsOrOutputs } from '../common/errors';
import { compiledPerParameters } from '../shared/values/compiledPerParameters';
import { COMPILED, readSettings } from './settings';

export class LatencyClassifier implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Latency Classifier',
		name: 'latencyClassifier',
		icon: { light: 'file:latencyClassifier.svg', dark: 'file:latencyClassifier.dark.svg' },
		group: ['transform'],
		// 2: ties between ready-made rules of both routes go Real-Time; number settings written as
		// expressions over the item are evaluated per item. Saved version-1 nodes keep version 1's routing.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ {"rules": "By rules", "costOfDelay": "By cost of delay", "deadline": "By deadline"}[$parameter["mode"]] }}',
		description: 'Route each item to Real-Time or Batch by asking what a one-hour delay would cost',
		defaults: { name: 'Latency Classifier' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Real-Time', 'Batch'],
		properties: [modeProperty, ...rulesProperties, ...costOfDelayProperties, ...deadlineProperties, ...batchScheduleProperties, optionsProperty],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		// getNode() hands out a deep copy (about 10 µs, most of a one-item execution): read the saved
		// node as the engine holds it, and copy it only for an error.
		const saved = this.getExecuteData().node;
		// A bad setting with Continue: like an item that could not be judged, out now on Real-Time with the error.
		const read = settingsOrOutputs(
			this,
			() => {
				const compiled = compiledPerParameters(COMPILED, saved, this.getTimezone(), () => {
					const settings = readSettings(this, saved.typeVersion);
					return {
						decisionField: settings.decisionField,
						checkRequiredFields: compileRequiredFields(settings.requiredFields, 'Required Fields'),
						classifierAt: compileClassifier(settings.classifier, compileSchedule(settings.schedule, settings.timezone)),
					};
				});
				return { ...compiled, classify: compiled.classifierAt(Date.now()) };
			},
			2,
			0,
		);
		if ('outputs' in read) return read.outputs;
		const { decisionField, checkRequiredFields, classify } = read.settings;

		const realTime: INodeExecutionData[] = [];
		const batch: INodeExecutionData[] = [];
		const perItem = new ItemParameters(this);
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const item = items[itemIndex];
			perItem.itemIndex = itemIndex;
			try {
				checkRequiredFields?.(item.json);
				const decision = classify(item.json, perItem);
				// Like n8n's If and Switch, route the input item itself: the engine hands each node
				// its own copies of the item wrappers. The json is copied, since upstream nodes share it.
				if (decisionField !== undefined) item.json = { ...item.json, [decisionField]: decision };
				item.pairedItem ??= { item: itemIndex };
				(decision.route === 'realTime' ? realTime : batch).push(item);
			} catch (caught) {
				// An item that could not be judged has not been looked at: it goes out now, keeping its data.
				realTime.push(goesOnWithError(this, itemError(this.getNode(), caught, itemIndex), item.json, { item: itemIndex }));
			}
		}
		return [realTime, batch];
	}
}

/** Evaluates the expressions a rule needs for the current item, and only when it is reached. */
class ItemParameters implements PerItemValues {
	itemIndex = 0;

	constructor(private readonly context: IExecuteFunctions) {}

	ruleValue(ruleIndex: number): unknown {
		return this.context.getNodeParameter(`rules.rule[${ruleIndex}].value`, this.itemIndex);
	}

	ruleExpression(ruleIndex: number): unknown {
		return this.context.getNodeParameter(`rules.rule[${ruleIndex}].condition`, this.itemIndex);
	}

	costExpression(): unknown {
		return this.context.getNodeParameter('costExpression', this.itemIndex);
	}

	numberSetting(name: PerItemNumber): unknown {
		return this.context.getNodeParameter(name, this.itemIndex);
	}
}
