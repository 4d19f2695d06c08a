import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { adPerformanceProperties } from '../common/adPerformance/description';
import { alertMemoryCredentials } from '../common/alertMemory/description';
import { executeAdPerformance } from '../common/adPerformance/execute';

export class CpaTracker implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CPA Tracker',
		name: 'cpaTracker',
		icon: { light: 'file:cpaTracker.svg', dark: 'file:cpaTracker.dark.svg' },
		group: ['transform'],
		// 2: spend with no conversion is judged against the target CPA (No-Conversion Limit), not the
		// Minimum Spend; "1 conversion" in messages; strict amounts and text fields as in the ROAS
		// Calculator's version 2. Saved version-1 nodes keep version 1's verdicts.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ "Target " + $parameter["targetCpa"] }}',
		description: 'Cost per acquisition per campaign against a target, with alerts that fire on change, not on every run',
		defaults: { name: 'CPA Tracker' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		credentials: alertMemoryCredentials,
		outputNames: ['Alert', 'OK', 'Insufficient Data'],
		properties: adPerformanceProperties('cpa'),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeAdPerformance(this, 'cpa');
	}
}
