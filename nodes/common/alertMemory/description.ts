import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { DEFAULT_MEMORY_TABLE } from '../../shared/alertMemory/dataTableStore';
import { REQUIRED_SCOPES } from '../../shared/alertMemory/publicApi';
import { N8N_API_CREDENTIAL } from '../publicApiTransport';

const inDataTable = { show: { alertMemory: ['dataTable'] } };

/** The credential the Data Table memory needs, shown only when it is chosen. */
export const alertMemoryCredentials: INodeCredentialDescription[] = [{ name: N8N_API_CREDENTIAL, required: true, displayOptions: inDataTable }];

/** Where an alerting node remembers its alerts between runs: the same parameters on every alerting node. */
export const alertMemoryProperties: INodeProperties[] = [
	{
		displayName: 'Alert Memory',
		name: 'alertMemory',
		type: 'options',
		options: [
			{
				name: 'This Workflow',
				value: 'workflow',
				description: "In the workflow's static data. One n8n instance in regular mode only: in queue mode every run starts without it.",
			},
			{
				name: 'Shared Data Table (All Workers)',
				value: 'dataTable',
				description: 'In a Data Table of this n8n, through its API: every worker sees it, for queue mode and overlapping runs',
			},
		],
		default: 'workflow',
		description: 'Where the node remembers which alerts are firing, so that it alerts on change and not on every run',
	},
	{
		displayName: `In queue mode (workers), pick Shared Data Table: with This Workflow memory every run starts afresh and nothing fires. The API key needs the scopes ${REQUIRED_SCOPES.join(', ')}.`,
		name: 'alertMemoryNotice',
		type: 'notice',
		default: '',
		displayOptions: inDataTable,
	},
	{
		displayName: 'Alert Memory Table',
		name: 'alertMemoryTable',
		type: 'string',
		default: DEFAULT_MEMORY_TABLE,
		required: true,
		displayOptions: inDataTable,
		description: 'The Data Table holding one row per alerting node (columns key, version, node, memory). It is created on first use.',
	},
];
