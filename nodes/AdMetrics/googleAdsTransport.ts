import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import {
	googleCustomerId,
	googleFailure,
	googleQuery,
	googleResults,
	googleRows,
	googleStreamFailure,
	isRefusedSignIn,
	REFUSED_SIGN_IN_ADVICE,
	TIMEZONE_QUERY,
} from '../shared/adPlatforms/googleAds';
import type { PlatformFailure } from '../shared/adPlatforms/meta';
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
	const platformError = ({ rateLimitWaitMs, ...failure }: PlatformFailure, answer?: unknown) => {
		const failed = new NodeApiError(context.getNode(), (answer ?? {}) as JsonObject, { ...failure, itemIndex });
		if (rateLimitWaitMs !== undefined) failed.context.rateLimitWaitMs = rateLimitWaitMs;
		return failed;
	};
	const search = async (query: string) => {
		let body: unknown;
		try {
			body = await context.helpers.httpRequestWithAuthentication.call(context, 'realtimeBatchGoogleAdsOAuth2Api', {
				method: 'POST',
				url: `${base}/customers/${customerId}/googleAds:searchStream`,
				headers,
				body: { query },
				json: true,
			});
		} catch (error) {
			if (isRefusedSignIn(error)) {
				throw new NodeOperationError(context.getNode(), (error as Error).message || 'Google refused to renew the sign-in', {
					description: REFUSED_SIGN_IN_ADVICE,
					itemIndex,
				});
			}
			const response = responseOf(error);
			if (!response) throw new NodeApiError(context.getNode(), error as JsonObject, { itemIndex });
			throw platformError(googleFailure(response.status, response.data, customerId), response.data);
		}
		const failedBatch = googleStreamFailure(body);
		if (failedBatch !== undefined) {
			// The status was 200 before the stream failed; the failure's own code says more.
			const status = Number((failedBatch as { error?: { code?: unknown } }).error?.code) || 200;
			throw platformError(googleFailure(status, [failedBatch], customerId), failedBatch);
		}
		return googleResults(body);
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
