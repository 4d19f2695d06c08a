import { describeValue } from '../values/describe';
import { parseDecimal } from '../values/number';
import { metaPeriod, type CustomRange, type PeriodPreset } from './period';
import { round2, type NormalizedAdRow } from './normalized';
import { UNSTATED_RATE_LIMIT_WAIT_MS } from './rateLimit';

/** The Marketing API version a new credential uses (v25.0 ends on 23 February 2027). */
export const META_API_VERSION = 'v26.0';

/** Meta Marketing API insights: the request, its pages, its rows and its errors. */
export type Level = 'account' | 'campaign';

export interface MetaQuery {
	accountId: string;
	level: Level;
	preset: PeriodPreset;
	range?: CustomRange;
	daily: boolean;
	actionType: string;
}

const FIELDS: Record<Level, string> = {
	campaign: 'account_id,account_currency,campaign_id,campaign_name,spend,actions,action_values,date_start,date_stop',
	account: 'account_id,account_name,account_currency,spend,actions,action_values,date_start,date_stop',
};

/** The account id as Meta's rows carry it (`account_id`): without the act_ of the path. */
export function metaAccountId(accountId: string): string {
	return accountId.trim().replace(/^act_/, '');
}

/** "123", "act_123" -> "act_123". */
export function metaAccountPath(accountId: string): string {
	return `act_${metaAccountId(accountId)}`;
}

export function metaInsightsQuery(query: MetaQuery): Record<string, string> {
	return {
		level: query.level,
		fields: FIELDS[query.level],
		...metaPeriod(query.preset, query.range),
		time_increment: query.daily ? '1' : 'all_days',
		limit: '500',
	};
}

export interface MetaPage {
	rows: NormalizedAdRow[];
	/** The next page's URL, without any access token in it (the token travels in a header). */
	next: string | undefined;
}

export function readMetaPage(body: unknown, query: MetaQuery): MetaPage {
	const page = (typeof body === 'object' && body !== null ? body : {}) as { data?: unknown; paging?: { next?: unknown } };
	if (!Array.isArray(page.data)) throw new Error(`Meta answered without a data list: ${describeValue(body)}`);
	const rows = page.data.map((entry) => metaRow(entry as Record<string, unknown>, query));
	const next = typeof page.paging?.next === 'string' ? withoutToken(page.paging.next) : undefined;
	return { rows, next };
}

function metaRow(entry: Record<string, unknown>, query: MetaQuery): NormalizedAdRow {
	const from = String(entry.date_start ?? '');
	const to = String(entry.date_stop ?? from);
	return {
		platform: 'meta',
		accountId: String(entry.account_id ?? metaAccountId(query.accountId)),
		campaignId: query.level === 'campaign' ? String(entry.campaign_id ?? '') : '',
		campaignName: query.level === 'campaign' ? String(entry.campaign_name ?? '') : String(entry.account_name ?? ''),
		date: from,
		period: { from, to },
		spend: round2(number(entry.spend, 'spend', entry)),
		conversions: number(actionValue(entry.actions, query.actionType), 'actions', entry),
		conversionValue: round2(number(actionValue(entry.action_values, query.actionType), 'action_values', entry)),
		currency: String(entry.account_currency ?? ''),
	};
}

/** Meta lists one purchase under several action types; exactly one is read, never their sum. */
function actionValue(list: unknown, actionType: string): unknown {
	if (!Array.isArray(list)) return 0;
	const match = list.find((entry) => (entry as { action_type?: unknown }).action_type === actionType) as { value?: unknown } | undefined;
	return match?.value ?? 0;
}

/** Missing is none (Meta leaves out actions that did not happen); anything else must be a number, never a silent 0. */
function number(value: unknown, field: string, entry: Record<string, unknown>): number {
	if (value === undefined || value === null) return 0;
	const parsed = parseDecimal(value);
	if (Number.isFinite(parsed)) return parsed;
	const row = entry.campaign_name !== undefined ? `campaign ${describeValue(entry.campaign_name)}` : `account ${describeValue(entry.account_id)}`;
	throw new Error(`Meta answered ${field} ${describeValue(value)} for ${row}, which is not a number`);
}

function withoutToken(url: string): string {
	try {
		const parsed = new URL(url);
		// The token, and the proof signed from it, are added to every request again by the credential.
		parsed.searchParams.delete('access_token');
		parsed.searchParams.delete('appsecret_proof');
		return parsed.toString();
	} catch {
		const [path, ...query] = url.split('?');
		const kept = query
			.join('?')
			.split('&')
			.filter((pair) => pair !== '' && !/^(access_token|appsecret_proof)=/.test(pair));
		return kept.length > 0 ? `${path}?${kept.join('&')}` : path;
	}
}

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const PERMISSION_CODES = new Set([10, 200, 294]);

export interface PlatformFailure {
	message: string;
	description: string;
	httpCode: string;
	/** Set on a rate limit: how long the platform asks to wait (UNSTATED_RATE_LIMIT_WAIT_MS when it does not say). */
	rateLimitWaitMs?: number;
}

/** The platform's own words, and what the operator can do about them. */
export function metaFailure(status: number, body: unknown, headers: Record<string, unknown>): PlatformFailure {
	const error = ((body as { error?: Record<string, unknown> } | undefined)?.error ?? {}) as {
		message?: string;
		code?: number;
		error_subcode?: number;
		fbtrace_id?: string;
	};
	const message = `Meta Ads: ${error.message ?? `request failed with status ${status}`}`;
	const code = error.code ?? 0;
	let description = `Meta error code ${code}${error.error_subcode ? `/${error.error_subcode}` : ''}${error.fbtrace_id ? `, trace ${error.fbtrace_id}` : ''}.`;
	const advice = metaAdvice(code, error.error_subcode, error.message);
	if (advice) description = `${advice} ${description}`;
	else if (code === 190) description = `The access token has expired or was revoked: create a new one and update the Meta Ads API credential. ${description}`;
	else if (PERMISSION_CODES.has(code)) description = `The token may not read this ad account: give it the ads_read permission on the account. ${description}`;
	else if (RATE_LIMIT_CODES.has(code) || (code >= 80000 && code <= 80014)) {
		const minutes = regainMinutes(headers);
		description = `Meta's rate limit for this ad account is reached: ${minutes > 0 ? `retry in about ${minutes} minute${minutes === 1 ? '' : 's'}` : 'retry later'}, or run less often. ${description}`;
		return { message, description, httpCode: String(status), rateLimitWaitMs: minutes > 0 ? minutes * 60_000 : UNSTATED_RATE_LIMIT_WAIT_MS };
	}
	return { message, description, httpCode: String(status) };
}

const ASK_FOR_LESS =
	'Meta could not build this report in time. Ask for less in one request: a shorter Period, Level Account instead of Campaign, or One Row per Day off; or fetch each account in its own item.';

/** Meta code/subcode pairs whose fix is known. */
const ADVICE_BY_CODE: Record<string, string> = {
	// "Object with ID ... does not exist, cannot be loaded due to missing permissions": Meta does not say which.
	'100/33':
		'Meta finds no ad account with this ID that the token may read: check the Account ID (the number after act_ in Ads Manager), and in Business Settings assign the system user (or person) of the token to this ad account.',
	'100/1504018': ASK_FOR_LESS,
	'2/1504038': ASK_FOR_LESS,
	// "Please reduce the amount of data you're asking for".
	'100/1487534': ASK_FOR_LESS,
	// Meta's "unknown error" of the insights endpoint, which it answers for reports too large to build.
	'1/99': ASK_FOR_LESS,
};

function metaAdvice(code: number, subcode: number | undefined, message: string | undefined): string | undefined {
	const known = ADVICE_BY_CODE[`${code}/${subcode ?? ''}`];
	if (known) return known;
	if (code === 100 && /appsecret_proof/i.test(message ?? '')) {
		return 'The Meta app requires App Secret proof ("Require App Secret" is on): enter the App Secret in the Meta Ads API credential, or turn the setting off in the app.';
	}
	return undefined;
}

/** Meta's own estimate, in minutes, from the usage headers it sends with throttled answers. */
function regainMinutes(headers: Record<string, unknown>): number {
	let minutes = 0;
	for (const name of ['x-business-use-case-usage', 'x-ad-account-usage', 'x-app-usage']) {
		const raw = headers[name];
		if (typeof raw !== 'string') continue;
		const found = raw.match(/"estimated_time_to_regain_access"\s*:\s*(\d+)/g) ?? [];
		for (const entry of found) minutes = Math.max(minutes, Number(entry.replace(/\D+/g, '')));
	}
	return minutes;
}
