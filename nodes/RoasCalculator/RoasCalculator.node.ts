import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { adPerformanceProperties } from '../common/adPerformance/description';
import { alertMemoryCredentials } from '../common/alertMemory/description';
import { executeAdPerformance } from '../common/adPerformance/execute';

export class RoasCalculator implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ROAS Calculator',
		name: 'roasCalculator',
		icon: { light: 'file:roasCalculator.svg', dark: 'file:roasCalculator.dark.svg' },
		group: ['transform'],
		// 2: strict amounts and text fields (group separators only in groups of three, no list in a
		// text field, currency codes in upper case, no amount in another currency than its row's).
		// Saved version-1 nodes keep version 1's reading.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ "Target " + ($parameter["targetSource"] === "margin" ? "break-even" : $parameter["targetRoas"]) }}',
		description: 'Return on ad spend per campaign against a target, with alerts that fire on change, not on every run',
		defaults: { name: 'ROAS Calculator' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		credentials: alertMemoryCredentials,
		outputNames: ['Alert', 'OK', 'Insufficient Data'],
		properties: adPerformanceProperties('roas'),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeAdPerformance(this, 'roas');
	}
}
