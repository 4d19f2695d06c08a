import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { buildDigest } from '../shared/digest/digest';
import { goesOnWithError, itemError, settingsOrOutputs } from '../common/errors';
import { batchDigestProperties } from './description';
import { readDigestSettings } from './settings';

const MESSAGES = 0;
const LEFT_OUT = 1;

export class BatchDigest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Batch Digest',
		name: 'batchDigest',
		icon: { light: 'file:batchDigest.svg', dark: 'file:batchDigest.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["overflow"] === "top" ? "Top lines" : "Split to fit" }}',
		description: 'Many queued items in, one message (or a few numbered ones) out, each within the size Slack or e-mail takes, with the IDs it covers',
		defaults: { name: 'Batch Digest' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Messages', 'Left Out'],
		properties: batchDigestProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const node = this.getNode();
		const read = settingsOrOutputs(this, () => readDigestSettings(this), 2, LEFT_OUT);
		if ('outputs' in read) return read.outputs;
		const { settings } = read;
		const { messages, summary, leftOut, errors } = buildDigest(
			items.map((item) => item.json),
			settings,
		);
		const outputs: INodeExecutionData[][] = [[], []];
		for (const { itemIndex, error } of errors) {
			const nodeError = itemError(node, error, itemIndex);
			// In no message, so never deleted: it stays for the next run, with what is wrong with it.
			outputs[LEFT_OUT].push(goesOnWithError(this, nodeError, items[itemIndex].json, { item: itemIndex }));
		}
		for (const message of messages) {
			outputs[MESSAGES].push({
				json: {
					message: message.text,
					part: message.part,
					parts: message.parts,
					lineCount: message.lineCount,
					cutLines: message.cutLines,
					ids: message.ids,
					idRanges: message.idRanges,
					itemCount: summary.count,
					counts: summary.counts,
					total: summary.total,
					from: summary.from,
					to: summary.to,
				} as IDataObject,
				pairedItem: message.items.map((item) => ({ item })),
			});
		}
		for (const { itemIndex } of leftOut) {
			outputs[LEFT_OUT].push({
				json: { ...items[itemIndex].json, reason: 'Not listed: the message held the top lines only. It is in no message, so it stays for the next run.' },
				pairedItem: { item: itemIndex },
			});
		}
		return outputs;
	}
}
