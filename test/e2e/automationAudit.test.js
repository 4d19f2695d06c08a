/**
 * The Automation Audit against a real n8n (regular mode, SQLite): a dozen workflows covering every
 * verdict, created through n8n's REST API and run through their webhooks so that n8n records real
 * executions, audited through the public API with a key of the owner; more workflows than one
 * page; archived, trigger-less and sub-workflows; the weekly template running inside n8n and
 * posting to Slack; and the errors an operator meets (a key without a scope, the public API turned
 * off, a Base URL where nothing answers).
 */
'use strict';

const { TemplateServer, everySeconds, inParallel } = require('./templateServer');
const { withCredentials, loadTemplate } = require('../../scripts/n8n/templates');
const { runWorkflow, triggerThenNode } = require('../engine/harness');

jest.setTimeout(600_000);

const server = new TemplateServer();
const AUDIT_SCOPES = ['workflow:list', 'execution:list'];
const BULK = 255;
const slackTexts = [];
let apiKey;

let position = 0;
const node = (name, type, parameters = {}, typeVersion = 1) => ({
	id: `${name}-${position}`,
	name,
	type,
	typeVersion,
	position: [(position++ % 6) * 220, 0],
	parameters,
});
const chain = (...nodes) => ({
	nodes,
	connections: Object.fromEntries(nodes.slice(0, -1).map((from, index) => [from.name, { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] }])),
});
const webhook = (path, parameters = {}) => node('Webhook', 'n8n-nodes-base.webhook', { path, httpMethod: 'POST', ...parameters }, 2);
const schedule = (interval) => node('Schedule', 'n8n-nodes-base.scheduleTrigger', { rule: { interval: [interval] } }, 1.2);
const noOp = (name) => node(name, 'n8n-nodes-base.noOp');

/** name -> [workflow, how to run it]; calls: webhook POSTs to make executions. */
const WORKFLOWS = {
	'Sales report on every order': {
		...chain(
			webhook('audit-orders'),
			node('Combine orders', 'n8n-nodes-base.aggregate', { aggregate: 'aggregateAllItemData' }),
			noOp('Build the sales report'),
		),
		active: true,
		calls: 260,
	},
	'Lead follow-up': { ...chain(schedule({ field: 'hours', hoursInterval: 1 }), noOp('Send the lead to the CRM')), active: true },
	'Payment failure check': { ...chain(schedule({ field: 'days', triggerAtHour: 9 }), noOp('Check failed payments')), active: true },
	'Order intake': {
		nodes: [
			webhook('audit-intake', { responseMode: 'responseNode' }),
			node('Reply to the customer', 'n8n-nodes-base.respondToWebhook', {}, 1.1),
			node(
				'Append the order to the sheet',
				'n8n-nodes-base.googleSheets',
				{
					operation: 'append',
					documentId: { __rl: true, mode: 'id', value: 'sheet-id' },
					sheetName: { __rl: true, mode: 'id', value: 'gid=0' },
					columns: { mappingMode: 'autoMapInputData', value: {} },
				},
				4.5,
			),
		],
		connections: {
			Webhook: { main: [[{ node: 'Reply to the customer', type: 'main', index: 0 }]] },
			'Reply to the customer': { main: [[{ node: 'Append the order to the sheet', type: 'main', index: 0 }]] },
		},
		active: true,
	},
	'Intake with a classifier': {
		...chain(webhook('audit-classified'), node('Latency Classifier', 'n8n-nodes-realtime-batch.latencyClassifier', {}, 2)),
		active: true,
	},
	'Nightly report': { ...chain(schedule({ field: 'days', triggerAtHour: 2 }), noOp('Build the daily report')), active: true },
	'Quiet report webhook': {
		...chain(webhook('audit-quiet'), node('Combine rows', 'n8n-nodes-base.aggregate', { aggregate: 'aggregateAllItemData' })),
		active: true,
		calls: 3,
	},
	'Outage alerts': { ...chain(webhook('audit-outage'), noOp('Send a Slack alert')), active: true },
	'Stock sync webhook': {
		...chain(webhook('audit-stock'), node('Refuse', 'n8n-nodes-base.stopAndError', { errorMessage: 'stock system down' })),
		active: true,
		calls: 10,
	},
	'Helper webhook': { ...chain(webhook('audit-helper'), noOp('Step')), active: true },
	'Sheet sync': {
		...chain(node('On new row', 'n8n-nodes-base.googleSheetsTrigger', { pollTimes: { item: [{ mode: 'everyMinute' }] } }), noOp('Copy')),
		active: false,
	},
	'Manual cleanup': { ...chain(node('When clicking Execute', 'n8n-nodes-base.manualTrigger'), noOp('Clean up')), active: false },
	'Format a customer record': {
		...chain(node('When called', 'n8n-nodes-base.executeWorkflowTrigger', { inputSource: 'passthrough' }, 1.1), noOp('Format')),
		active: false,
	},
	'When a workflow fails': { ...chain(node('Error Trigger', 'n8n-nodes-base.errorTrigger'), noOp('Notify')), active: false },
	'Just a note': { ...chain(noOp('Nothing starts me')), active: false },
	'Old weekly report': { ...chain(schedule({ field: 'weeks', triggerAtDay: [1] }), noOp('Build the weekly report')), active: false, archive: true },
};
const ids = {};
/** Activating a webhook workflow calls its path once to see that it answers: one execution more. */
const runsOf = (name) => (WORKFLOWS[name].calls ?? 0) + (WORKFLOWS[name].active && WORKFLOWS[name].nodes[0].type === 'n8n-nodes-base.webhook' ? 1 : 0);

const audit = async (parameters = {}, { key = apiKey, baseUrl = server.n8n.baseUrl, onError } = {}) => {
	const result = await runWorkflow({
		workflow: triggerThenNode({
			type: 'automationAudit',
			name: 'Audit',
			parameters: { workflows: 'all', ...parameters, options: { minExecutions: 20, ...parameters.options } },
			settings: { credentials: { realtimeBatchN8nApi: { id: 'audit', name: 'audit' } }, ...(onError ? { onError } : {}) },
		}),
		pinData: { Input: [{ json: {} }] },
		credentials: { realtimeBatchN8nApi: { apiKey: key, baseUrl } },
	});
	if (result.error) return { error: result.error };
	return { items: result.jsonOutputsOf('Audit')[0] };
};
const of = (items, name) => {
	const found = items.filter((item) => item.workflow === name);
	if (found.length !== 1) throw new Error(`${found.length} items for "${name}": ${items.map((item) => item.workflow).join(', ')}`);
	return found[0];
};

beforeAll(async () => {
	await server.start();
	server.world.on('slack.com', (request) => {
		slackTexts.push(String(request.body.text));
		return { status: 200, json: { ok: true, channel: 'C0AUDIT', ts: `${Date.now() / 1000}`, message: { text: request.body.text } } };
	});
	apiKey = await server.rest.createApiKey(`audit ${Date.now()}`, AUDIT_SCOPES);
	const bulkTag = await server.rest.post('/tags', { name: 'bulk' });
	const sheets = await server.rest.createCredential('Sheets (never signed in)', 'googleSheetsOAuth2Api', { clientId: 'id', clientSecret: 'secret' });
	// n8n refuses to activate a node without its credential; this one is never signed in.
	const sheet = WORKFLOWS['Order intake'].nodes.find((each) => each.type === 'n8n-nodes-base.googleSheets');
	sheet.credentials = { googleSheetsOAuth2Api: { id: sheets.id, name: sheets.name } };
	for (const [name, definition] of Object.entries(WORKFLOWS)) {
		const created = await server.rest.post('/workflows', {
			name,
			nodes: definition.nodes,
			connections: definition.connections,
			settings: { executionOrder: 'v1' },
		});
		ids[name] = created.id;
		if (definition.active) await server.rest.activateAndWaitForWebhooks(created.id);
		if (definition.archive) await server.rest.post(`/workflows/${created.id}/archive`, {});
	}
	await inParallel(
		Array.from({ length: BULK }, (_, index) => index),
		8,
		(index) => server.rest.post('/workflows', { name: `Bulk ${index}`, tags: [bulkTag.id], ...chain(noOp('Nothing')), settings: {} }),
	);
	for (const [name, definition] of Object.entries(WORKFLOWS)) {
		const path = definition.nodes[0].parameters.path;
		await inParallel(Array.from({ length: definition.calls ?? 0 }), 8, () => server.post(path, { order: name }, { apiKey: null }));
	}
	const expected = Object.keys(WORKFLOWS).reduce((sum, name) => sum + runsOf(name), 0);
	// Webhook calls answer before their execution is saved: wait until n8n has all of them.
	await server.until(async () => {
		const { count } = await server.rest.get('/executions?limit=1');
		const unfinished = await server.rest.get(`/executions?limit=1&filter=${encodeURIComponent(JSON.stringify({ status: ['new', 'running'] }))}`);
		return count >= expected && unfinished.count === 0;
	}, `${expected} finished executions`);
});

afterAll(async () => {
	await server.close();
});

describe('one audit of the whole instance', () => {
	let items;
	beforeAll(async () => {
		const run = await audit();
		if (run.error) throw run.error;
		items = run.items;
	});

	test('every workflow once, more than one page of them, findings first', () => {
		expect(items).toHaveLength(Object.keys(WORKFLOWS).length + BULK);
		expect(new Set(items.map((item) => item.workflowId)).size).toBe(items.length);
		const order = ['batchedCannotWait', 'realTimeCouldBatch', 'mixed', 'notJudged', 'fine'];
		const ranks = items.map((item) => order.indexOf(item.verdict));
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
	});

	test('real-time, could batch: the report rebuilt on every order, with its executions and what one daily run saves', () => {
		const report = of(items, 'Sales report on every order');
		expect(report).toMatchObject({
			verdict: 'realTimeCouldBatch',
			verdictText: 'real-time, could batch',
			workflowId: ids['Sales report on every order'],
			url: `${server.n8n.baseUrl}/workflow/${ids['Sales report on every order']}`,
			active: true,
			startsWith: [{ node: 'Webhook', type: 'n8n-nodes-base.webhook', kind: 'event' }],
			worstDelayMinutes: 0,
			executions: runsOf('Sales report on every order'),
			errorRate: 0,
			// A new instance: n8n holds less than the window, so the figures are per day over one day (the least).
			daysCovered: 1,
			executionsPerDay: 261,
			executionsSavedPerMonth: 261 * 30 - 30,
		});
		expect(report.reason).toBe(
			'Its work can wait (Reporting (name "Sales report on every order"), combines items into one (node "Combine orders"), Reporting (node "Build the sales report")), yet it runs on every event: about 7,830 executions a month. One run a day at 02:00 would save about 7,800.',
		);
		expect(report.meanDurationMs).toBeGreaterThanOrEqual(0);
		expect(report.p95DurationMs).toBeGreaterThanOrEqual(report.meanDurationMs * 0.5);
		expect(report.notes).toEqual([
			expect.stringMatching(/^n8n holds executions from \S+ only \(older ones pruned, or none yet\): its figures are per day over 1 day\.$/),
		]);
	});

	test('batched, cannot wait: an hourly lead follow-up and a daily payment check, with the worst delay and what to use instead', () => {
		expect(of(items, 'Lead follow-up')).toMatchObject({
			verdict: 'batchedCannotWait',
			worstDelayMinutes: 60,
			startsWith: [{ node: 'Schedule', kind: 'schedule', every: 'every hour', worstDelay: '1 hour' }],
		});
		expect(of(items, 'Lead follow-up').reason).toMatch(
			/"Schedule" runs every hour: an event can wait up to 1 hour\. Start it with a webhook or the app's own trigger instead, as the lead-intake template does\.$/,
		);
		expect(of(items, 'Payment failure check')).toMatchObject({ verdict: 'batchedCannotWait', worstDelayMinutes: 1440 });
		expect(of(items, 'Payment failure check').reason).toMatch(/an event can wait up to 1 day\. Start it with a webhook or the app's own trigger instead\.$/);
	});

	test('mixed, and fine when it already routes with a Latency Classifier', () => {
		const mixed = of(items, 'Order intake');
		expect(mixed.verdict).toBe('mixed');
		expect(mixed.workThatCannotWait).toEqual(['replies to the caller (node "Reply to the customer")']);
		expect(mixed.workThatCanWait).toEqual(['writes rows to a sheet (node "Append the order to the sheet")']);
		expect(of(items, 'Intake with a classifier')).toMatchObject({
			verdict: 'fine',
			hasLatencyClassifier: true,
			reason: 'It routes its items with a Latency Classifier already.',
		});
	});

	test('fine: a nightly report, urgent work on a webhook, and work that can wait with too few executions to matter', () => {
		expect(of(items, 'Nightly report')).toMatchObject({ verdict: 'fine', worstDelayMinutes: 1440 });
		expect(of(items, 'Outage alerts')).toMatchObject({ verdict: 'fine' });
		expect(of(items, 'Outage alerts').reason).toMatch(/and it runs as events arrive\.$/);
		expect(of(items, 'Quiet report webhook')).toMatchObject({ verdict: 'fine', executions: 4 });
		expect(of(items, 'Quiet report webhook').reason).toMatch(/but with 4 executions in the window \(fewer than 20\) batching saves little\.$/);
		expect(of(items, 'Stock sync webhook')).toMatchObject({ verdict: 'fine', executions: runsOf('Stock sync webhook'), errorRate: 1 });
	});

	test('not judged, each with its reason: archived, no trigger, by hand, from another workflow, on error, nothing said', () => {
		const reasons = Object.fromEntries(
			['Old weekly report', 'Just a note', 'Manual cleanup', 'Format a customer record', 'When a workflow fails', 'Helper webhook'].map((name) => [
				name,
				of(items, name).reason,
			]),
		);
		expect(reasons).toEqual({
			'Old weekly report': 'It is archived.',
			'Just a note': 'It has no trigger, so it never starts by itself.',
			'Manual cleanup': 'It starts only by hand: how late it may be is decided elsewhere.',
			'Format a customer record': 'It starts only from another workflow: how late it may be is decided elsewhere.',
			'When a workflow fails': 'It starts only when another workflow fails: how late it may be is decided elsewhere.',
			'Helper webhook': expect.stringMatching(/^Nothing in its name, tags or nodes says whether its work can wait an hour/),
		});
		expect(of(items, 'Old weekly report')).toMatchObject({ verdict: 'notJudged', archived: true });
		for (const name of Object.keys(reasons)) expect(of(items, name).verdict).toBe('notJudged');
	});

	test('a polling trigger is read from its Poll Times', () => {
		expect(of(items, 'Sheet sync').startsWith).toEqual([
			{ node: 'On new row', type: 'n8n-nodes-base.googleSheetsTrigger', kind: 'polling', every: 'every minute', worstDelay: '1 minute' },
		]);
	});
});

test('Active Only leaves out inactive and archived workflows; Skip Tags and Skip Workflows leave out theirs, and the summary counts them', async () => {
	const active = await audit({
		workflows: 'active',
		output: 'workflowsAndSummary',
		options: { skipTags: 'BULK', skipWorkflows: `outage alerts, ${ids['Helper webhook']}` },
	});
	const names = active.items.filter((item) => !item.summary).map((item) => item.workflow);
	const activeNames = Object.entries(WORKFLOWS)
		.filter(([, definition]) => definition.active)
		.map(([name]) => name)
		.filter((name) => name !== 'Outage alerts' && name !== 'Helper webhook');
	expect(names.sort()).toEqual(activeNames.sort());
	const summary = active.items[active.items.length - 1];
	expect(summary).toMatchObject({ summary: true, workflowsAudited: activeNames.length, workflowsSkipped: 2 });

	const all = await audit({ output: 'summary', options: { skipTags: 'bulk' } });
	expect(all.items).toHaveLength(1);
	expect(all.items[0]).toMatchObject({
		workflowsAudited: Object.keys(WORKFLOWS).length,
		workflowsSkipped: BULK,
		counts: { batchedCannotWait: 2, realTimeCouldBatch: 1, mixed: 1, notJudged: 6 },
		executionsSavedPerMonth: 7800,
		findings: 4,
	});
	expect(all.items[0].message.split('\n').slice(0, 3)).toEqual([
		`Automation audit of ${server.n8n.baseUrl}, last 7 days: ${Object.keys(WORKFLOWS).length} workflows (${BULK} skipped).`,
		`2 batched, cannot wait · 1 real-time, could batch · 1 mixed: split with the Latency Classifier · 6 not judged · ${Object.keys(WORKFLOWS).length - 10} fine`,
		'Batching what can wait would save about 7,800 executions a month.',
	]);
});

test('the weekly template runs inside n8n and posts the findings to Slack', async () => {
	const credential = await server.rest.createCredential('Audit (this n8n)', 'realtimeBatchN8nApi', { apiKey, baseUrl: server.n8n.baseUrl });
	const template = withCredentials(everySeconds(2)(loadTemplate('weekly-automation-audit.json')), { ...server.credentials, realtimeBatchN8nApi: credential });
	const created = await server.rest.createWorkflow(template);
	slackTexts.length = 0;
	await server.rest.activate(created.id);
	const text = await server.until(() => slackTexts.find((each) => each.startsWith('Automation audit of')), 'the audit in Slack');
	await server.rest.deactivate(created.id);
	expect(text).toContain('• batched, cannot wait: "Lead follow-up"');
	expect(text).toContain(`• real-time, could batch: "Sales report on every order" (${server.n8n.baseUrl}/workflow/${ids['Sales report on every order']})`);
	expect(text).toContain('• mixed: split with the Latency Classifier: "Order intake"');
	// Active only, as the template is set: the archived and inactive ones are not in it.
	expect(text).not.toContain('Old weekly report');
});

describe('what an operator sees when the audit cannot read n8n', () => {
	test('a key without execution:list, and one made for the alert memory only, name the missing scope', async () => {
		const listOnly = await server.rest.createApiKey(`list only ${Date.now()}`, ['workflow:list']);
		const first = await audit({}, { key: listOnly });
		expect(first.error.message).toBe('The API key lacks the scope "execution:list", needed to list the executions (403).');
		expect(first.error.description).toBe('Give the key these scopes: workflow:list, execution:list.');
		const memoryOnly = await server.rest.createApiKey(`memory only ${Date.now()}`, ['dataTable:list', 'dataTableRow:read']);
		expect((await audit({}, { key: memoryOnly })).error.message).toBe('The API key lacks the scope "workflow:list", needed to list the workflows (403).');
	});

	test('a Base URL where nothing answers; with On Error: Continue, one item carrying the error', async () => {
		const nowhere = await audit({}, { baseUrl: 'http://127.0.0.1:9' });
		expect(nowhere.error.message).toMatch(/^n8n could not be reached to list the workflows: /);
		expect(nowhere.error.description).toBe("Check the Base URL in the credential: the address of n8n's main instance.");
		const continued = await audit({}, { baseUrl: 'http://127.0.0.1:9/api/v1/', onError: 'continueRegularOutput' });
		expect(continued.items).toHaveLength(1);
		expect(continued.items[0].error).toMatch(/^n8n could not be reached to list the workflows: /);
	});

	test('a setting out of range names it, before any request', async () => {
		expect((await audit({ windowDays: 0 }, { baseUrl: 'http://127.0.0.1:9' })).error.message).toBe('Window (Days): is 0; give a number from 1 to 90');
		expect((await audit({ options: { batchHour: 24 } })).error.message).toBe('Options › Batch Run Hour: is 24; give a number from 0 to 23');
	});

	test('the public API turned off: the key is refused, and the hint names N8N_PUBLIC_API_DISABLED', async () => {
		await server.restart({ N8N_PUBLIC_API_DISABLED: 'true' });
		const refused = await audit();
		expect(refused.error.message).toBe('n8n refused the API key (401) when asked to list the workflows.');
		expect(refused.error.description).toMatch(/N8N_PUBLIC_API_DISABLED/);
	});
});
