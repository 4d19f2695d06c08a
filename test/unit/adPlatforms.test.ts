/**
 * What Ad Metrics asks each platform and how it reads the answers (adPlatforms/meta.ts and
 * googleAds.ts), engine-free: queries, pages, rows as Meta and Google write them, amounts that are
 * not numbers, tokens in paging URLs, and every error family with its advice.
 */
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
} from '../../nodes/shared/adPlatforms/googleAds';
import { appSecretProof, signMetaRequest } from '../../nodes/shared/adPlatforms/metaSignIn';
import { metaAccountId, metaAccountPath, metaFailure, metaInsightsQuery, readMetaPage, type MetaQuery } from '../../nodes/shared/adPlatforms/meta';

const query = (overrides: Partial<MetaQuery> = {}): MetaQuery => ({
	accountId: 'act_111',
	level: 'campaign',
	preset: 'last7Days',
	daily: false,
	actionType: 'omni_purchase',
	...overrides,
});

describe('Meta: ids and query', () => {
	it('account ids with and without act_', () => {
		expect(metaAccountId(' act_123 ')).toBe('123');
		expect(metaAccountId('123')).toBe('123');
		expect(metaAccountId('xact_123')).toBe('xact_123');
		expect(metaAccountPath('123')).toBe('act_123');
		expect(metaAccountPath('act_123')).toBe('act_123');
	});

	it('asks for the level, its fields, the period, one row per day or all days, 500 a page', () => {
		expect(metaInsightsQuery(query())).toEqual({
			level: 'campaign',
			fields: 'account_id,account_currency,campaign_id,campaign_name,spend,actions,action_values,date_start,date_stop',
			date_preset: 'last_7d',
			time_increment: 'all_days',
			limit: '500',
		});
		expect(metaInsightsQuery(query({ level: 'account', daily: true, preset: 'custom', range: { since: '2026-11-01', until: '2026-11-02' } }))).toEqual({
			level: 'account',
			fields: 'account_id,account_name,account_currency,spend,actions,action_values,date_start,date_stop',
			time_range: '{"since":"2026-11-01","until":"2026-11-02"}',
			time_increment: '1',
			limit: '500',
		});
	});
});

describe('Meta: pages and rows', () => {
	const entry = {
		account_id: '111',
		account_currency: 'EUR',
		campaign_id: '9',
		campaign_name: 'Brand',
		spend: '120.505',
		actions: [
			{ action_type: 'purchase', value: '7' },
			{ action_type: 'omni_purchase', value: '6' },
		],
		action_values: [
			{ action_type: 'purchase', value: '700' },
			{ action_type: 'omni_purchase', value: '602.499' },
		],
		date_start: '2026-11-20',
		date_stop: '2026-11-26',
	};

	it('reads one action type only, amounts to the cent, the period of the row', () => {
		const { rows, next } = readMetaPage({ data: [entry], paging: {} }, query());
		expect(next).toBeUndefined();
		expect(rows).toEqual([
			{
				platform: 'meta',
				accountId: '111',
				campaignId: '9',
				campaignName: 'Brand',
				date: '2026-11-20',
				period: { from: '2026-11-20', to: '2026-11-26' },
				spend: 120.51,
				conversions: 6,
				conversionValue: 602.5,
				currency: 'EUR',
			},
		]);
		expect(readMetaPage({ data: [entry] }, query({ actionType: 'purchase' })).rows[0]).toMatchObject({ conversions: 7, conversionValue: 700 });
	});

	it('missing actions and values are none; an action type not listed is none', () => {
		const { rows } = readMetaPage({ data: [{ ...entry, actions: undefined, action_values: null, spend: undefined }] }, query());
		expect(rows[0]).toMatchObject({ spend: 0, conversions: 0, conversionValue: 0 });
		expect(readMetaPage({ data: [entry] }, query({ actionType: 'lead' })).rows[0]).toMatchObject({ conversions: 0, conversionValue: 0 });
		expect(readMetaPage({ data: [{ ...entry, actions: 'six' }] }, query()).rows[0].conversions).toBe(0);
	});

	it('an account row takes the account name; a missing account id falls back to the one asked; a one-day row ends where it starts', () => {
		const { rows } = readMetaPage(
			{ data: [{ account_name: 'Shop', spend: '1', date_start: '2026-11-20' }] },
			query({ level: 'account', accountId: 'act_222' }),
		);
		expect(rows[0]).toMatchObject({ accountId: '222', campaignId: '', campaignName: 'Shop', period: { from: '2026-11-20', to: '2026-11-20' }, currency: '' });
		expect(readMetaPage({ data: [{}] }, query()).rows[0]).toMatchObject({ accountId: '111', campaignId: '', campaignName: '', date: '' });
	});

	it('an amount in words is an error naming the field and the campaign (or the account), never a silent 0', () => {
		expect(() => readMetaPage({ data: [{ ...entry, spend: 'lots' }] }, query())).toThrow(
			'Meta answered spend "lots" for campaign "Brand", which is not a number',
		);
		expect(() =>
			readMetaPage({ data: [{ account_id: '5', spend: '1', actions: [{ action_type: 'omni_purchase', value: 'x' }] }] }, query({ level: 'account' })),
		).toThrow('Meta answered actions "x" for account "5", which is not a number');
		expect(() => readMetaPage({ data: [{ ...entry, action_values: [{ action_type: 'omni_purchase', value: {} }] }] }, query())).toThrow(
			/^Meta answered action_values .+ for campaign "Brand", which is not a number$/,
		);
	});

	it('an answer without a data list is an error showing what came', () => {
		expect(() => readMetaPage({ error: 'x' }, query())).toThrow(/^Meta answered without a data list: /);
		expect(() => readMetaPage(null, query())).toThrow(/^Meta answered without a data list: /);
		expect(() => readMetaPage('<html>', query())).toThrow(/^Meta answered without a data list: /);
	});

	it('the next page keeps every parameter but the access token, wherever it sits', () => {
		const next = (url: string) => readMetaPage({ data: [], paging: { next: url } }, query()).next;
		expect(next('https://graph.facebook.com/v25.0/act_1/insights?access_token=SECRET&level=campaign&after=Mg')).toBe(
			'https://graph.facebook.com/v25.0/act_1/insights?level=campaign&after=Mg',
		);
		expect(next('https://graph.facebook.com/v25.0/act_1/insights?after=Mg&access_token=SECRET')).toBe(
			'https://graph.facebook.com/v25.0/act_1/insights?after=Mg',
		);
		expect(next('not a url?access_token=SECRET&after=Mg')).toBe('not a url?after=Mg');
		expect(next('https://graph.facebook.com/v26.0/act_1/insights?access_token=SECRET&appsecret_proof=PROOF&after=Mg')).toBe(
			'https://graph.facebook.com/v26.0/act_1/insights?after=Mg',
		);
		expect(next('not a url?appsecret_proof=PROOF&access_token=SECRET&after=Mg')).toBe('not a url?after=Mg');
		expect(next('not a url?access_token=SECRET')).toBe('not a url');
		expect(readMetaPage({ data: [], paging: { next: 5 } }, query()).next).toBeUndefined();
	});
});

describe('Meta: errors', () => {
	it('an expired token, a missing permission, a rate limit, anything else', () => {
		expect(metaFailure(400, { error: { message: 'Session has expired', code: 190, error_subcode: 463, fbtrace_id: 'T1' } }, {})).toEqual({
			message: 'Meta Ads: Session has expired',
			description: 'The access token has expired or was revoked: create a new one and update the Meta Ads API credential. Meta error code 190/463, trace T1.',
			httpCode: '400',
		});
		for (const code of [10, 200, 294])
			expect(metaFailure(403, { error: { message: 'no', code } }, {}).description).toBe(
				`The token may not read this ad account: give it the ads_read permission on the account. Meta error code ${code}.`,
			);
		for (const code of [4, 17, 32, 613, 80000, 80014])
			expect(metaFailure(400, { error: { message: 'slow down', code } }, {}).description).toMatch(
				/^Meta's rate limit for this ad account is reached: retry later, or run less often\./,
			);
		for (const code of [79999, 80015, 1, 100])
			expect(metaFailure(400, { error: { message: 'odd', code } }, {})).toEqual({
				message: 'Meta Ads: odd',
				description: `Meta error code ${code}.`,
				httpCode: '400',
			});
		expect(metaFailure(502, '<html>', {})).toEqual({ message: 'Meta Ads: request failed with status 502', description: 'Meta error code 0.', httpCode: '502' });
	});

	it('known code/subcode pairs get their fix: an account the token cannot see, reports too large to build, a required App Secret', () => {
		const fail = (code: number, subcode?: number, message = 'Meta says no') =>
			metaFailure(400, { error: { message, code, ...(subcode ? { error_subcode: subcode } : {}) } }, {}).description;
		expect(fail(100, 33)).toBe(
			'Meta finds no ad account with this ID that the token may read: check the Account ID (the number after act_ in Ads Manager), and in Business Settings assign the system user (or person) of the token to this ad account. Meta error code 100/33.',
		);
		for (const [code, subcode] of [
			[100, 1504018],
			[2, 1504038],
			[100, 1487534],
			[1, 99],
		]) {
			expect(fail(code, subcode)).toBe(
				`Meta could not build this report in time. Ask for less in one request: a shorter Period, Level Account instead of Campaign, or One Row per Day off; or fetch each account in its own item. Meta error code ${code}/${subcode}.`,
			);
		}
		// Neighbours of the known pairs keep Meta's words only.
		for (const [code, subcode] of [
			[100, 34],
			[2, 1504018],
			[100, 1504038],
			[1, 98],
			[1, undefined],
		] as Array<[number, number | undefined]>)
			expect(fail(code, subcode)).toBe(`Meta error code ${code}${subcode ? `/${subcode}` : ''}.`);
		expect(fail(100, undefined, 'API calls from the server require an appsecret_proof argument')).toBe(
			'The Meta app requires App Secret proof ("Require App Secret" is on): enter the App Secret in the Meta Ads API credential, or turn the setting off in the app. Meta error code 100.',
		);
		expect(fail(100, undefined, 'Invalid AppSecret_Proof provided in the API argument')).toMatch(/^The Meta app requires App Secret proof/);
		expect(fail(190, undefined, 'appsecret_proof')).toMatch(/^The access token has expired/);
	});

	it("the rate limit's wait is the largest estimate in any usage header, in minutes", () => {
		const headers = {
			'x-app-usage': JSON.stringify({ call_count: 100, estimated_time_to_regain_access: 3 }),
			'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: 100, estimated_time_to_regain_access: 1 }),
			'x-business-use-case-usage': JSON.stringify({ 1: [{ estimated_time_to_regain_access: 7 }, { estimated_time_to_regain_access: 2 }] }),
		};
		const failure = metaFailure(400, { error: { message: 'limit', code: 17 } }, headers);
		expect(failure.description).toMatch(/^Meta's rate limit for this ad account is reached: retry in about 7 minutes, or run less often\./);
		expect(failure.rateLimitWaitMs).toBe(420_000);
		const one = metaFailure(400, { error: { message: 'limit', code: 17 } }, { 'x-app-usage': '{"estimated_time_to_regain_access":1}' });
		expect(one.description).toMatch(/retry in about 1 minute, /);
		expect(metaFailure(400, { error: { message: 'limit', code: 17 } }, { 'x-app-usage': 7 }).rateLimitWaitMs).toBe(5000);
	});
});

describe('Google Ads: query, results, rows', () => {
	it('customer ids are digits only', () => {
		expect(googleCustomerId('123-456-7890')).toBe('1234567890');
		expect(googleCustomerId(' 123 456 ')).toBe('123456');
	});

	it('GAQL for campaigns or the account, with segments.date only per day', () => {
		expect(googleQuery('campaign', false, "segments.date BETWEEN '2026-11-01' AND '2026-11-07'")).toBe(
			"SELECT customer.id, customer.currency_code, campaign.id, campaign.name, metrics.cost_micros, metrics.conversions, metrics.conversions_value FROM campaign WHERE segments.date BETWEEN '2026-11-01' AND '2026-11-07'",
		);
		expect(googleQuery('account', true, 'x')).toBe(
			'SELECT customer.id, customer.currency_code, customer.descriptive_name, metrics.cost_micros, metrics.conversions, metrics.conversions_value, segments.date FROM customer WHERE x',
		);
		expect(TIMEZONE_QUERY).toBe('SELECT customer.time_zone FROM customer');
	});

	it('searchStream batches are joined; a batch without results adds none; results that are not a list are an error', () => {
		expect(googleResults([{ results: [{ a: 1 }] }, { results: [{ a: 2 }, { a: 3 }] }, { fieldMask: 'x' }])).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
		expect(googleResults({ results: [{ a: 1 }] })).toEqual([{ a: 1 }]);
		expect(googleResults([])).toEqual([]);
		expect(googleResults([null])).toEqual([]);
		expect(() => googleResults([{ results: 'none' }])).toThrow('Google Ads answered with results that are not a list: "none"');
	});

	const result = {
		customer: { id: '123', currencyCode: 'USD', descriptiveName: 'Shop' },
		campaign: { id: '9', name: 'Search' },
		metrics: { costMicros: '12345678', conversions: 2.5, conversionsValue: '99.999' },
	};
	const period = { from: '2026-11-01', to: '2026-11-07' };

	it('a campaign row for the whole period: micros to money, to the cent', () => {
		expect(googleRows([result], 'campaign', period)).toEqual([
			{
				platform: 'googleAds',
				accountId: '123',
				campaignId: '9',
				campaignName: 'Search',
				date: '2026-11-01',
				period,
				spend: 12.35,
				conversions: 2.5,
				conversionValue: 100,
				currency: 'USD',
			},
		]);
	});

	it('a daily row is its own day; an account row takes the descriptive name; missing metrics are none', () => {
		expect(googleRows([{ ...result, segments: { date: '2026-11-03' } }], 'campaign', period)[0]).toMatchObject({
			date: '2026-11-03',
			period: { from: '2026-11-03', to: '2026-11-03' },
		});
		expect(googleRows([{ customer: { id: '5', descriptiveName: 'Shop' }, metrics: { conversions: 1 } }], 'account', period)[0]).toEqual({
			platform: 'googleAds',
			accountId: '5',
			campaignId: '',
			campaignName: 'Shop',
			date: '2026-11-01',
			period,
			spend: 0,
			conversions: 1,
			conversionValue: 0,
			currency: '',
		});
		expect(googleRows([{ metrics: { costMicros: '1' } }], 'campaign', period)[0]).toMatchObject({ accountId: '', campaignId: '', campaignName: '', spend: 0 });
	});

	it('a campaign that did nothing in the period is left out, as Meta leaves it out; any one metric keeps it', () => {
		const idle = (metrics: Record<string, unknown> | undefined) => ({ ...result, metrics });
		expect(
			googleRows(
				[idle(undefined), idle({}), idle({ costMicros: '0', conversions: 0, conversionsValue: 0 }), idle({ costMicros: null, conversions: null })],
				'campaign',
				period,
			),
		).toEqual([]);
		// One micro is kept (spend rounds to 0.00 but was not nothing); so is a conversion without spend.
		expect(
			googleRows([idle({ costMicros: '1' }), idle({ conversions: 0.5 }), idle({ conversionsValue: '0.01' }), idle({ costMicros: '-1' })], 'campaign', period),
		).toHaveLength(4);
		expect(googleRows([idle({}), result, idle({ costMicros: '0' })], 'campaign', period).map((row) => row.spend)).toEqual([12.35]);
	});

	it('a stream that failed part-way (status 200, an error batch) is found, and its results are not read', () => {
		const failed = { error: { code: 500, status: 'INTERNAL', message: 'Internal error encountered.' } };
		expect(googleStreamFailure([{ results: [{ a: 1 }] }, failed])).toBe(failed);
		expect(googleStreamFailure(failed)).toBe(failed);
		expect(googleStreamFailure([{ results: [] }, null, 'x'])).toBeUndefined();
		expect(googleStreamFailure(undefined)).toBeUndefined();
		expect(() => googleResults([{ results: [{ a: 1 }] }, failed])).toThrow(
			'Google Ads stopped part-way through the report: {"code":500,"status":"INTERNAL","message":"Internal error encountered."}',
		);
	});

	it("a refused sign-in is known by n8n 2.x's failure cause or by Google's invalid_grant, also inside a wrapping error", () => {
		expect(isRefusedSignIn({ failure: { cause: 'credential-invalid' } })).toBe(true);
		expect(isRefusedSignIn({ body: { error: 'invalid_grant' } })).toBe(true);
		expect(isRefusedSignIn({ message: 'wrapped', cause: { body: { error: 'invalid_grant' } } })).toBe(true);
		expect(isRefusedSignIn({ failure: { cause: 'other' }, body: { error: 'invalid_client' } })).toBe(false);
		expect(isRefusedSignIn({ cause: { message: 'socket hang up' } })).toBe(false);
		expect(isRefusedSignIn(null)).toBe(false);
		expect(isRefusedSignIn('invalid_grant')).toBe(false);
		const looped: { cause?: unknown } = {};
		looped.cause = looped;
		expect(isRefusedSignIn(looped)).toBe(false);
		expect(REFUSED_SIGN_IN_ADVICE).toMatch(/reconnect.+7 days.+Testing.+Publish app/);
	});

	it('an amount that is not a number is an error naming the field and the campaign (or the account)', () => {
		expect(() => googleRows([{ ...result, metrics: { costMicros: 'many' } }], 'campaign', period)).toThrow(
			'Google Ads answered metrics.costMicros "many" for campaign "Search", which is not a number',
		);
		expect(() => googleRows([{ customer: { id: '5' }, metrics: { conversions: 'x' } }], 'account', period)).toThrow(
			'Google Ads answered metrics.conversions "x" for account "5", which is not a number',
		);
		expect(() => googleRows([{ ...result, metrics: { conversionsValue: [] } }], 'campaign', period)).toThrow(
			/^Google Ads answered metrics.conversionsValue .+ for campaign "Search", which is not a number$/,
		);
	});
});

describe('Google Ads: errors', () => {
	const body = (status: string, code: number, errorCode: Record<string, string>, message: string, requestId?: string) => [
		{ error: { code, status, message: 'outer', details: [{ errors: [{ errorCode, message }], ...(requestId ? { requestId } : {}) }] } },
	];

	it('an expired sign-in, a missing permission, a rate limit, anything else', () => {
		expect(googleFailure(401, body('UNAUTHENTICATED', 401, { authenticationError: 'OAUTH_TOKEN_EXPIRED' }, 'expired', 'r1'), '123')).toEqual({
			message: 'Google Ads: expired',
			description:
				'The sign-in has expired or was revoked: reconnect the Google Ads (Ad Metrics) OAuth2 API credential. UNAUTHENTICATED / OAUTH_TOKEN_EXPIRED. Request ID r1.',
			httpCode: '401',
		});
		expect(googleFailure(403, body('PERMISSION_DENIED', 403, { authorizationError: 'USER_PERMISSION_DENIED' }, 'denied'), '123').description).toBe(
			'This login may not read customer 123: check the account ID, and set Login Customer ID in the credential when you reach it through a manager account. PERMISSION_DENIED / USER_PERMISSION_DENIED.',
		);
		expect(googleFailure(429, body('RESOURCE_EXHAUSTED', 429, { quotaError: 'RESOURCE_EXHAUSTED' }, 'quota'), '1').description).toBe(
			"Google Ads' rate limit is reached: retry later, or run less often. RESOURCE_EXHAUSTED / RESOURCE_EXHAUSTED.",
		);
		expect(googleFailure(400, body('INVALID_ARGUMENT', 400, { queryError: 'BAD_FIELD' }, 'bad query'), '1')).toEqual({
			message: 'Google Ads: bad query',
			description: 'INVALID_ARGUMENT / BAD_FIELD.',
			httpCode: '400',
		});
		expect(googleFailure(500, 'oops', '1')).toEqual({ message: 'Google Ads: request failed with status 500', description: '500.', httpCode: '500' });
		expect(googleFailure(500, { error: { message: 'internal' } }, '1')).toEqual({ message: 'Google Ads: internal', description: '500.', httpCode: '500' });
	});

	it('by error code: Test access only (both names), a manager account asked for metrics, an account not enabled, the API not enabled', () => {
		const testAccess =
			'The Google Cloud project of this OAuth client has Test access, which reads only test accounts: apply for Explorer access on the Google Ads API Overview page of the Cloud console (console.cloud.google.com/google/ads-apis/overview), then run again.';
		expect(
			googleFailure(403, body('PERMISSION_DENIED', 403, { authorizationError: 'CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION' }, 'not approved'), '123')
				.description,
		).toBe(`${testAccess} PERMISSION_DENIED / CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION.`);
		expect(googleFailure(403, body('PERMISSION_DENIED', 403, { authorizationError: 'DEVELOPER_TOKEN_NOT_APPROVED' }, 'not approved'), '123').description).toBe(
			`${testAccess} PERMISSION_DENIED / DEVELOPER_TOKEN_NOT_APPROVED.`,
		);
		expect(
			googleFailure(
				400,
				body('INVALID_ARGUMENT', 400, { queryError: 'REQUESTED_METRICS_FOR_MANAGER' }, 'Metrics cannot be requested for a manager account.'),
				'1112223333',
			),
		).toEqual({
			message: 'Google Ads: Metrics cannot be requested for a manager account.',
			description:
				"Customer 1112223333 is a manager account, which has no metrics of its own: enter the ID of a client account under it, and the manager's ID as Login Customer ID in the credential. INVALID_ARGUMENT / REQUESTED_METRICS_FOR_MANAGER.",
			httpCode: '400',
		});
		expect(googleFailure(403, body('PERMISSION_DENIED', 403, { authorizationError: 'CUSTOMER_NOT_ENABLED' }, 'not enabled'), '5').description).toBe(
			'Customer 5 is not enabled (cancelled, or never finished setting up): check the account ID. PERMISSION_DENIED / CUSTOMER_NOT_ENABLED.',
		);
		const disabled = [
			{
				error: {
					code: 403,
					status: 'PERMISSION_DENIED',
					message: 'Google Ads API has not been used in project 123 before or it is disabled.',
					details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED' }],
				},
			},
		];
		expect(googleFailure(403, disabled, '5')).toEqual({
			message: 'Google Ads: Google Ads API has not been used in project 123 before or it is disabled.',
			description:
				'The Google Ads API is not enabled for the Google Cloud project of this OAuth client: enable it under APIs & Services in the Cloud console, wait a few minutes, and run again. PERMISSION_DENIED.',
			httpCode: '403',
		});
	});

	it('the status word alone decides too, whatever the HTTP code', () => {
		expect(googleFailure(400, [{ error: { status: 'UNAUTHENTICATED' } }], '1').description).toMatch(/^The sign-in has expired/);
		expect(googleFailure(400, [{ error: { status: 'PERMISSION_DENIED' } }], '1').description).toMatch(/^This login may not read customer 1/);
		expect(googleFailure(400, [{ error: { status: 'RESOURCE_EXHAUSTED' } }], '1').description).toMatch(/^Google Ads' rate limit is reached/);
	});

	it("the retry delay comes from the failure's quota details, or from the error's details", () => {
		const inFailure = [
			{
				error: {
					code: 429,
					status: 'RESOURCE_EXHAUSTED',
					details: [{ errors: [{ errorCode: { quotaError: 'RESOURCE_EXHAUSTED' }, message: 'q', details: { quotaErrorDetails: { retryDelay: '30s' } } }] }],
				},
			},
		];
		expect(googleFailure(429, inFailure, '1')).toMatchObject({
			rateLimitWaitMs: 30_000,
			description: expect.stringMatching(/^Google Ads' rate limit is reached: retry in 30 s, /),
		});
		const inDetails = [{ error: { code: 429, status: 'RESOURCE_EXHAUSTED', details: [{ retryDelay: '4s' }] } }];
		expect(googleFailure(429, inDetails, '1')).toMatchObject({ rateLimitWaitMs: 4000, description: expect.stringMatching(/retry in 4 s/) });
	});
});

describe('Meta: signing a request', () => {
	it('appsecret_proof is HMAC-SHA256 of the token keyed with the App Secret, in hex', () => {
		// RFC 4231-style check with the well-known "quick brown fox" vector.
		expect(appSecretProof('The quick brown fox jumps over the lazy dog', 'key')).toBe('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
	});

	it('the token goes in a bearer header; the proof joins the query only when an App Secret is set, keeping what the request had', () => {
		const request = { url: '/me', headers: { Accept: 'application/json' }, qs: { fields: 'id' } };
		expect(signMetaRequest({ accessToken: ' EAAB ' }, request)).toEqual({
			url: '/me',
			headers: { Accept: 'application/json', Authorization: 'Bearer EAAB' },
			qs: { fields: 'id' },
		});
		const bare: { url: string; qs?: Record<string, unknown> } = { url: '/x' };
		expect(signMetaRequest({ accessToken: 'EAAB', appSecret: '  ' }, bare)).toEqual({ url: '/x', headers: { Authorization: 'Bearer EAAB' } });
		const signed = signMetaRequest({ accessToken: 'EAAB', appSecret: ' s3cret ' }, request);
		expect(signed.qs).toEqual({ fields: 'id', appsecret_proof: appSecretProof('EAAB', 's3cret') });
		expect(signMetaRequest({ accessToken: 'EAAB', appSecret: 's3cret' }, bare).qs).toEqual({ appsecret_proof: appSecretProof('EAAB', 's3cret') });
		expect(JSON.stringify(signed)).not.toContain('s3cret');
		expect(request).toEqual({ url: '/me', headers: { Accept: 'application/json' }, qs: { fields: 'id' } });
	});
});
