import { NodeApiError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { googleCustomerId, googleFailure, googleQuery, googleResults, googleRows, TIMEZONE_QUERY } from '../shared/adPlatforms/googleAds';
import type { NormalizedAdRow } from '../shared/adPlatforms/normalized';
import { periodDays } from '../shared/adPlatforms/period';
import type { ReportRequest } from './report';

/**
 * GAQL through searchStream. The account's timezone is asked first, so the period's days are the
 * account's days and every row can say which days it covers.
 */
export async function fetchGoogleAds(context: IExecuteFunctions, request: ReportRequest, itemIndex: number): Promise<NormalizedAdRow[]> {
	const credentials = await context.getCredentials('realtimeBatchGoogleAdsOAuth2Api');
	const customerId = googleCustomerId(request.accountId);
	const base = `${String(credentials.baseUrl ?? 'https://googleads.googleapis.com').replace(/\/$/, '')}/${String(credentials.apiVersion ?? 'v26')}`;
	const loginCustomerId = googleCustomerId(String(credentials.loginCustomerId ?? ''));
	// Google sunset developer tokens on 9 September 2026: the header is optional and ignored, so it
	// goes only where a credential still has one.
	const developerToken = String(credentials.developerToken ?? '').trim();
	const headers: IDataObject = {
		...(developerToken ? { 'developer-token': developerToken } : {}),
		...(loginCustomerId ? { 'login-customer-id': loginCustomerId } : {}),
	};
	const search = async (query: string) => {
		try {
			const body = await context.helpers.httpRequestWithAuthentication.call(context, 'realtimeBatchGoogleAdsOAuth2Api', {
				method: 'POST',
				url: `${base}/customers/${customerId}/googleAds:searchStream`,
				headers,
				body: { query },
				json: true,
			});
			return googleResults(body);
		} catch (error) {
			const response = responseOf(error);
			if (!response) throw new NodeApiError(context.getNode(), error as JsonObject, { itemIndex });
			const { rateLimitWaitMs, ...failure } = googleFailure(response.status, response.data, customerId);
			const failed = new NodeApiError(context.getNode(), (response.data ?? {}) as JsonObject, { ...failure, itemIndex });
			if (rateLimitWaitMs !== undefined) failed.context.rateLimitWaitMs = rateLimitWaitMs;
			throw failed;
		}
	};
	const [account] = await search(TIMEZONE_QUERY);
	const zone = String(((account?.customer ?? {}) as IDataObject).timeZone ?? 'UTC');
	const period = periodDays(request.preset, request.range, Date.now(), zone);
	const results = await search(googleQuery(request.level, request.daily, `segments.date BETWEEN '${period.from}' AND '${period.to}'`));
	return googleRows(results, request.level, period);
}

/** The HTTP answer inside the error n8n's request helper throws for a 4xx/5xx status. */
function responseOf(error: unknown): { status: number; data: unknown } | undefined {
	const candidates = [error, (error as { cause?: unknown }).cause, (error as { errorResponse?: unknown }).errorResponse];
	for (const candidate of candidates) {
		const response = (candidate as { response?: { status?: number; data?: unknown } } | undefined)?.response;
		if (response?.status) return { status: response.status, data: response.data };
	}
	return undefined;
}
