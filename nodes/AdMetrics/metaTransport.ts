import { NodeApiError, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { META_API_VERSION, metaAccountPath, metaFailure, metaInsightsQuery, readMetaPage } from '../shared/adPlatforms/meta';
import type { NormalizedAdRow } from '../shared/adPlatforms/normalized';
import { MAX_PAGES, type ReportRequest } from './report';

interface FullResponse {
	statusCode: number;
	body: unknown;
	headers: Record<string, unknown>;
}

/** The insights endpoint, page after page (`paging.next`), through n8n's authenticated request helper. */
export async function fetchMeta(context: IExecuteFunctions, request: ReportRequest, itemIndex: number): Promise<NormalizedAdRow[]> {
	const credentials = await context.getCredentials('realtimeBatchMetaAdsApi');
	const base = `${String(credentials.baseUrl ?? 'https://graph.facebook.com').replace(/\/$/, '')}/${String(credentials.apiVersion ?? META_API_VERSION)}`;
	const query = { ...request, accountId: metaAccountPath(request.accountId) };
	let url: string | undefined = `${base}/${query.accountId}/insights`;
	let qs: Record<string, string> | undefined = metaInsightsQuery(query);
	const rows: NormalizedAdRow[] = [];
	for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, 'realtimeBatchMetaAdsApi', {
			method: 'GET',
			url,
			qs,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as FullResponse;
		if (response.statusCode >= 400) {
			const { rateLimitWaitMs, ...failure } = metaFailure(response.statusCode, response.body, response.headers ?? {});
			const error = new NodeApiError(context.getNode(), response.body as JsonObject, { ...failure, itemIndex });
			if (rateLimitWaitMs !== undefined) error.context.rateLimitWaitMs = rateLimitWaitMs;
			throw error;
		}
		const result = readMetaPage(response.body, query);
		rows.push(...result.rows);
		url = result.next;
		// The next page's URL carries every parameter already.
		qs = undefined;
	}
	return rows;
}
