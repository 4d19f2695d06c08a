/**
 * The Ad Metrics node against a local stand-in for both ad platforms on 127.0.0.1: the exact
 * requests, pagination, normalized rows, every documented error, and Ad Metrics -> ROAS Calculator.
 */
const { runWorkflow, triggerThenNode } = require('./harness');
const { startAdPlatformStandIn, META_TOKEN, META_APP_SECRET, META_VERSION, GOOGLE_ACCESS_TOKEN } = require('./standIns/adPlatforms');

let standIn;
beforeAll(async () => {
	standIn = await startAdPlatformStandIn();
});
afterAll(async () => {
	await standIn.close();
});
beforeEach(() => {
	standIn.requests.length = 0;
});

const CREDENTIALS = { realtimeBatchMetaAdsApi: { id: '1', name: 'Meta test' }, realtimeBatchGoogleAdsOAuth2Api: { id: '2', name: 'Google test' } };
function workflow(parameters, nodeSettings = {}, extraNodes = [], extraConnections = {}) {
	const credential = parameters.platform === 'googleAds' ? 'realtimeBatchGoogleAdsOAuth2Api' : 'realtimeBatchMetaAdsApi';
	return triggerThenNode({
		type: 'adMetrics',
		name: 'Ad Metrics',
		trigger: 'Every 15 minutes',
		parameters,
		settings: { credentials: { [credential]: CREDENTIALS[credential] }, ...nodeSettings },
		extraNodes,
		extraConnections,
	});
}
const run = (parameters, options = {}) => {
	const credentials = JSON.parse(JSON.stringify(standIn.credentials));
	for (const [type, changes] of Object.entries(options.credentialChanges ?? {})) Object.assign(credentials[type], changes);
	return runWorkflow({
		workflow: workflow(parameters, options.nodeSettings),
		pinData: { 'Every 15 minutes': options.items ?? [{}] },
		credentials,
		at: '2026-11-27T10:00:00Z',
	});
};
const rowsOf = (result) => result.jsonOutputsOf('Ad Metrics')[0];

describe('Meta Ads', () => {
	it('follows every page, sends the token only as a header, and counts one purchase action type', async () => {
		const result = await run({ platform: 'meta', accountId: '111' });
		expect(result.error).toBeUndefined();
		expect(standIn.requests.map(({ method, path, query, headers }) => ({ method, path, query, authorization: headers.authorization }))).toEqual([
			{
				method: 'GET',
				path: `/${META_VERSION}/act_111/insights`,
				query: {
					level: 'campaign',
					fields: 'account_id,account_currency,campaign_id,campaign_name,spend,actions,action_values,date_start,date_stop',
					date_preset: 'last_7d',
					time_increment: 'all_days',
					limit: '500',
				},
				authorization: `Bearer ${META_TOKEN}`,
			},
			// the next page's URL came with access_token in it; the node dropped it
			{ method: 'GET', path: `/${META_VERSION}/act_111/insights`, query: { level: 'campaign', after: 'Mg' }, authorization: `Bearer ${META_TOKEN}` },
		]);
		expect(rowsOf(result)).toEqual([
			{
				platform: 'meta',
				accountId: '111',
				campaignId: '1',
				campaignName: 'Brand',
				date: '2026-11-20',
				period: { from: '2026-11-20', to: '2026-11-26' },
				spend: 120.5,
				conversions: 6,
				conversionValue: 602.5,
				currency: 'EUR',
			},
			{
				platform: 'meta',
				accountId: '111',
				campaignId: '2',
				campaignName: 'Prospecting',
				date: '2026-11-20',
				period: { from: '2026-11-20', to: '2026-11-26' },
				spend: 300,
				conversions: 2,
				conversionValue: 180,
				currency: 'EUR',
			},
			{
				platform: 'meta',
				accountId: '111',
				campaignId: '3',
				campaignName: 'Retargeting',
				date: '2026-11-20',
				period: { from: '2026-11-20', to: '2026-11-26' },
				spend: 80,
				conversions: 0,
				conversionValue: 0,
				currency: 'EUR',
			},
		]);
	});

	it('asks for a custom range, one row per day, and the account level', async () => {
		await run({ platform: 'meta', accountId: 'act_222', level: 'account', period: 'custom', since: '2026-11-01', until: '2026-11-15', daily: true });
		expect(standIn.requests[0].query).toEqual({
			level: 'account',
			fields: 'account_id,account_name,account_currency,spend,actions,action_values,date_start,date_stop',
			time_range: '{"since":"2026-11-01","until":"2026-11-15"}',
			time_increment: '1',
			limit: '500',
		});
	});

	it('returns no rows, and no error, for an empty report', async () => {
		const result = await run({ platform: 'meta', accountId: '222' });
		expect(result.error).toBeUndefined();
		expect(rowsOf(result)).toEqual([]);
	});

	it("reports an expired token in Meta's words, without the token", async () => {
		const result = await run({ platform: 'meta', accountId: 'expired' });
		expect(result.error.message).toBe('Meta Ads: Error validating access token: Session has expired on Thursday, 26-Nov-26.');
		expect(result.error.description).toContain('The access token has expired or was revoked');
		expect(result.error.httpCode).toBe('400');
		expect(JSON.stringify(result.run.data.resultData)).not.toContain(META_TOKEN);
	});

	it('reports a missing permission', async () => {
		const result = await run({ platform: 'meta', accountId: 'forbidden' });
		expect(result.error.message).toBe('Meta Ads: (#200) Ad account owner has NOT grant ads_management or ads_read permission');
		expect(result.error.description).toContain('give it the ads_read permission');
		expect(result.error.httpCode).toBe('403');
	});

	it('a system user not assigned to the ad account (100/33): check the ID, assign the user in Business Settings', async () => {
		const result = await run({ platform: 'meta', accountId: 'unassigned' });
		expect(result.error.message).toMatch(/^Meta Ads: Unsupported get request\. Object with ID 'act_unassigned' does not exist/);
		expect(result.error.description).toBe(
			'Meta finds no ad account with this ID that the token may read: check the Account ID (the number after act_ in Ads Manager), and in Business Settings assign the system user (or person) of the token to this ad account. Meta error code 100/33, trace Unas.',
		);
	});

	it('a report too large to build in time (100/1504018, 1/99) asks for less in one request', async () => {
		for (const accountId of ['slow', 'huge']) {
			const result = await run({ platform: 'meta', accountId });
			expect(result.error.description).toMatch(
				/^Meta could not build this report in time\. Ask for less in one request: a shorter Period, Level Account instead of Campaign, or One Row per Day off/,
			);
		}
	});

	it('an app that requires App Secret proof: refused without the App Secret, every page signed with it', async () => {
		const refused = await run({ platform: 'meta', accountId: 'secured' });
		expect(refused.error.description).toMatch(
			/^The Meta app requires App Secret proof \("Require App Secret" is on\): enter the App Secret in the Meta Ads API credential/,
		);
		standIn.requests.length = 0;
		const wrong = await run({ platform: 'meta', accountId: 'secured' }, { credentialChanges: { realtimeBatchMetaAdsApi: { appSecret: 'not-the-secret' } } });
		expect(wrong.error.message).toBe('Meta Ads: Invalid appsecret_proof provided in the API argument');
		expect(wrong.error.description).toMatch(/^The Meta app requires App Secret proof/);
		standIn.requests.length = 0;
		const signed = await run({ platform: 'meta', accountId: 'secured' }, { credentialChanges: { realtimeBatchMetaAdsApi: { appSecret: META_APP_SECRET } } });
		expect(signed.error).toBeUndefined();
		expect(rowsOf(signed).map((row) => row.campaignName)).toEqual(['Secured one', 'Secured two']);
		// Each page carries the proof once (the one Meta put into the next page's URL is replaced), never the secret or the token.
		expect(standIn.requests.map((request) => request.query.after ?? 'first')).toEqual(['first', 'S2']);
		for (const request of standIn.requests) {
			expect(request.query.appsecret_proof).toMatch(/^[0-9a-f]{64}$/);
			expect(request.query.access_token).toBeUndefined();
			expect(request.headers.authorization).toBe(`Bearer ${META_TOKEN}`);
		}
		expect(JSON.stringify(standIn.requests)).not.toContain(META_APP_SECRET);
		expect(JSON.stringify(signed.run.data.resultData)).not.toContain(META_APP_SECRET);
	});

	it("reports the rate limit with Meta's estimate of when to retry", async () => {
		const result = await run({ platform: 'meta', accountId: 'throttled' });
		expect(result.error.message).toBe('Meta Ads: User request limit reached');
		expect(result.error.description).toContain('retry in about 12 minutes');
	});
});

describe('Google Ads', () => {
	it('asks the account timezone, then one GAQL query through searchStream, with the developer token', async () => {
		const result = await run({ platform: 'googleAds', accountId: '123-456-7890' });
		expect(result.error).toBeUndefined();
		const sent = standIn.requests.map(({ method, path, headers, body }) => ({
			method,
			path,
			authorization: headers.authorization,
			developerToken: headers['developer-token'],
			loginCustomerId: headers['login-customer-id'],
			query: body.query,
		}));
		const common = {
			method: 'POST',
			path: '/v26/customers/1234567890/googleAds:searchStream',
			authorization: `Bearer ${GOOGLE_ACCESS_TOKEN}`,
			developerToken: 'dev-token-123',
			loginCustomerId: '1112223333',
		};
		expect(sent).toEqual([
			{ ...common, query: 'SELECT customer.time_zone FROM customer' },
			// 10:00 UTC is 05:00 in New York: the last 7 days there are 20 to 26 November
			{
				...common,
				query:
					"SELECT customer.id, customer.currency_code, campaign.id, campaign.name, metrics.cost_micros, metrics.conversions, metrics.conversions_value FROM campaign WHERE segments.date BETWEEN '2026-11-20' AND '2026-11-26'",
			},
		]);
		expect(rowsOf(result)).toEqual([
			{
				platform: 'googleAds',
				accountId: '1234567890',
				campaignId: '701',
				campaignName: 'Search - Brand',
				date: '2026-11-20',
				period: { from: '2026-11-20', to: '2026-11-26' },
				spend: 150.25,
				conversions: 5,
				conversionValue: 900.5,
				currency: 'USD',
			},
			{
				platform: 'googleAds',
				accountId: '1234567890',
				campaignId: '702',
				campaignName: 'Search - Generic',
				date: '2026-11-20',
				period: { from: '2026-11-20', to: '2026-11-26' },
				spend: 200,
				conversions: 0,
				conversionValue: 0,
				currency: 'USD',
			},
		]);
	});

	it('sends no developer-token header when the credential has none (optional since Google sunset them)', async () => {
		const credentials = JSON.parse(JSON.stringify(standIn.credentials));
		credentials.realtimeBatchGoogleAdsOAuth2Api.developerToken = '';
		const result = await runWorkflow({
			workflow: workflow({ platform: 'googleAds', accountId: '123-456-7890' }),
			pinData: { 'Every 15 minutes': [{}] },
			credentials,
			at: '2026-11-27T10:00:00Z',
		});
		expect(result.error).toBeUndefined();
		expect(standIn.requests.length).toBeGreaterThan(0);
		for (const request of standIn.requests) expect(request.headers['developer-token']).toBeUndefined();
	});

	it('adds segments.date for one row per day', async () => {
		await run({ platform: 'googleAds', accountId: '1234567890', period: 'yesterday', daily: true });
		expect(standIn.requests[1].body.query).toBe(
			"SELECT customer.id, customer.currency_code, campaign.id, campaign.name, metrics.cost_micros, metrics.conversions, metrics.conversions_value, segments.date FROM campaign WHERE segments.date BETWEEN '2026-11-26' AND '2026-11-26'",
		);
	});

	it('returns no rows for an empty report', async () => {
		const result = await run({ platform: 'googleAds', accountId: '555-000-0000' });
		expect(result.error).toBeUndefined();
		expect(rowsOf(result)).toEqual([]);
	});

	it('reports a missing permission, pointing at the Login Customer ID', async () => {
		const result = await run({ platform: 'googleAds', accountId: '403-000-0000' });
		expect(result.error.message).toBe("Google Ads: User doesn't have permission to access customer.");
		expect(result.error.description).toContain('set Login Customer ID in the credential');
		expect(result.error.description).toContain('USER_PERMISSION_DENIED');
	});

	it("reports the rate limit with Google's retry delay, at once when the delay is longer than it may wait", async () => {
		const result = await run({ platform: 'googleAds', accountId: '429-000-0000', options: { rateLimitWaitSeconds: 29 } });
		expect(standIn.requests.filter((request) => request.path.includes('searchStream'))).toHaveLength(1);
		expect(result.error.message).toBe('Google Ads: Too many requests. Retry in 30 seconds.');
		expect(result.error.description).toContain('retry in 30 s');
		expect(result.error.description).toContain('Request ID req-quota');
	});

	it('leaves out a campaign that did nothing in the period, as Meta does (Google answers for it with no metrics)', async () => {
		const result = await run({ platform: 'googleAds', accountId: '123-456-7890' });
		expect(rowsOf(result).map((row) => row.campaignName)).toEqual(['Search - Brand', 'Search - Generic']);
	});

	it.each([
		[
			'a Cloud project at Test access',
			'403-100-0000',
			/^The Google Cloud project of this OAuth client has Test access, which reads only test accounts: apply for Explorer access/,
			'CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION',
		],
		[
			'an account not enabled',
			'403-200-0000',
			/^Customer 4032000000 is not enabled \(cancelled, or never finished setting up\): check the account ID\./,
			'CUSTOMER_NOT_ENABLED',
		],
		[
			'the API not enabled in the Cloud project',
			'403-300-0000',
			/^The Google Ads API is not enabled for the Google Cloud project of this OAuth client: enable it under APIs & Services/,
			'PERMISSION_DENIED.',
		],
		[
			'the manager account entered as the account',
			'111-222-3333',
			/^Customer 1112223333 is a manager account, which has no metrics of its own: enter the ID of a client account under it/,
			'REQUESTED_METRICS_FOR_MANAGER',
		],
	])("%s: says what to do, in Google's words and code", async (_case, accountId, advice, code) => {
		const result = await run({ platform: 'googleAds', accountId });
		expect(result.error.message).toMatch(/^Google Ads: /);
		expect(result.error.description).toMatch(advice);
		expect(result.error.description).toContain(code);
		expect(result.error.description).not.toContain('set Login Customer ID in the credential when you reach it');
	});

	it("a stream that fails after it began (status 200) fails the item with Google's message, keeping none of its rows", async () => {
		const result = await run({ platform: 'googleAds', accountId: '200-500-0000' });
		expect(result.error.message).toBe('Google Ads: An internal error has occurred.');
		expect(result.error.description).toBe('INTERNAL / INTERNAL_ERROR. Request ID half.');
		expect(result.error.httpCode).toBe('500');
		const kept = await run({ platform: 'googleAds', accountId: '200-500-0000' }, { nodeSettings: { onError: 'continueRegularOutput' } });
		expect(rowsOf(kept)).toEqual([
			expect.objectContaining({ error: 'Google Ads: An internal error has occurred.', platform: 'googleAds', accountId: '2005000000' }),
		]);
	});

	it('tries to refresh an expired sign-in, and asks to reconnect when that fails, without any token', async () => {
		const result = await run({ platform: 'googleAds', accountId: '999-000-0000' });
		expect(standIn.requests.map((request) => request.path)).toContain('/token');
		expect(result.error.message).toContain('needs to be reconnected');
		// Google answered invalid_grant: the advice names the 7-day limit of a consent screen left in Testing.
		expect(result.error.description).toMatch(
			/^Google refused to renew the sign-in \(invalid_grant\): open the credential and reconnect it\. If this comes back about 7 days after every reconnect, the OAuth consent screen .+ is in Testing/,
		);
		const everything = JSON.stringify(result.run.data.resultData);
		expect(everything).not.toContain(GOOGLE_ACCESS_TOKEN);
		expect(everything).not.toContain('refresh-token');
	});
});

describe('in a workflow', () => {
	it('fetches one account per input item and pairs each row with its item', async () => {
		const result = await run({ platform: 'meta', accountId: '={{ $json.account }}' }, { items: [{ account: '222' }, { account: '111' }] });
		const items = result.outputsOf('Ad Metrics')[0];
		expect(items.map((item) => [item.json.campaignName, item.pairedItem])).toEqual([
			['Brand', { item: 1 }],
			['Prospecting', { item: 1 }],
			['Retargeting', { item: 1 }],
		]);
	});

	it('with "Continue", passes a failing account on with its error and fetches the others', async () => {
		const result = await run(
			{ platform: 'meta', accountId: '={{ $json.account }}' },
			{ items: [{ account: 'expired' }, { account: '111' }], nodeSettings: { onError: 'continueRegularOutput' } },
		);
		const rows = rowsOf(result);
		expect(rows[0].error).toBe('Meta Ads: Error validating access token: Session has expired on Thursday, 26-Nov-26.');
		expect(rows.slice(1).map((row) => row.campaignName)).toEqual(['Brand', 'Prospecting', 'Retargeting']);
	});

	it('waits out a rate limit (5 s when Meta says not how long) and reports the rows of the second answer', async () => {
		const started = Date.now();
		const result = await run({ platform: 'meta', accountId: 'act_busy' });
		expect(result.error).toBeUndefined();
		expect(rowsOf(result).map((row) => row.campaignName)).toEqual(['Busy hour']);
		expect(standIn.requests.filter((request) => request.path.includes('act_busy'))).toHaveLength(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(5000);
	});

	it('fails at once, with the hint, when Meta asks for a longer wait (12 minutes) than it may wait', async () => {
		const result = await run({ platform: 'meta', accountId: 'act_throttled' });
		expect(standIn.requests.filter((request) => request.path.includes('act_throttled'))).toHaveLength(1);
		expect(result.error.description).toContain('retry in about 12 minutes');
	});

	it('with "Continue", a failing account\'s item says whose data failed, as its rows would name the account', async () => {
		const result = await run(
			{ platform: 'meta', accountId: '={{ $json.account }}' },
			{ items: [{ account: 'act_expired' }, { account: 'act_111' }], nodeSettings: { onError: 'continueRegularOutput' } },
		);
		const rows = rowsOf(result);
		expect(rows[0]).toMatchObject({ platform: 'meta', accountId: 'expired', error: expect.stringMatching(/^Meta Ads: Error validating access token/) });
		expect(rows[0].description).toMatch(/^The access token has expired or was revoked/);
		expect(rows[1].accountId).toBe('111');
	});

	it('Ad Metrics (Continue) -> ROAS Calculator: the failing account is a DATA SOURCE FAILING alert, the other account is judged', async () => {
		const roas = {
			id: 'r',
			name: 'ROAS Calculator',
			type: 'n8n-nodes-realtime-batch.roasCalculator',
			typeVersion: 1,
			position: [440, 0],
			parameters: { targetRoas: 3, criticalRoas: 1 },
		};
		const result = await runWorkflow({
			workflow: workflow({ platform: 'meta', accountId: '={{ $json.account }}' }, { onError: 'continueRegularOutput' }, [roas], {
				'Ad Metrics': { main: [[{ node: 'ROAS Calculator', type: 'main', index: 0 }]] },
			}),
			pinData: { 'Every 15 minutes': [{ account: 'act_expired' }, { account: '111' }] },
			credentials: JSON.parse(JSON.stringify(standIn.credentials)),
			at: '2026-11-27T10:00:00Z',
		});
		expect(result.error).toBeUndefined();
		const [alerts] = result.outputsOf('ROAS Calculator');
		expect(alerts.map((item) => item.json.message)).toEqual([
			'CRITICAL Prospecting: ROAS 0.6 is below the critical level of 1. Spend 300.00 EUR, revenue 180.00 EUR (2026-11-20 to 2026-11-26).',
			'CRITICAL Retargeting: Spent 80.00 with no conversion value. Spend 80.00 EUR, revenue 0.00 EUR (2026-11-20 to 2026-11-26).',
			expect.stringMatching(
				/^DATA SOURCE FAILING account expired: ROAS is not being watched\. Meta Ads: Error validating access token: .+ The access token has expired or was revoked: create a new one/,
			),
		]);
		expect(alerts[2].pairedItem).toEqual([{ item: 0 }]);
	});

	it('rejects a custom range that is not two days in order', async () => {
		const result = await run({ platform: 'meta', accountId: '111', period: 'custom', since: '2026-11-15', until: '2026-11-01' });
		expect(result.error.message).toBe('Custom period: the range ends (2026-11-01) before it starts (2026-11-15)');
	});

	it('Ad Metrics -> ROAS Calculator -> alert, with no mapping in between', async () => {
		const roas = {
			id: 'r',
			name: 'ROAS Calculator',
			type: 'n8n-nodes-realtime-batch.roasCalculator',
			typeVersion: 1,
			position: [440, 0],
			parameters: { targetRoas: 3, criticalRoas: 1 },
		};
		const result = await runWorkflow({
			workflow: workflow({ platform: 'meta', accountId: '111' }, {}, [roas], {
				'Ad Metrics': { main: [[{ node: 'ROAS Calculator', type: 'main', index: 0 }]] },
			}),
			pinData: { 'Every 15 minutes': [{}] },
			credentials: JSON.parse(JSON.stringify(standIn.credentials)),
			at: '2026-11-27T10:00:00Z',
		});
		const [alerts, ok] = result.jsonOutputsOf('ROAS Calculator');
		expect(alerts.map((json) => json.message)).toEqual([
			'CRITICAL Prospecting: ROAS 0.6 is below the critical level of 1. Spend 300.00 EUR, revenue 180.00 EUR (2026-11-20 to 2026-11-26).',
			'CRITICAL Retargeting: Spent 80.00 with no conversion value. Spend 80.00 EUR, revenue 0.00 EUR (2026-11-20 to 2026-11-26).',
		]);
		expect(ok.map((json) => [json.campaign, json.roas])).toEqual([['Brand', 5]]);
	});
});

describe('the sample rows pinned in the templates', () => {
	const fs = require('node:fs');
	const path = require('node:path');
	const folder = path.join(__dirname, '..', '..', 'workflows');
	const pinned = fs
		.readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.map((file) => [file, JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'))])
		.flatMap(([file, template]) =>
			template.nodes.filter((node) => node.type === 'n8n-nodes-realtime-batch.adMetrics').map((node) => [file, node, template.pinData[node.name]]),
		);
	/** Each field's name and kind, in order, nested objects too. */
	const shapeOf = (value) => (value !== null && typeof value === 'object' ? Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]) : typeof value);

	test('are there, one set per Ad Metrics node of the account-fed templates', () => {
		expect(pinned.map(([file, node, rows]) => [file, node.name, rows.length > 0])).toEqual([
			['cpa-alerts.json', 'Today per campaign', true],
			['daily-ad-report.json', 'Yesterday per account', true],
			['roas-alerts.json', 'Today per campaign', true],
		]);
	});

	test.each(pinned.map(([file, node, rows]) => [file, node.parameters.platform, node.parameters.level, rows]))(
		'%s: have the fields, order and kinds of what Ad Metrics returns from %s at level %s',
		async (_file, platform, level, rows) => {
			const result = await run({ platform, level, accountId: platform === 'meta' ? '111' : '123-456-7890' });
			expect(result.error).toBeUndefined();
			const [real] = rowsOf(result);
			for (const { json } of rows) {
				expect(shapeOf(json)).toEqual(shapeOf(real));
				expect(json.platform).toBe(real.platform);
				if (level === 'account') expect(json.campaignId).toBe('');
			}
		},
	);
});
