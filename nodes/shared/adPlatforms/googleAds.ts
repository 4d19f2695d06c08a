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

/** searchStream answers with a list of batches, each with `results`. */
export function googleResults(body: unknown): Array<Record<string, unknown>> {
	const batches = Array.isArray(body) ? body : [body];
	const results: Array<Record<string, unknown>> = [];
	for (const batch of batches) {
		const list = (batch as { results?: unknown } | null)?.results;
		if (list === undefined) continue;
		if (!Array.isArray(list)) throw new Error(`Google Ads answered with results that are not a list: ${describeValue(list)}`);
		results.push(...(list as Array<Record<string, unknown>>));
	}
	return results;
}

/**
 * Rows of one period. Without segments.date Google sums the whole period per campaign; the
 * period's days are then `from`/`to`.
 */
export function googleRows(results: Array<Record<string, unknown>>, level: Level, period: { from: string; to: string }): NormalizedAdRow[] {
	return results.map((result) => {
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
	});
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
	details?: Array<{ errors?: Array<{ errorCode?: Record<string, string>; message?: string; details?: { quotaErrorDetails?: { retryDelay?: string } } }>; requestId?: string; retryDelay?: string }>;
}

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
	if (status === 401 || error.status === 'UNAUTHENTICATED') {
		description = `The sign-in has expired or was revoked: reconnect the Google Ads OAuth2 API credential. ${description}`;
	} else if (status === 403 || error.status === 'PERMISSION_DENIED') {
		description = `This login may not read customer ${customerId}: check the account ID, and set Login Customer ID in the credential when you reach it through a manager account. ${description}`;
	} else if (status === 429 || error.status === 'RESOURCE_EXHAUSTED') {
		const delay = failure?.details?.quotaErrorDetails?.retryDelay ?? error.details?.find((entry) => entry.retryDelay)?.retryDelay;
		description = `Google Ads' rate limit is reached: ${delay ? `retry in ${delay.replace(/s$/, ' s')}` : 'retry later'}, or run less often. ${description}`;
		return { message, description, httpCode: String(status), rateLimitWaitMs: durationMs(delay) ?? UNSTATED_RATE_LIMIT_WAIT_MS };
	}
	return { message, description, httpCode: String(status) };
}
