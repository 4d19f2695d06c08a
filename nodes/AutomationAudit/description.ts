import type { INodeProperties } from 'n8n-workflow';

import { AUDIT_SCOPES } from '../shared/audit/instance';

export const DEFAULT_WINDOW_DAYS = 7;
export const DEFAULT_BATCH_HOUR = 2;
export const DEFAULT_REAL_TIME_WITHIN_MINUTES = 5;
export const DEFAULT_MIN_EXECUTIONS = 50;

export const automationAuditProperties: INodeProperties[] = [
	{
		displayName: `Reads every workflow of the n8n instance the credential names, and its executions of the window, through n8n's public API (the API key needs the scopes ${AUDIT_SCOPES.join(' and ')}). It runs once per execution, whatever its input.`,
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Workflows',
		name: 'workflows',
		type: 'options',
		options: [
			{ name: 'Active Only', value: 'active', description: 'The workflows that start by themselves today' },
			{ name: 'All', value: 'all', description: 'Also inactive and archived ones (archived ones are listed as not judged)' },
		],
		default: 'active',
		description: 'Which workflows to audit',
	},
	{
		displayName: 'Window (Days)',
		name: 'windowDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 90 },
		default: DEFAULT_WINDOW_DAYS,
		description: 'How many days of executions to count, back from now',
		hint: 'By default n8n keeps executions for 14 days and at most 10,000 of them (EXECUTIONS_DATA_MAX_AGE, EXECUTIONS_DATA_PRUNE_MAX_COUNT): where it kept less than the window, the figures are per day over what it kept, and the items say so',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item per Workflow', value: 'workflows' },
			{ name: 'One Item per Workflow and a Summary', value: 'workflowsAndSummary', description: 'The summary comes last' },
			{ name: 'Summary Only', value: 'summary', description: 'One item: counts per verdict, executions to save, and a message listing the findings' },
		],
		default: 'workflows',
		description: 'What the node returns',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Batch Run Hour',
				name: 'batchHour',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 23 },
				default: DEFAULT_BATCH_HOUR,
				description: 'The hour (0-23) of the one daily run the audit proposes for work that can wait',
			},
			{
				displayName: 'Minimum Executions',
				name: 'minExecutions',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_MIN_EXECUTIONS,
				description: 'A workflow whose work can wait but ran fewer times than this in the window is fine: batching it saves little',
			},
			{
				displayName: 'Real-Time Within (Minutes)',
				name: 'realTimeWithinMinutes',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: DEFAULT_REAL_TIME_WITHIN_MINUTES,
				description: 'Work that cannot wait must start within this long; a schedule or poll that can leave an event waiting longer is "batched, cannot wait"',
			},
			{
				displayName: 'Skip Tags',
				name: 'skipTags',
				type: 'string',
				default: '',
				placeholder: 'experimental, archive',
				description: 'Workflows with any of these tags are left out (comma-separated, any case)',
			},
			{
				displayName: 'Skip Workflows',
				name: 'skipWorkflows',
				type: 'string',
				default: '',
				placeholder: 'Weekly automation audit, 8Kd2mQ4yTqW1xZ7b',
				description: 'Workflow names or IDs to leave out (comma-separated, any case)',
			},
		],
	},
];
