/**
 * A local stand-in for the Meta Marketing API and the Google Ads API on 127.0.0.1, answering with
 * the documented response shapes and recording every request it receives. Test code only.
 */
'use strict';

const crypto = require('node:crypto');
const http = require('node:http');

const META_VERSION = 'v26.0';
const META_TOKEN = 'EAAB-test-token-do-not-leak';
// The App Secret of a Meta app with "Require App Secret" on (account act_secured).
const META_APP_SECRET = 'app-secret-never-sent';
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
				paging: { cursors: { before: 'MA', after: 'Mg' }, next: `${base}/${META_VERSION}/act_111/insights?access_token=${META_TOKEN}&level=campaign&after=Mg` },
			},
		};
	}
	if (account === 'act_111' && after === 'Mg') {
		return {
			status: 200,
			body: {
				data: [
					{
						...metaRow({ id: '3', name: 'Retargeting', spend: '80.00', purchases: '0', value: '0' }),
						actions: [{ action_type: 'link_click', value: '40' }],
						action_values: undefined,
					},
				],
				paging: { cursors: { before: 'Mw', after: 'Mw' } },
			},
		};
	}
	if (account === 'act_222') return { status: 200, body: { data: [], paging: { cursors: {} } } };
	if (account === 'act_expired') {
		return {
			status: 400,
			body: {
				error: {
					message: 'Error validating access token: Session has expired on Thursday, 26-Nov-26.',
					type: 'OAuthException',
					code: 190,
					error_subcode: 463,
					fbtrace_id: 'AxYz',
				},
			},
		};
	}
	if (account === 'act_forbidden') {
		return {
			status: 403,
			body: {
				error: {
					message: '(#200) Ad account owner has NOT grant ads_management or ads_read permission',
					type: 'OAuthException',
					code: 200,
					fbtrace_id: 'Perm',
				},
			},
		};
	}
	// Throttled on every other call, without saying for how long: a client that waits and asks again gets its rows.
	if (account === 'act_busy') {
		busyCalls += 1;
		if (busyCalls % 2 === 1)
			return { status: 400, body: { error: { message: 'User request limit reached', type: 'OAuthException', code: 17, fbtrace_id: 'Busy' } } };
		return {
			status: 200,
			body: {
				data: [metaRow({ id: '9', name: 'Busy hour', spend: '10.00', purchases: '1', value: '50.00' }, { account_id: 'busy' })],
				paging: { cursors: {} },
			},
		};
	}
	if (account === 'act_throttled') {
		return {
			status: 400,
			headers: {
				'x-business-use-case-usage': JSON.stringify({
					throttled: [{ type: 'ads_insights', call_count: 100, total_cputime: 40, total_time: 60, estimated_time_to_regain_access: 12 }],
				}),
			},
			body: { error: { message: 'User request limit reached', type: 'OAuthException', code: 17, error_subcode: 2446079, fbtrace_id: 'Thr0' } },
		};
	}
	// A system user not assigned to the ad account: Meta cannot tell "no such account" from "not yours".
	if (account === 'act_unassigned') {
		return {
			status: 400,
			body: {
				error: {
					message:
						"Unsupported get request. Object with ID 'act_unassigned' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
					type: 'GraphMethodException',
					code: 100,
					error_subcode: 33,
					fbtrace_id: 'Unas',
				},
			},
		};
	}
	if (account === 'act_slow')
		return {
			status: 400,
			body: { error: { message: 'Your request timed out', type: 'OAuthException', code: 100, error_subcode: 1504018, fbtrace_id: 'Slow' } },
		};
	if (account === 'act_huge')
		return { status: 500, body: { error: { message: 'An unknown error occurred', type: 'OAuthException', code: 1, error_subcode: 99, fbtrace_id: 'Huge' } } };
	// An app with "Require App Secret" on: every page needs the proof signed from the token.
	if (account === 'act_secured') {
		const proof = url.searchParams.get('appsecret_proof');
		if (!proof)
			return {
				status: 400,
				body: {
					error: { message: 'API calls from the server require an appsecret_proof argument', type: 'GraphMethodException', code: 100, fbtrace_id: 'NoProof' },
				},
			};
		const expected = crypto.createHmac('sha256', META_APP_SECRET).update(META_TOKEN).digest('hex');
		if (proof !== expected)
			return {
				status: 400,
				body: { error: { message: 'Invalid appsecret_proof provided in the API argument', type: 'GraphMethodException', code: 100, fbtrace_id: 'BadProof' } },
			};
		if (!after) {
			return {
				status: 200,
				body: {
					data: [metaRow({ id: '41', name: 'Secured one', spend: '10.00', purchases: '1', value: '30.00' }, { account_id: 'secured' })],
					// Meta repeats the token and the proof in the next page's URL.
					paging: {
						cursors: { after: 'S2' },
						next: `${base}/${META_VERSION}/act_secured/insights?access_token=${META_TOKEN}&appsecret_proof=${proof}&level=campaign&after=S2`,
					},
				},
			};
		}
		return {
			status: 200,
			body: {
				data: [metaRow({ id: '42', name: 'Secured two', spend: '20.00', purchases: '2', value: '50.00' }, { account_id: 'secured' })],
				paging: { cursors: {} },
			},
		};
	}
	return { status: 400, body: { error: { message: '(#100) Unknown account', code: 100 } } };
}

/** Google's error body for a GoogleAdsFailure with one error. */
function googleFailureBody(status, code, errorCode, message, requestId) {
	return {
		error: {
			code,
			message: code === 400 ? 'Request contains an invalid argument.' : 'The caller does not have permission',
			status,
			details: [{ '@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure', errors: [{ errorCode, message }], requestId }],
		},
	};
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
					details: [
						{
							'@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure',
							errors: [{ errorCode: { authenticationError: 'OAUTH_TOKEN_EXPIRED' }, message: 'The OAuth access token has expired.' }],
							requestId: 'req-expired',
						},
					],
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
					details: [
						{
							'@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure',
							errors: [{ errorCode: { authorizationError: 'USER_PERMISSION_DENIED' }, message: "User doesn't have permission to access customer." }],
							requestId: 'req-perm',
						},
					],
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
								errors: [
									{
										errorCode: { quotaError: 'RESOURCE_EXHAUSTED' },
										message: 'Too many requests. Retry in 30 seconds.',
										details: { quotaErrorDetails: { rateScope: 'DEVELOPER', rateName: 'Requests per developer per day', retryDelay: '30s' } },
									},
								],
								requestId: 'req-quota',
							},
						],
					},
				},
			],
		};
	}
	// A Cloud project still at Test access, which reads only test accounts.
	if (customerId === '4031000000') {
		return {
			status: 403,
			body: googleFailureBody(
				'PERMISSION_DENIED',
				403,
				{ authorizationError: 'CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION' },
				'The Google Cloud project is not approved for production access.',
				'req-test-access',
			),
		};
	}
	if (customerId === '4032000000') {
		return {
			status: 403,
			body: googleFailureBody(
				'PERMISSION_DENIED',
				403,
				{ authorizationError: 'CUSTOMER_NOT_ENABLED' },
				"The customer account can't be accessed because it is not yet enabled or has been deactivated.",
				'req-disabled',
			),
		};
	}
	// The API not enabled in the Cloud project: Google's own ErrorInfo, no GoogleAdsFailure.
	if (customerId === '4033000000') {
		return {
			status: 403,
			body: {
				error: {
					code: 403,
					message: 'Google Ads API has not been used in project 123456 before or it is disabled. Enable it by visiting the Cloud console, then retry.',
					status: 'PERMISSION_DENIED',
					details: [
						{
							'@type': 'type.googleapis.com/google.rpc.ErrorInfo',
							reason: 'SERVICE_DISABLED',
							domain: 'googleapis.com',
							metadata: { service: 'googleads.googleapis.com', consumer: 'projects/123456' },
						},
					],
				},
			},
		};
	}
	// The manager (the credential's Login Customer ID) entered as the account to report on.
	if (customerId === '1112223333' && !query.includes('customer.time_zone')) {
		return {
			status: 400,
			body: googleFailureBody(
				'INVALID_ARGUMENT',
				400,
				{ queryError: 'REQUESTED_METRICS_FOR_MANAGER' },
				'Metrics cannot be requested for a manager account. To retrieve metrics, issue separate requests against each client account under the manager account.',
				'req-manager',
			),
		};
	}
	if (query.includes('customer.time_zone')) {
		return {
			status: 200,
			body: [
				{ results: [{ customer: { resourceName: `customers/${customerId}`, timeZone: 'America/New_York' } }], fieldMask: 'customer.timeZone', requestId: 'tz' },
			],
		};
	}
	const row = (id, name, costMicros, conversions, value) => ({
		customer: { resourceName: `customers/${customerId}`, id: customerId, currencyCode: 'USD' },
		campaign: { resourceName: `customers/${customerId}/campaigns/${id}`, id, name },
		metrics: { costMicros, conversions, conversionsValue: value },
	});
	if (customerId === '5550000000') return { status: 200, body: [{ fieldMask: 'campaign.id', requestId: 'empty' }] };
	// The stream began (status 200, a first batch) and then failed.
	if (customerId === '2005000000') {
		return {
			status: 200,
			body: [
				{ results: [row('801', 'Half a report', '1000000', 1, 10)], requestId: 'half' },
				{
					error: {
						code: 500,
						message: 'Internal error encountered.',
						status: 'INTERNAL',
						details: [
							{
								'@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure',
								errors: [{ errorCode: { internalError: 'INTERNAL_ERROR' }, message: 'An internal error has occurred.' }],
								requestId: 'half',
							},
						],
					},
				},
			],
		};
	}
	return {
		status: 200,
		body: [
			{ results: [row('701', 'Search - Brand', '150250000', 5, 900.5)], fieldMask: 'campaign.id,campaign.name', requestId: 'b1' },
			// A paused campaign, as Google answers for the whole period: no metric at all.
			{ results: [row('702', 'Search - Generic', '200000000', 0, 0), { ...row('703', 'Search - Paused'), metrics: {} }], requestId: 'b1' },
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
			} else if (url.pathname.startsWith(`/${META_VERSION}/`)) {
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
			realtimeBatchMetaAdsApi: { accessToken: META_TOKEN, apiVersion: META_VERSION, baseUrl: base },
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

module.exports = { startAdPlatformStandIn, META_TOKEN, META_APP_SECRET, META_VERSION, GOOGLE_ACCESS_TOKEN };
