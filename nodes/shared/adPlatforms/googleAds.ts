import { describeValue } from '../values/describe';
import { parseDecimal } from '../values/number';
import type { Level, PlatformFailure } from './meta';
import { round2, type NormalizedAdRow } from './normalized';
import { durationMs, UNSTATED_RATE_LIMIT_WAIT_MS } from './rateLimit';

/** Google Ads API: the GAQL query for searchStream, its rows and its errors. */
export function googleCustomerId(id: string): string {
	return id.replace(/[^0-9]/g, '');
}

export function googleQuery(level: Level, daily: boolean, dateCondition: string): string {
	const dimensions = level === 'campaign' ? ['campaign.id', 'campaign.name'] : ['customer.descriptive_name'];
	const fields = [
		'customer.id',
		'customer.currency_code',
		...dimensions,
		'metrics.cost_micros',
		'metrics.conversions',
		'metrics.conversions_value',
		...(daily ? ['segments.date'] : []),
	];
	return `SELECT ${fields.join(', ')} FROM ${level === 'campaign' ? 'campaign' : 'customer'} WHERE ${dateCondition}`;
}

export const TIMEZONE_QUERY = 'SELECT customer.time_zone FROM customer';

/**
 * A stream can fail after it has begun: the status is then 200 and the failure is a batch holding
 * `error` instead of `results`. That batch, for googleFailure, or undefined.
 */
export function googleStreamFailure(body: unknown): unknown {
	const batches = Array.isArray(body) ? body : [body];
	return batches.find((batch) => typeof batch === 'object' && batch !== null && 'error' in batch);
}

/** searchStream answers with a list of batches, each with `results`. */
export function googleResults(body: unknown): Array<Record<string, unknown>> {
	const batches = Array.isArray(body) ? body : [body];
	const streamFailure = googleStreamFailure(body);
	const results: Array<Record<string, unknown>> = [];
	for (const batch of batches) {
		if (batch === streamFailure) throw new Error(`Google Ads stopped part-way through the report: ${describeValue((batch as { error?: unknown }).error)}`);
		const list = (batch as { results?: unknown } | null)?.results;
		if (list === undefined) continue;
		if (!Array.isArray(list)) throw new Error(`Google Ads answered with results that are not a list: ${describeValue(list)}`);
		results.push(...(list as Array<Record<string, unknown>>));
	}
	return results;
}

/**
 * Rows of one period. Without segments.date Google sums the whole period per campaign; the
 * period's days are then `from`/`to`. Google also answers for campaigns that did nothing in the
 * period (paused, ended, not yet eligible); those rows are left out, as Meta leaves them out, so
 * that both platforms list the same campaigns.
 */
export function googleRows(results: Array<Record<string, unknown>>, level: Level, period: { from: string; to: string }): NormalizedAdRow[] {
	return results.filter(didAnything).map((result) => googleRow(result, level, period));
}

/** Any metric other than missing or zero; a value that is not a number is kept, for googleRow to name. */
function didAnything(result: Record<string, unknown>): boolean {
	const metrics = (result.metrics ?? {}) as Record<string, unknown>;
	return [metrics.costMicros, metrics.conversions, metrics.conversionsValue].some(
		(value) => value !== undefined && value !== null && parseDecimal(value) !== 0,
	);
}

function googleRow(result: Record<string, unknown>, level: Level, period: { from: string; to: string }): NormalizedAdRow {
	const customer = (result.customer ?? {}) as Record<string, unknown>;
	const campaign = (result.campaign ?? {}) as Record<string, unknown>;
	const metrics = (result.metrics ?? {}) as Record<string, unknown>;
	const day = String(((result.segments ?? {}) as Record<string, unknown>).date ?? '');
	return {
		platform: 'googleAds',
		accountId: String(customer.id ?? ''),
		campaignId: level === 'campaign' ? String(campaign.id ?? '') : '',
		campaignName: level === 'campaign' ? String(campaign.name ?? '') : String(customer.descriptiveName ?? ''),
		date: day || period.from,
		period: day ? { from: day, to: day } : period,
		spend: round2(number(metrics.costMicros, 'metrics.costMicros', campaign, customer) / 1_000_000),
		conversions: number(metrics.conversions, 'metrics.conversions', campaign, customer),
		conversionValue: round2(number(metrics.conversionsValue, 'metrics.conversionsValue', campaign, customer)),
		currency: String(customer.currencyCode ?? ''),
	};
}

/** Missing is none (Google leaves out zero metrics); anything else must be a number, never a silent 0. */
function number(value: unknown, field: string, campaign: Record<string, unknown>, customer: Record<string, unknown>): number {
	if (value === undefined || value === null) return 0;
	const parsed = parseDecimal(value);
	if (Number.isFinite(parsed)) return parsed;
	const row = campaign.name !== undefined ? `campaign ${describeValue(campaign.name)}` : `account ${describeValue(customer.id)}`;
	throw new Error(`Google Ads answered ${field} ${describeValue(value)} for ${row}, which is not a number`);
}

interface GoogleError {
	code?: number;
	message?: string;
	status?: string;
	details?: Array<{
		errors?: Array<{ errorCode?: Record<string, string>; message?: string; details?: { quotaErrorDetails?: { retryDelay?: string } } }>;
		requestId?: string;
		retryDelay?: string;
		reason?: string;
	}>;
}

const TEST_ACCESS_ONLY =
	'The Google Cloud project of this OAuth client has Test access, which reads only test accounts: apply for Explorer access on the Google Ads API Overview page of the Cloud console (console.cloud.google.com/google/ads-apis/overview), then run again.';

/** What to do, by Google's error code, where the code says more than the HTTP status. */
const ADVICE_BY_CODE: Record<string, (customerId: string) => string> = {
	CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION: () => TEST_ACCESS_ONLY,
	// The name before developer tokens were sunset (9 September 2026).
	DEVELOPER_TOKEN_NOT_APPROVED: () => TEST_ACCESS_ONLY,
	REQUESTED_METRICS_FOR_MANAGER: (customerId) =>
		`Customer ${customerId} is a manager account, which has no metrics of its own: enter the ID of a client account under it, and the manager's ID as Login Customer ID in the credential.`,
	CUSTOMER_NOT_ENABLED: (customerId) => `Customer ${customerId} is not enabled (cancelled, or never finished setting up): check the account ID.`,
	USER_PERMISSION_DENIED: (customerId) => permissionAdvice(customerId),
};

function permissionAdvice(customerId: string): string {
	return `This login may not read customer ${customerId}: check the account ID, and set Login Customer ID in the credential when you reach it through a manager account.`;
}

/**
 * Google refused to renew the sign-in (`invalid_grant`). n8n 2.x raises its own "needs to be
 * reconnected" error for it (failure cause credential-invalid); older versions pass on the OAuth
 * client's error, which holds Google's answer.
 */
export function isRefusedSignIn(error: unknown): boolean {
	const candidate = error as { failure?: { cause?: unknown }; body?: { error?: unknown }; cause?: unknown } | null;
	if (typeof candidate !== 'object' || candidate === null) return false;
	if (candidate.failure?.cause === 'credential-invalid' || candidate.body?.error === 'invalid_grant') return true;
	return candidate.cause !== undefined && candidate.cause !== error && isRefusedSignIn(candidate.cause);
}

export const REFUSED_SIGN_IN_ADVICE =
	'Google refused to renew the sign-in (invalid_grant): open the credential and reconnect it. If this comes back about 7 days after every reconnect, the OAuth consent screen of your Google Cloud project is in Testing, where Google ends every sign-in after 7 days: publish the app (Google Auth Platform > Audience > Publish app in the Cloud console), then reconnect once more.';

/** The platform's own words, and what the operator can do about them. */
export function googleFailure(status: number, body: unknown, customerId: string): PlatformFailure {
	const first = Array.isArray(body) ? body[0] : body;
	const error = ((first as { error?: GoogleError } | undefined)?.error ?? {}) as GoogleError;
	const detail = error.details?.find((entry) => Array.isArray(entry.errors));
	const failure = detail?.errors?.[0];
	const code = failure?.errorCode ? Object.values(failure.errorCode)[0] : undefined;
	const message = `Google Ads: ${failure?.message ?? error.message ?? `request failed with status ${status}`}`;
	const request = detail?.requestId ? ` Request ID ${detail.requestId}.` : '';
	let description = `${error.status ?? status}${code ? ` / ${code}` : ''}.${request}`;
	const advice = code === undefined ? undefined : ADVICE_BY_CODE[code];
	if (advice) {
		description = `${advice(customerId)} ${description}`;
	} else if (error.details?.some((entry) => entry.reason === 'SERVICE_DISABLED')) {
		description = `The Google Ads API is not enabled for the Google Cloud project of this OAuth client: enable it under APIs & Services in the Cloud console, wait a few minutes, and run again. ${description}`;
	} else if (status === 401 || error.status === 'UNAUTHENTICATED') {
		description = `The sign-in has expired or was revoked: reconnect the Google Ads (Ad Metrics) OAuth2 API credential. ${description}`;
	} else if (status === 403 || error.status === 'PERMISSION_DENIED') {
		description = `${permissionAdvice(customerId)} ${description}`;
	} else if (status === 429 || error.status === 'RESOURCE_EXHAUSTED') {
		const delay = failure?.details?.quotaErrorDetails?.retryDelay ?? error.details?.find((entry) => entry.retryDelay)?.retryDelay;
		description = `Google Ads' rate limit is reached: ${delay ? `retry in ${delay.replace(/s$/, ' s')}` : 'retry later'}, or run less often. ${description}`;
		return { message, description, httpCode: String(status), rateLimitWaitMs: durationMs(delay) ?? UNSTATED_RATE_LIMIT_WAIT_MS };
	}
	return { message, description, httpCode: String(status) };
}
