/**
 * A local stand-in for the Meta Marketing API and the Google Ads API on 127.0.0.1, answering with
 * the documented response shapes and recording every request it receives. Test code only.
 */
'use strict';

const http = require('node:http');

const META_TOKEN = 'EAAB-test-token-do-not-leak';
const GOOGLE_ACCESS_TOKEN = 'ya29.test-access-token';

function metaRow(campaign, overrides = {}) {
	return {
		account_id: '111',
		account_currency: 'EUR',
		campaign_id: campaign.id,
		campaign_name: campaign.name,
		spend: campaign.spend,
		actions: [
			{ action_type: 'link_click', value: '250' },
			{ action_type: 'purchase', value: campaign.purchases },
			{ action_type: 'omni_purchase', value: campaign.purchases },
			{ action_type: 'offsite_conversion.fb_pixel_purchase', value: campaign.purchases },
		],
		action_values: [
			{ action_type: 'purchase', value: campaign.value },
			{ action_type: 'omni_purchase', value: campaign.value },
			{ action_type: 'offsite_conversion.fb_pixel_purchase', value: campaign.value },
		],
		date_start: '2026-11-20',
		date_stop: '2026-11-26',
		...overrides,
	};
}

let busyCalls = 0;

function metaAnswer(url, base) {
	const account = url.pathname.split('/')[2];
	const after = url.searchParams.get('after');
	if (account === 'act_111' && !after) {
		return {
			status: 200,
			body: {
				data: [
					metaRow({ id: '1', name: 'Brand', spend: '120.50', purchases: '6', value: '602.50' }),
					metaRow({ id: '2', name: 'Prospecting', spend: '300.00', purchases: '2', value: '180.00' }),
				],
				// Meta puts the access token into the next page's URL; the node must not carry it on.
				paging: { cursors: { before: 'MA', after: 'Mg' }, next: `${base}/v25.0/act_111/insights?access_token=${META_TOKEN}&level=campaign&after=Mg` },
			},
		};
	}
	if (account === 'act_111' && after === 'Mg') {
		return {
			status: 200,
			body: {
				data: [{ ...metaRow({ id: '3', name: 'Retargeting', spend: '80.00', purchases: '0', value: '0' }), actions: [{ action_type: 'link_click', value: '40' }], action_values: undefined }],
				paging: { cursors: { before: 'Mw', after: 'Mw' } },
			},
		};
	}
	if (account === 'act_222') return { status: 200, body: { data: [], paging: { cursors: {} } } };
	if (account === 'act_expired') {
		return {
			status: 400,
			body: { error: { message: 'Error validating access token: Session has expired on Thursday, 26-Nov-26.', type: 'OAuthException', code: 190, error_subcode: 463, fbtrace_id: 'AxYz' } },
		};
	}
	if (account === 'act_forbidden') {
		return {
			status: 403,
			body: { error: { message: '(#200) Ad account owner has NOT grant ads_management or ads_read permission', type: 'OAuthException', code: 200, fbtrace_id: 'Perm' } },
		};
	}
	// Throttled on every other call, without saying for how long: a client that waits and asks again gets its rows.
	if (account === 'act_busy') {
		busyCalls += 1;
		if (busyCalls % 2 === 1) return { status: 400, body: { error: { message: 'User request limit reached', type: 'OAuthException', code: 17, fbtrace_id: 'Busy' } } };
		return { status: 200, body: { data: [metaRow({ id: '9', name: 'Busy hour', spend: '10.00', purchases: '1', value: '50.00' }, { account_id: 'busy' })], paging: { cursors: {} } } };
	}
	if (account === 'act_throttled') {
		return {
			status: 400,
			headers: {
				'x-business-use-case-usage': JSON.stringify({ throttled: [{ type: 'ads_insights', call_count: 100, total_cputime: 40, total_time: 60, estimated_time_to_regain_access: 12 }] }),
			},
			body: { error: { message: 'User request limit reached', type: 'OAuthException', code: 17, error_subcode: 2446079, fbtrace_id: 'Thr0' } },
		};
	}
	return { status: 400, body: { error: { message: '(#100) Unknown account', code: 100 } } };
}

function googleAnswer(customerId, query) {
	if (customerId === '9990000000') {
		return {
			status: 401,
			body: {
				error: {
					code: 401,
					message: 'Request had invalid authentication credentials. Expected OAuth 2 access token.',
					status: 'UNAUTHENTICATED',
					details: [{ '@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure', errors: [{ errorCode: { authenticationError: 'OAUTH_TOKEN_EXPIRED' }, message: 'The OAuth access token has expired.' }], requestId: 'req-expired' }],
				},
			},
		};
	}
	if (customerId === '4030000000') {
		return {
			status: 403,
			body: {
				error: {
					code: 403,
					message: 'The caller does not have permission',
					status: 'PERMISSION_DENIED',
					details: [{ '@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure', errors: [{ errorCode: { authorizationError: 'USER_PERMISSION_DENIED' }, message: "User doesn't have permission to access customer." }], requestId: 'req-perm' }],
				},
			},
		};
	}
	if (customerId === '4290000000') {
		return {
			status: 429,
			body: [
				{
					error: {
						code: 429,
						message: 'Resource has been exhausted (e.g. check quota).',
						status: 'RESOURCE_EXHAUSTED',
						details: [
							{
								'@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure',
								errors: [{ errorCode: { quotaError: 'RESOURCE_EXHAUSTED' }, message: 'Too many requests. Retry in 30 seconds.', details: { quotaErrorDetails: { rateScope: 'DEVELOPER', rateName: 'Requests per developer per day', retryDelay: '30s' } } }],
								requestId: 'req-quota',
							},
						],
					},
				},
			],
		};
	}
	if (query.includes('customer.time_zone')) {
		return { status: 200, body: [{ results: [{ customer: { resourceName: `customers/${customerId}`, timeZone: 'America/New_York' } }], fieldMask: 'customer.timeZone', requestId: 'tz' }] };
	}
	const row = (id, name, costMicros, conversions, value) => ({
		customer: { resourceName: `customers/${customerId}`, id: customerId, currencyCode: 'USD' },
		campaign: { resourceName: `customers/${customerId}/campaigns/${id}`, id, name },
		metrics: { costMicros, conversions, conversionsValue: value },
	});
	if (customerId === '5550000000') return { status: 200, body: [{ fieldMask: 'campaign.id', requestId: 'empty' }] };
	return {
		status: 200,
		body: [
			{ results: [row('701', 'Search - Brand', '150250000', 5, 900.5)], fieldMask: 'campaign.id,campaign.name', requestId: 'b1' },
			{ results: [row('702', 'Search - Generic', '200000000', 0, 0)], requestId: 'b1' },
		],
	};
}

async function startAdPlatformStandIn() {
	const requests = [];
	const server = http.createServer((request, response) => {
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => {
			const url = new URL(request.url, base);
			const bodyText = Buffer.concat(chunks).toString('utf8');
			const form = (request.headers['content-type'] ?? '').includes('x-www-form-urlencoded');
			const body = bodyText === '' ? undefined : form ? Object.fromEntries(new URLSearchParams(bodyText)) : JSON.parse(bodyText);
			requests.push({ method: request.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: request.headers, body });
			let answer;
			if (url.pathname === '/token') {
				answer = { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
			} else if (url.pathname.startsWith('/v25.0/')) {
				answer = metaAnswer(url, base);
			} else {
				const match = /^\/v26\/customers\/(\d+)\/googleAds:searchStream$/.exec(url.pathname);
				answer = match ? googleAnswer(match[1], body?.query ?? '') : { status: 404, body: { error: { message: 'not found' } } };
			}
			response.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
			response.end(JSON.stringify(answer.body));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${server.address().port}`;
	return {
		base,
		requests,
		credentials: {
			realtimeBatchMetaAdsApi: { accessToken: META_TOKEN, apiVersion: 'v25.0', baseUrl: base },
			realtimeBatchGoogleAdsOAuth2Api: {
				clientId: 'client-id',
				clientSecret: 'client-secret',
				accessTokenUrl: `${base}/token`,
				developerToken: 'dev-token-123',
				loginCustomerId: '111-222-3333',
				apiVersion: 'v26',
				baseUrl: base,
				oauthTokenData: { access_token: GOOGLE_ACCESS_TOKEN, refresh_token: 'refresh-token', token_type: 'Bearer' },
			},
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(resolve);
			}),
	};
}

module.exports = { startAdPlatformStandIn, META_TOKEN, GOOGLE_ACCESS_TOKEN };
