import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { instanceUrl, type ApiRequest, type PublicApi } from '../shared/n8nApi/publicApi';

/** The package's one credential for this n8n's public API (alert memory and the audit). */
export const N8N_API_CREDENTIAL = 'realtimeBatchN8nApi';

/**
 * n8n's public API of the instance the credential names, through n8n's request helper (so the
 * key is added as n8n adds it): every answer comes back with its status; only a failure to reach
 * n8n throws.
 */
export async function publicApiOf(context: IExecuteFunctions): Promise<{ api: PublicApi; instance: string }> {
	const credentials = await context.getCredentials<{ baseUrl: string }>(N8N_API_CREDENTIAL);
	const instance = instanceUrl(String(credentials.baseUrl ?? ''));
	const api: PublicApi = async ({ method, path, qs, body }: ApiRequest) => {
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, N8N_API_CREDENTIAL, {
			method: method as IHttpRequestMethods,
			url: `${instance}/api/v1${path}`,
			qs,
			body: body as IDataObject | undefined,
			json: true,
			timeout: 30_000,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; body: unknown };
		return { status: response.statusCode, body: response.body };
	};
	return { api, instance };
}
