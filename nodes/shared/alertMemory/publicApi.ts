import { PublicApiError, send, type ApiRequest, type ApiResponse, type PublicApi } from '../n8nApi/publicApi';
import { attemptAsync } from '../values/attempt';
import { MemoryStoreError } from './store';

export { instanceUrl, type ApiRequest, type ApiResponse, type PublicApi } from '../n8nApi/publicApi';

/** Every scope the API key needs for the Data Table memory, for the messages that ask for one. */
export const REQUIRED_SCOPES = [
	'dataTable:list',
	'dataTable:create',
	'dataTableRow:read',
	'dataTableRow:create',
	'dataTableRow:update',
	'dataTableRow:delete',
] as const;
export type Scope = (typeof REQUIRED_SCOPES)[number];

/**
 * Sends a request of the Data Table memory and returns n8n's answer when it did what was asked (or
 * answered one of the `expected` statuses); otherwise says, in the operator's words, why not.
 */
export async function call(api: PublicApi, store: string, request: ApiRequest, doing: string, scope: Scope, expected: number[] = []): Promise<ApiResponse> {
	const sent = await attemptAsync(() =>
		send(api, request, {
			doing,
			scope,
			scopes: REQUIRED_SCOPES,
			unreachableHint: "Check the Base URL in the credential: the address of n8n's main instance as seen from the workers.",
			expected,
		}),
	);
	if (sent.ok) return sent.value;
	const { error } = sent;
	if (!(error instanceof PublicApiError)) throw error;
	if (error.status === 413) {
		throw new MemoryStoreError(
			store,
			`The alert memory is larger than this n8n accepts in one request (413), so it could not ${doing}.`,
			'Raise N8N_PAYLOAD_SIZE_MAX on n8n, or split the series over more nodes.',
			413,
		);
	}
	throw new MemoryStoreError(store, error.message, error.hint, error.status);
}
