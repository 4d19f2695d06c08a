import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { auditInstance } from '../shared/audit/instance';
import { sortedForReport, summaryReport, workflowReport } from '../shared/audit/report';
import { PublicApiError } from '../shared/n8nApi/publicApi';
import { attemptAsync } from '../shared/values/attempt';
import { goesOnWithError, settingsOrOutputs } from '../common/errors';
import { N8N_API_CREDENTIAL, publicApiOf } from '../common/publicApiTransport';
import { automationAuditProperties } from './description';
import { readAuditSettings } from './settings';

export class AutomationAudit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Automation Audit',
		name: 'automationAudit',
		icon: { light: 'file:automationAudit.svg', dark: 'file:automationAudit.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["workflows"] === "all" ? "All workflows" : "Active workflows" }}, {{ $parameter["windowDays"] }} days',
		description:
			'Asks of every workflow on this n8n "what if it ran an hour late?": what runs in real time but could batch, what is batched but cannot wait, and what it costs',
		defaults: { name: 'Automation Audit' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: N8N_API_CREDENTIAL, required: true }],
		properties: automationAuditProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const read = settingsOrOutputs(this, () => readAuditSettings(this), 1, 0);
		if ('outputs' in read) return read.outputs;
		const { settings, output } = read.settings;
		const pairedItem = { item: 0 };

		const { api, instance } = await publicApiOf(this);
		const run = await attemptAsync(() => auditInstance(api, settings, new Date()));
		if (!run.ok) {
			const { error } = run;
			const hint = error instanceof PublicApiError ? error.hint : undefined;
			const nodeError = new NodeOperationError(this.getNode(), (error as Error).message, { description: hint });
			return [[goesOnWithError(this, nodeError, {}, pairedItem, hint)]];
		}
		const items: INodeExecutionData[] =
			output === 'summary'
				? []
				: sortedForReport(run.value.workflows).map((workflow) => ({ json: workflowReport(workflow, instance) as unknown as IDataObject, pairedItem }));
		if (output !== 'workflows') items.push({ json: summaryReport(run.value, instance, settings.windowDays) as unknown as IDataObject, pairedItem });
		return [items];
	}
}
