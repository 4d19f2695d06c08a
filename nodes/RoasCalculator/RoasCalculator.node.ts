import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { adPerformanceProperties } from '../common/adPerformance/description';
import { alertMemoryCredentials } from '../common/alertMemory/description';
import { executeAdPerformance } from '../common/adPerformance/execute';

export class RoasCalculator implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ROAS Calculator',
		name: 'roasCalculator',
		icon: { light: 'file:roasCalculator.svg', dark: 'file:roasCalculator.dark.svg' },
		group: ['transform'],
		version: 1,
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
