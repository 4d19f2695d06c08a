import { attemptAsync } from '../values/attempt';
import { describeNetworkFailure } from '../values/networkFailure';

/**
 * n8n's public REST API (/api/v1) as a transport the node shell provides (n8n's request helper
 * with the package's API credential). The transport throws only when n8n cannot be reached; every
 * answer, whatever its status, comes back.
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

/** n8n did not do what was asked: what happened, and what the operator can do about it. */
export class PublicApiError extends Error {
	constructor(
		message: string,
		readonly hint?: string,
		/** n8n's answer; undefined when n8n could not be reached. */
		readonly status?: number,
	) {
		super(message);
		this.name = 'PublicApiError';
	}
}

export interface Asking {
	/** What was asked, as in "list the workflows". */
	doing: string;
	/** The API key scope this request needs. */
	scope: string;
	/** Every scope the key needs for the feature, for the hint of a refusal. */
	scopes: readonly string[];
	/** What to check when n8n cannot be reached. */
	unreachableHint: string;
	/** Statuses besides 2xx that the caller handles itself. */
	expected?: number[];
}

/**
 * Sends a request and returns n8n's answer when it did what was asked (or answered one of the
 * `expected` statuses); otherwise throws a PublicApiError saying, in the operator's words, why not.
 */
export async function send(api: PublicApi, request: ApiRequest, asking: Asking): Promise<ApiResponse> {
	const answer = await attemptAsync(() => api(request));
	if (!answer.ok) {
		throw new PublicApiError(
			`n8n could not be reached to ${asking.doing}: ${describeNetworkFailure(answer.error, 'no answer in time')}.`,
			asking.unreachableHint,
		);
	}
	const response = answer.value;
	if ((response.status >= 200 && response.status < 300) || (asking.expected ?? []).includes(response.status)) return response;
	const { message, hint } = refusal(response, asking);
	throw new PublicApiError(message, hint, response.status);
}

function refusal({ status, body }: ApiResponse, { doing, scope, scopes }: Asking): { message: string; hint?: string } {
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
				hint: `Give the key these scopes: ${scopes.join(', ')}.`,
			};
		case 404:
			if (said === undefined) {
				return {
					message: `No n8n public API answers at this address (404) when asked to ${doing}.`,
					hint: 'Check the Base URL in the credential. n8n also answers this for a few seconds after it starts: run again.',
				};
			}
			return { message: `n8n could not ${doing}: ${said} (404).` };
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
