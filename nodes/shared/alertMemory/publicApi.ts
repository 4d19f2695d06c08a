import { attemptAsync } from '../values/attempt';
import { describeNetworkFailure } from '../values/networkFailure';
import { MemoryStoreError } from './store';

/**
 * The part of n8n's public REST API (/api/v1) the Data Table memory uses, as a transport the node
 * shell provides (n8n's request helper with the package's API credential). It throws only when n8n
 * cannot be reached; every answer, whatever its status, comes back.
 */
export interface ApiRequest {
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	/** Below /api/v1, as in "/data-tables". */
	path: string;
	qs?: Record<string, string>;
	body?: unknown;
}

export interface ApiResponse {
	status: number;
	body: unknown;
}

export type PublicApi = (request: ApiRequest) => Promise<ApiResponse>;

/** The instance address as given, without trailing slashes or the API's own /api/v1. */
export function instanceUrl(baseUrl: string): string {
	return baseUrl
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/api\/v1$/, '');
}

/** Every scope the API key needs, for the messages that ask for one. */
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
 * Sends a request and returns n8n's answer when it did what was asked (or answered one of the
 * `expected` statuses); otherwise says, in the operator's words, why not.
 */
export async function call(api: PublicApi, store: string, request: ApiRequest, doing: string, scope: Scope, expected: number[] = []): Promise<ApiResponse> {
	const answer = await attemptAsync(() => api(request));
	if (!answer.ok) {
		throw new MemoryStoreError(
			store,
			`n8n could not be reached to ${doing}: ${describeNetworkFailure(answer.error, 'no answer in time')}.`,
			"Check the Base URL in the credential: the address of n8n's main instance as seen from the workers.",
		);
	}
	const response = answer.value;
	if ((response.status >= 200 && response.status < 300) || expected.includes(response.status)) return response;
	const { message, hint } = refusal(response, doing, scope);
	throw new MemoryStoreError(store, message, hint, response.status);
}

function refusal({ status, body }: ApiResponse, doing: string, scope: Scope): { message: string; hint?: string } {
	const said = messageOf(body);
	switch (status) {
		case 401:
			return {
				message: `n8n refused the API key (401) when asked to ${doing}.`,
				hint: "Check the API key in the credential (Settings › n8n API makes one), and that n8n's public API is not turned off (N8N_PUBLIC_API_DISABLED).",
			};
		case 403:
			return {
				message: `The API key lacks the scope "${scope}", needed to ${doing} (403).`,
				hint: `Give the key these scopes: ${REQUIRED_SCOPES.join(', ')}.`,
			};
		case 404:
			if (said === undefined) {
				return {
					message: `No n8n public API answers at this address (404) when asked to ${doing}.`,
					hint: 'Check the Base URL in the credential. n8n also answers this for a few seconds after it starts: run again.',
				};
			}
			return { message: `n8n could not ${doing}: ${said} (404).` };
		case 413:
			return {
				message: `The alert memory is larger than this n8n accepts in one request (413), so it could not ${doing}.`,
				hint: 'Raise N8N_PAYLOAD_SIZE_MAX on n8n, or split the series over more nodes.',
			};
		default:
			return { message: `n8n could not ${doing}: ${said ?? 'no reason given'} (${status}).` };
	}
}

/** n8n's JSON error body carries a message; an HTML page (a proxy, a route that is not there) does not. */
function messageOf(body: unknown): string | undefined {
	if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') return (body as { message: string }).message;
	if (typeof body === 'string') {
		try {
			return messageOf(JSON.parse(body));
		} catch {
			return undefined;
		}
	}
	return undefined;
}
