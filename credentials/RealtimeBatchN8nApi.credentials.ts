import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * An API key of this n8n instance, for n8n's public API: the alerting nodes' "Shared Data Table"
 * alert memory keeps their state in a Data Table through it (every worker reaches it), and the
 * Automation Audit reads the workflows and executions through it.
 */
export class RealtimeBatchN8nApi implements ICredentialType {
	name = 'realtimeBatchN8nApi';

	displayName = 'Alert Memory and Audit API';

	icon = { light: 'file:icons/alertMemory.svg', dark: 'file:icons/alertMemory.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-realtime-batch#alert-memory-in-queue-mode';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Made in Settings › n8n API. For the alert memory: the scopes dataTable:list, dataTable:create, dataTableRow:read, dataTableRow:create, dataTableRow:update and dataTableRow:delete; for the Automation Audit: workflow:list and execution:list',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://localhost:5678',
			required: true,
			placeholder: 'http://n8n-main:5678',
			description: "The address of n8n's main instance as the workers reach it (a trailing /api/v1 is ignored)",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'X-N8N-API-KEY': '={{$credentials.apiKey}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "").replace(/\\/api\\/v1$/, "")}}/api/v1',
			url: '/data-tables',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: "n8n refused the API key: check it, and that n8n's public API is not turned off (N8N_PUBLIC_API_DISABLED)",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API key lacks the scope dataTable:list, which the alert memory needs (with dataTable:create and dataTableRow:read, create, update, delete). A key only for the Automation Audit (workflow:list, execution:list) fails this test: save it anyway',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'No n8n public API answers at this Base URL: give the address of the main instance (a worker has none)' },
			},
		],
	};
}
