/**
 * A blind monitor says so, on a real n8n with Meta's API stood in for: the ROAS monitor with an
 * expired token posts one DATA SOURCE FAILING alert (the platform's words and what to do), no
 * repeats, and one RESOLVED when the token works again; the daily report with one of ten accounts
 * failing goes out with nine accounts and names the tenth; a rate-limited account is waited out
 * and reported.
 */
'use strict';

const crypto = require('node:crypto');

const { TemplateServer, everySeconds } = require('./templateServer');
const { record } = require('../reliability/figures');
const { loadTemplate } = require('../../scripts/n8n/templates');

jest.setTimeout(300_000);

const server = new TemplateServer();
const expired = new Set();
const throttledOnce = new Set();
const insightCalls = new Map();
const posts = [];

const ACCESS_TOKEN = 'EAAB-e2e-token';
// The app has "Require App Secret" on: every call must carry the proof signed from the token.
const APP_SECRET = 'e2e-app-secret';
const PROOF = crypto.createHmac('sha256', APP_SECRET).update(ACCESS_TOKEN).digest('hex');
const unsigned = [];

/** As Meta answers a call without the token in a bearer header or without a valid appsecret_proof. */
function signatureProblem(request) {
	const url = new URL(request.path, 'https://graph.facebook.com');
	if (request.headers.authorization !== `Bearer ${ACCESS_TOKEN}` || url.searchParams.get('appsecret_proof') !== PROOF || url.searchParams.has('access_token')) {
		unsigned.push(request.path);
		return {
			status: 400,
			json: {
				error: { message: 'API calls from the server require an appsecret_proof argument', type: 'GraphMethodException', code: 100, fbtrace_id: 'NoProof' },
			},
		};
	}
	return undefined;
}

/** Meta's insights answer for one account, or its error as Meta words it. */
function insights(account) {
	insightCalls.set(account, (insightCalls.get(account) ?? 0) + 1);
	if (expired.has(account)) {
		return {
			status: 400,
			json: {
				error: {
					message: 'Error validating access token: Session has expired on Tuesday, 01-Dec-26.',
					type: 'OAuthException',
					code: 190,
					error_subcode: 463,
					fbtrace_id: 'E2eTrace',
				},
			},
		};
	}
	if (throttledOnce.delete(account)) {
		return {
			status: 400,
			json: { error: { message: 'User request limit reached', type: 'OAuthException', code: 17, error_subcode: 2446079, fbtrace_id: 'Thr0' } },
		};
	}
	const id = account.replace('act_', '');
	const row = {
		account_id: id,
		account_currency: 'EUR',
		campaign_id: `${id}1`,
		campaign_name: `Campaign of ${id}`,
		spend: '100.00',
		actions: [{ action_type: 'omni_purchase', value: '4' }],
		action_values: [{ action_type: 'omni_purchase', value: '400.00' }],
		date_start: '2026-12-01',
		date_stop: '2026-12-01',
	};
	return { status: 200, json: { data: [row], paging: { cursors: {} } } };
}

beforeAll(async () => {
	await server.start();
	server.world.on('graph.facebook.com', (request) => {
		const refused = signatureProblem(request);
		if (refused) return refused;
		const [, version, object] = new URL(request.path, 'https://graph.facebook.com').pathname.split('/');
		if (object === 'me') return { status: 200, json: { id: '10001', name: `System user (${version})` } };
		return insights(object);
	});
	server.world.on('slack.com', (request) => {
		posts.push({ text: String(request.body.text), at: Date.now() });
		return { status: 200, json: { ok: true, channel: 'C0ADS', ts: `${Date.now() / 1000}`, message: { text: request.body.text } } };
	});
	server.credentials.realtimeBatchMetaAdsApi = await server.rest.createCredential('Meta Ads (stand-in)', 'realtimeBatchMetaAdsApi', {
		accessToken: ACCESS_TOKEN,
		appSecret: APP_SECRET,
		apiVersion: 'v26.0',
	});
});

afterEach(() => {
	// Every call n8n made to Meta was signed: a refused one would also have shown as a wrong alert.
	expect(unsigned).toEqual([]);
});

test("the Meta credential's test on n8n signs /me with the App Secret proof; without the secret Meta's refusal is shown", async () => {
	const test = (data) =>
		server.rest.post('/credentials/test', {
			credentials: { id: server.credentials.realtimeBatchMetaAdsApi.id, name: 'probe', type: 'realtimeBatchMetaAdsApi', data },
		});
	expect(await test({ accessToken: ACCESS_TOKEN, appSecret: APP_SECRET, apiVersion: 'v26.0' })).toMatchObject({ status: 'OK' });
	const refused = await test({ accessToken: ACCESS_TOKEN, apiVersion: 'v26.0' });
	expect(refused.status).toBe('Error');
	expect(unsigned).toEqual([expect.stringMatching(/^\/v26\.0\/me\?fields=id(%2C|,)name$/)]);
	unsigned.length = 0;
});

afterAll(async () => {
	await server.close();
});

const until = (file, condition, what, deadlineMs = 90_000) =>
	server.until(condition, what, { file, deadlineMs, context: () => `${posts.length} Slack posts, insights calls ${JSON.stringify([...insightCalls])}` });

test('ROAS monitor with an expired token: one DATA SOURCE FAILING alert with what to do, no repeats, then one RESOLVED', async () => {
	const account = 'act_1234567890';
	expired.add(account);
	const file = 'roas-alerts.json';
	await server.importAndActivate(file, everySeconds(3));
	const failing = () => posts.filter((post) => post.text.startsWith('DATA SOURCE FAILING account 1234567890'));
	await until(file, () => failing().length > 0, 'the DATA SOURCE FAILING alert');
	expect(failing()[0].text.split('\n')[0]).toBe(
		'DATA SOURCE FAILING account 1234567890: ROAS is not being watched. Meta Ads: Error validating access token: Session has expired on Tuesday, 01-Dec-26. The access token has expired or was revoked: create a new one and update the Meta Ads API credential. Meta error code 190/463, trace E2eTrace.',
	);
	// Four more failing runs: no second alert (the reminder is a day away).
	const callsAtAlert = insightCalls.get(account);
	await until(file, () => insightCalls.get(account) >= callsAtAlert + 4, 'four more failing runs');
	expect(failing()).toHaveLength(1);

	expired.delete(account);
	const resolved = () => posts.filter((post) => post.text.startsWith('RESOLVED account 1234567890: the data source works again'));
	await until(file, () => resolved().length > 0, 'the RESOLVED notice');
	const callsAtResolve = insightCalls.get(account);
	await until(file, () => insightCalls.get(account) >= callsAtResolve + 3, 'three more working runs');
	expect(resolved()).toHaveLength(1);
	expect(failing()).toHaveLength(1);
	// The campaign is healthy (ROAS 4 against a target of 3): nothing else was posted.
	expect(posts.filter((post) => post.text.includes('1234567890'))).toHaveLength(2);
	await server.rest.deactivate(server.workflows[file]);
	record('Real traffic', 'ROAS monitor, Meta token expired for 5+ runs, then fixed', {
		'failing alerts': failing().length,
		'resolved notices': resolved().length,
		'runs while failing': callsAtAlert + 4,
	});
});

test('daily report, one of ten accounts with an expired token and one rate-limited once: nine accounts reported, the tenth named with why', async () => {
	expired.clear();
	expired.add('act_1000000004');
	throttledOnce.add('act_1000000007');
	const file = 'daily-ad-report.json';
	const before = posts.length;
	await server.importAndActivate(file, everySeconds(30));
	const report = await until(file, () => posts.slice(before).find((post) => post.text.startsWith("*Yesterday's ads*")), 'the daily report', 120_000);
	const lines = report.text.split('\n');
	const accountLines = lines.filter((line) => /^• \d+: ROAS /.test(line));
	expect(accountLines).toHaveLength(9);
	expect(accountLines.map((line) => line.slice(2, 12))).not.toContain('1000000004');
	// The rate-limited account was waited out (5 s, Meta said not how long) and is in the report.
	expect(accountLines.some((line) => line.startsWith('• 1000000007: ROAS 4'))).toBe(true);
	expect(insightCalls.get('act_1000000007')).toBe(2);
	const notIn = lines.indexOf('*Not in this report*');
	expect(notIn).toBeGreaterThan(0);
	expect(lines[notIn + 1]).toBe(
		'• 1000000004: The data source failed: Meta Ads: Error validating access token: Session has expired on Tuesday, 01-Dec-26. The access token has expired or was revoked: create a new one and update the Meta Ads API credential. Meta error code 190/463, trace E2eTrace.',
	);
	// The templates carry sample rows pinned on Ad Metrics (for manual runs); active runs must not use them.
	expect(loadTemplate(file).pinData['Yesterday per account'].length).toBeGreaterThan(0);
	expect(posts.filter((post) => post.text.includes('(sample)'))).toEqual([]);
	record('Real traffic', 'Daily report, 10 accounts: one token expired, one rate-limited once', {
		'accounts reported': accountLines.length,
		'failures named': lines.slice(notIn + 1).filter((line) => line.startsWith('• ')).length,
		'rate-limited calls': insightCalls.get('act_1000000007'),
	});
});

test("n8n lists its own Google Ads credential and the package's side by side (no type shadows the other)", async () => {
	const response = await fetch(`${server.n8n.baseUrl}/types/credentials.json`, {
		headers: { cookie: server.rest.cookie, 'browser-id': 'realtime-batch-scripts' },
	});
	expect(response.status).toBe(200);
	const types = await response.json();
	const google = types.filter((type) => /GoogleAdsOAuth2Api$/i.test(type.name)).map((type) => [type.name, type.displayName]);
	expect(google.sort()).toEqual([
		['googleAdsOAuth2Api', 'Google Ads OAuth2 API'],
		['realtimeBatchGoogleAdsOAuth2Api', 'Google Ads (Ad Metrics) OAuth2 API'],
	]);
	expect(types.filter((type) => type.name === 'realtimeBatchMetaAdsApi')).toHaveLength(1);
});
