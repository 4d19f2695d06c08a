/**
 * Every template in workflows/ is checked as data (node types and versions exist, connections are
 * sound, no credential ids or secrets, unique webhook paths, real-time paths start at a Webhook and
 * batch paths at a Schedule Trigger) and run through n8n's engine with pinned trigger data, and
 * pinned outputs for the nodes that would reach an outside service.
 */
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { Workflow, NodeHelpers } = require('n8n-workflow');
const { nodeTypes, runWorkflow, createSession } = require('./harness');

const FOLDER = path.join(__dirname, '..', '..', 'workflows');
const files = fs.readdirSync(FOLDER).filter((file) => file.endsWith('.json'));
const load = (file) => JSON.parse(fs.readFileSync(path.join(FOLDER, file), 'utf8'));
const PKG = 'n8n-nodes-realtime-batch';

test('the seven templates are there', () => {
	expect(files.sort()).toEqual([
		'business-health.json',
		'cpa-alerts.json',
		'daily-ad-report.json',
		'lead-intake-realtime.json',
		'nightly-batch.json',
		'roas-alerts.json',
		'weekly-automation-audit.json',
	]);
});

describe.each(files)('%s is a sound workflow', (file) => {
	const template = load(file);
	const byName = new Map(template.nodes.map((node) => [node.name, node]));
	const workflow = new Workflow({ nodes: template.nodes, connections: template.connections, active: false, nodeTypes });

	it('uses node types and versions that exist in this package and n8n-nodes-base 2.41', () => {
		for (const node of template.nodes) {
			expect(() => nodeTypes.getByNameAndVersion(node.type, node.typeVersion)).not.toThrow();
			expect(nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.name).toBeDefined();
		}
	});

	it('connects only existing nodes, outputs and inputs', () => {
		for (const [from, { main }] of Object.entries(template.connections)) {
			const source = byName.get(from);
			expect(source).toBeDefined();
			const outputs = NodeHelpers.getNodeOutputs(workflow, source, nodeTypes.getByNameAndVersion(source.type, source.typeVersion).description);
			expect(main.length).toBeLessThanOrEqual(outputs.length);
			for (const targets of main) {
				for (const target of targets ?? []) {
					const node = byName.get(target.node);
					expect(node).toBeDefined();
					const inputs = NodeHelpers.getNodeInputs(workflow, node, nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description);
					expect(target.index).toBeLessThan(inputs.length);
				}
			}
		}
	});

	it('embeds no credential ids and no secrets', () => {
		for (const node of template.nodes) {
			for (const credential of Object.values(node.credentials ?? {})) expect(credential.id).toBeUndefined();
		}
		expect(JSON.stringify(template)).not.toMatch(/EAA[A-Za-z0-9]{10,}|ya29\.|xox[abp]-|sk_live_|"password"\s*:\s*"[^"]/);
	});

	it('starts real-time paths at a Webhook and batch paths at a Schedule Trigger', () => {
		const triggerOf = (name) => {
			const parents = workflow.getParentNodes(name);
			return parents.map((parent) => byName.get(parent).type).filter((type) => /webhook|scheduleTrigger/.test(type));
		};
		for (const node of template.nodes) {
			if (node.type === `${PKG}.latencyClassifier`) expect(triggerOf(node.name)).toEqual(['n8n-nodes-base.webhook']);
			if ([`${PKG}.roasCalculator`, `${PKG}.cpaTracker`, `${PKG}.healthMonitor`].includes(node.type)) {
				expect(triggerOf(node.name)).toEqual(['n8n-nodes-base.scheduleTrigger']);
			}
			// Reading a table is batch work, but for the one row a real-time path looks up: an earlier
			// delivery of the same event (webhook_deliveries). A real-time path deletes only the row it
			// inserted itself (an outbox).
			if (node.type === 'n8n-nodes-base.dataTable' && node.parameters.operation === 'get') {
				if (triggerOf(node.name).includes('n8n-nodes-base.webhook')) {
					expect(node.parameters).toMatchObject({ dataTableId: { value: 'webhook_deliveries' }, limit: 1 });
					expect(node.parameters.filters.conditions.map((each) => `${each.keyName} ${each.condition}`)).toEqual(['eventId eq', 'id lt']);
				} else expect(triggerOf(node.name)).toEqual(['n8n-nodes-base.scheduleTrigger']);
			}
			if (node.type === 'n8n-nodes-base.dataTable' && node.parameters.operation === 'deleteRows' && triggerOf(node.name).includes('n8n-nodes-base.webhook')) {
				// By id and text: n8n's SQLite hands an id out again once the table is empty, so an id alone
				// could delete a newer row that got the same id while this one was being posted.
				const [condition, text] = node.parameters.filters.conditions;
				const inserted = /^=\{\{ \$\('([^']+)'\)\.item\.json\.id \}\}$/.exec(condition.keyValue)?.[1];
				expect(node.parameters.filters.conditions.map((each) => `${each.keyName} ${each.condition}`)).toEqual(['id eq', 'message eq']);
				expect(text.keyValue).toBe(`={{ $('${inserted}').item.json.message }}`);
				expect(byName.get(inserted)?.parameters.operation).toBe('insert');
				expect(workflow.getParentNodes(node.name)).toContain(inserted);
			}
		}
		const triggers = template.nodes.filter((node) => nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.group.includes('trigger'));
		expect(triggers.map((node) => node.type).every((type) => type === 'n8n-nodes-base.webhook' || type === 'n8n-nodes-base.scheduleTrigger')).toBe(true);
	});

	it('explains itself on the canvas', () => {
		expect(template.nodes.some((node) => node.type === 'n8n-nodes-base.stickyNote' && /Connect:/.test(node.parameters.content))).toBe(true);
	});
});

test('webhook paths are unique across templates', () => {
	const paths = files.flatMap((file) =>
		load(file)
			.nodes.filter((node) => node.type === 'n8n-nodes-base.webhook')
			.map((node) => node.parameters.path),
	);
	expect(new Set(paths).size).toBe(paths.length);
});

/** The alert outbox is a Data Table, which needs a server: pinned here, at work in test/e2e/alertDelivery.test.js. */
const OUTBOX = { 'Alerts not delivered yet': [], 'Keep until delivered': [{ id: 1 }], 'Delivered: remove from the outbox': [{ success: true }] };
/** The memory of webhook deliveries, a Data Table too (at work in test/e2e/webhookRepeats.test.js): a first delivery. */
const FIRST_DELIVERY = {
	'Note this delivery': [{ id: 5, eventId: 'wf/evt-1' }],
	'Earlier delivery of this event': [{}],
	'Forget deliveries older than a day': [{ success: true }],
};
const ranNodes = (result) => Object.keys(result.run.data.resultData.runData);

describe('the templates at work', () => {
	const leadRequest = (body) => ({ headers: { 'content-type': 'application/json' }, params: {}, query: {}, body });

	/** One webhook call is one execution with one item, as n8n runs it. */
	const runLead = (body, pins = FIRST_DELIVERY) =>
		runWorkflow({
			workflow: load('lead-intake-realtime.json'),
			startNode: 'Form or CRM event',
			pinData: {
				'Form or CRM event': [leadRequest(body)],
				...pins,
				'Keep the lead until sales has it': [{ id: 11, message: 'kept' }],
				'Tell sales now': [{ ok: true }],
				'Sales has it: remove from the outbox': [{ id: 11 }],
				'Queue for the nightly run': [{ id: 1 }],
			},
			at: '2026-11-27T10:00:00Z',
		});

	it('lead intake: leads and VIPs go out now, the rest is queued for tonight as flat Data Table columns', async () => {
		const results = [
			await runLead({ eventType: 'form_submitted', email: 'ana@example.com' }),
			await runLead({ eventType: 'weekly_report', email: 'ops@example.com', detail: { weeks: [47] } }),
			await runLead({ eventType: 'page_view', customer: { tier: 'VIP' } }),
		];
		for (const each of results) expect(each.error).toBeUndefined();
		const realTime = results.flatMap((each) => each.jsonOutputsOf('Now or tonight?')[0]);
		const batch = results.flatMap((each) => each.jsonOutputsOf('Now or tonight?')[1]);
		// The classifier judges the request as it came, not the delivery row looked up before it.
		expect(results[0].jsonOutputsOf('The request as it came')[0][0]).toEqual(leadRequest({ eventType: 'form_submitted', email: 'ana@example.com' }));
		const [result] = results;
		// Reply first: the lead is kept, the caller answered, and only then Slack.
		const order = (name) => result.taskOf(name).executionIndex;
		expect(order('Keep the lead until sales has it')).toBeLessThan(order('Reply: we are on it'));
		expect(order('Reply: we are on it')).toBeLessThan(order('Tell sales now'));
		expect(order('Tell sales now')).toBeLessThan(order('Sales has it: remove from the outbox'));
		expect(realTime.map((json) => json.latency.rule)).toEqual(['New lead or form submission', 'VIP customers']);
		expect(batch.map((json) => json.body.eventType)).toEqual(['weekly_report']);
		// A Data Table column holds text, numbers, booleans or dates: no objects may reach the insert.
		const [row] = results[1].jsonOutputsOf('Keep what tonight needs')[0];
		expect(row).toEqual({
			eventType: 'weekly_report',
			source: 'lead intake',
			contact: 'ops@example.com',
			reason: batch[0].latency.reason,
			payload: JSON.stringify({ eventType: 'weekly_report', email: 'ops@example.com', detail: { weeks: [47] } }),
			receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
		expect(ranNodes(result)).toEqual(expect.arrayContaining(['Tell sales now', 'Reply: we are on it']));
		expect(ranNodes(results[1])).toEqual(expect.arrayContaining(['Queue for the nightly run', 'Reply: queued for tonight']));
		for (const each of results) expect(ranNodes(each)).not.toContain('Reply: request rejected');
	});

	it('lead intake: a repeat of an event (an earlier delivery found) gets "duplicate" and nothing else runs', async () => {
		const result = await runLead(
			{ eventType: 'form_submitted', email: 'ana@example.com' },
			{ ...FIRST_DELIVERY, 'Earlier delivery of this event': [{ id: 4, eventId: 'wf/evt-1' }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.jsonOutputsOf('First delivery?')[1]).toHaveLength(1);
		expect(ranNodes(result)).toContain('Reply: already received');
		for (const name of ['Now or tonight?', 'Keep the lead until sales has it', 'Tell sales now', 'Queue for the nightly run'])
			expect(ranNodes(result)).not.toContain(name);
		const reply = load('lead-intake-realtime.json').nodes.find((node) => node.name === 'Reply: already received');
		expect(reply.parameters.responseBody).toBe('={{ { "status": "received", "duplicate": true } }}');
	});

	it("lead intake: the event id is the sender's header or body field, within this workflow; without one, the execution's own", () => {
		const insert = load('lead-intake-realtime.json').nodes.find((node) => node.name === 'Note this delivery');
		expect(insert.parameters.columns.value.eventId).toBe(
			"={{ $workflow.id }}/{{ $json.headers['idempotency-key'] || $json.headers['x-event-id'] || $json.body.eventId || $json.body.event_id || 'no event id, execution ' + $execution.id }}",
		);
	});

	it('lead intake: a request without an event type is rejected with the reason, not queued', async () => {
		const result = await runWorkflow({
			workflow: load('lead-intake-realtime.json'),
			startNode: 'Form or CRM event',
			pinData: { 'Form or CRM event': [leadRequest({ email: 'ana@example.com' })], ...FIRST_DELIVERY },
		});
		expect(result.error).toBeUndefined();
		expect(result.jsonOutputsOf('Now or tonight?')[2]).toEqual([
			expect.objectContaining({ error: '"body.eventType" in item 0 is required but missing or empty' }),
		]);
		expect(ranNodes(result)).toContain('Reply: request rejected');
		expect(ranNodes(result)).not.toContain('Queue for the nightly run');
		const reply = load('lead-intake-realtime.json').nodes.find((node) => node.name === 'Reply: request rejected');
		expect(reply.parameters.options.responseCode).toBe(400);
	});

	const queued = [
		{
			id: 7,
			eventType: 'weekly_report',
			source: 'lead intake',
			contact: 'ops@example.com',
			reason: 'Event type "weekly_report" matches the ready-made rule "Reporting": a one-hour delay costs nothing.',
		},
		{
			id: 9,
			eventType: 'crm_sync',
			source: 'business events',
			contact: '',
			reason: 'Event type "crm_sync" matches the ready-made rule "Data sync": a one-hour delay costs nothing.',
		},
	];

	it('nightly batch: a digest of the page, then exactly the rows of the message Slack took are deleted', async () => {
		const result = await runWorkflow({
			workflow: load('nightly-batch.json'),
			pinData: { 'Read the oldest queued items': queued, 'Send each message': [{ ok: true }], 'Delete what was sent': [{ success: true }] },
		});
		expect(result.error).toBeUndefined();
		const [[digest]] = result.jsonOutputsOf('Digest of the page');
		expect(digest.message).toBe(
			[
				'*Nightly batch*',
				'2 items',
				'By eventType: crm_sync 1, weekly_report 1',
				'',
				'• weekly_report: Event type "weekly_report" matches the ready-made rule "Reporting": a one-hour delay costs nothing. ops@example.com',
				'• crm_sync: Event type "crm_sync" matches the ready-made rule "Data sync": a one-hour delay costs nothing. ',
			].join('\n'),
		);
		expect(digest.ids).toEqual([7, 9]);
		// Rows 7 and 9 were read (8 is not in the queue): one span, deleted once the message was sent.
		expect(result.jsonOutputsOf('One item per id span')[0]).toEqual([{ from: 7, to: 9 }]);
		const order = (name) => result.taskOf(name).executionIndex;
		expect(order('Delete what was sent')).toBeGreaterThan(order('Send each message'));
		const read = load('nightly-batch.json').nodes.find((node) => node.name === 'Read the oldest queued items');
		expect(read.parameters).toMatchObject({ returnAll: false, limit: 10000, orderBy: true, orderByColumn: 'id', orderByDirection: 'ASC' });
	});

	it('nightly batch: when Slack refuses a message, nothing is deleted and the run ends without error', async () => {
		const result = await runWorkflow({ workflow: load('nightly-batch.json'), pinData: { 'Read the oldest queued items': queued } });
		expect(result.error).toBeUndefined();
		expect(result.outputsOf('Send each message')[1]).toHaveLength(1);
		expect(ranNodes(result)).not.toContain('Delete what was sent');
	});

	const adRows = (rows) =>
		rows.map(([campaignName, spend, conversionValue, conversions]) => ({
			platform: 'meta',
			accountId: '1234567890',
			campaignId: campaignName.toLowerCase(),
			campaignName,
			date: '2026-11-27',
			period: { from: '2026-11-27', to: '2026-11-27' },
			spend,
			conversions,
			conversionValue,
			currency: 'USD',
		}));

	it('ROAS alerts: Slack hears about a campaign once, and once more when it recovers', async () => {
		const session = createSession(load('roas-alerts.json'));
		const at = (minutes) => new Date(Date.parse('2026-11-27T10:00:00Z') + minutes * 60_000).toISOString();
		const alerts = async (minutes, rows) => {
			const result = await session.run({
				pinData: { 'Today per campaign': adRows(rows), 'Post alert or recovery': [{ ok: true }], ...OUTBOX },
				at: at(minutes),
			});
			expect(result.error).toBeUndefined();
			return result.jsonOutputsOf('ROAS vs target')[0].map((json) => json.message);
		};
		expect(
			await alerts(0, [
				['Brand', 100, 500, 5],
				['Promo', 200, 300, 2],
			]),
		).toEqual(['WARNING Promo: ROAS 1.5 is below the target of 3. Spend 200.00 USD, revenue 300.00 USD (2026-11-27 to 2026-11-27).']);
		expect(
			await alerts(15, [
				['Brand', 110, 520, 5],
				['Promo', 220, 330, 2],
			]),
		).toEqual([]);
		expect(
			await alerts(30, [
				['Brand', 120, 560, 5],
				['Promo', 240, 800, 4],
			]),
		).toEqual(['RESOLVED Promo: ROAS 3.33 meets the target of 3.']);
	});

	it('CPA alerts: spending with no conversions is critical', async () => {
		const result = await runWorkflow({
			workflow: load('cpa-alerts.json'),
			pinData: {
				'Today per campaign': adRows([
					['Search', 90, 0, 0],
					['Brand', 60, 300, 3],
				]),
				'Post alert or recovery': [{ ok: true }],
				...OUTBOX,
			},
			at: '2026-11-27T10:00:00Z',
		});
		expect(result.jsonOutputsOf('CPA vs target')[0].map((json) => json.message)).toEqual([
			'CRITICAL Search: Spent 90.00 with no conversion, more than the target CPA of 40.00, and above the Maximum CPA of 80.00. 0 conversions for 90.00 USD (2026-11-27 to 2026-11-27).',
		]);
	});

	it('daily ad report: ten accounts, ROAS and CPA per account, one report', async () => {
		const perAccount = Array.from({ length: 10 }, (_, index) => ({
			platform: 'meta',
			accountId: `100000000${index}`,
			campaignId: '',
			campaignName: '',
			date: '2026-11-26',
			period: { from: '2026-11-26', to: '2026-11-26' },
			spend: 100,
			conversions: 2 + index,
			conversionValue: 100 * (index + 1),
			currency: 'EUR',
		}));
		const result = await runWorkflow({
			workflow: load('daily-ad-report.json'),
			pinData: { 'Yesterday per account': perAccount, 'Send the report': [{ ok: true }] },
			at: '2026-11-27T06:00:00Z',
		});
		expect(result.error).toBeUndefined();
		expect(result.jsonOutputsOf('One item per account')[0]).toHaveLength(10);
		const [report] = result.jsonOutputsOf('One report')[0];
		expect(report.accounts).toHaveLength(10);
		expect(report.accounts[0]).toMatchObject({ account: '1000000000', roas: 1, cpa: 50, currency: 'EUR' });
		expect(report.accounts[9]).toMatchObject({ account: '1000000009', roas: 10, cpa: 9.0909 });
	});

	describe('business health', () => {
		let server;
		let healthUrl;
		let shopIsDown = false;
		beforeAll(async () => {
			server = http.createServer((_request, response) => {
				response.writeHead(shopIsDown ? 503 : 200);
				response.end('{"status":"ok"}');
			});
			await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
			healthUrl = `http://127.0.0.1:${server.address().port}`;
		});
		afterAll(() => new Promise((resolve) => server.close(resolve)));

		it('sends payment failures and outages to Slack at once, through the outbox, and queues the rest', async () => {
			const events = [{ type: 'payment_failed', detail: 'card declined' }, { type: 'weekly_report' }, { type: 'service_down', detail: 'checkout <!channel>' }];
			const results = [];
			for (const body of events) {
				results.push(
					await runWorkflow({
						workflow: load('business-health.json'),
						startNode: 'Event from a system',
						pinData: {
							'Event from a system': [{ headers: {}, params: {}, query: {}, body }],
							...FIRST_DELIVERY,
							...OUTBOX,
							'Post alert': [{ ok: true }],
							'Queue for the nightly run': [{ id: 1 }],
						},
						at: '2026-11-27T10:00:00Z',
					}),
				);
			}
			for (const result of results) expect(result.error).toBeUndefined();
			const now = results.flatMap((result) => result.jsonOutputsOf('Now or tonight?')[0]);
			const tonight = results.flatMap((result) => result.jsonOutputsOf('Now or tonight?')[1]);
			expect(now.map((json) => json.body.type)).toEqual(['payment_failed', 'service_down']);
			expect(tonight.map((json) => json.body.type)).toEqual(['weekly_report']);
			// What is kept for Slack is escaped: an event cannot ping the channel.
			const kept = results
				.filter((result) => ranNodes(result).includes('Say what happened'))
				.flatMap((result) => result.jsonOutputsOf('Say what happened')[0])
				.map((json) => json.message);
			expect(kept).toEqual([
				expect.stringMatching(/^:rotating_light: payment_failed: card declined \(/),
				expect.stringMatching(/^:rotating_light: service_down: checkout &lt;!channel&gt; \(/),
			]);
			expect(ranNodes(results[0])).toEqual(expect.arrayContaining(['Keep until delivered', 'Post alert', 'Delivered: remove from the outbox']));
		});

		it('watches payments and the endpoint every minute: alerts after two bad minutes, then resolves', async () => {
			const template = load('business-health.json');
			const monitor = template.nodes.find((node) => node.name === 'Health checks');
			const endpointCheck = monitor.parameters.checks.check.find((check) => check.checkType === 'endpoint');
			const session = createSession(template);
			const payments = (failed) => Array.from({ length: 40 }, (_, index) => ({ id: index, status: index < failed ? 'declined' : 'succeeded' }));
			endpointCheck.url = `${healthUrl}/health`;
			const minute = async (n, failed, down) => {
				shopIsDown = down;
				const result = await session.run({
					startNode: 'Every minute',
					pinData: { "Last minute's payments": payments(failed), 'Post alert': [{ ok: true }], ...OUTBOX, ...FIRST_DELIVERY },
					at: new Date(Date.parse('2026-11-27T10:00:00Z') + n * 60_000).toISOString(),
				});
				expect(result.error).toBeUndefined();
				const [alerts, resolved] = result.jsonOutputsOf('Health checks');
				return { alerts: alerts.map((json) => `${json.check}: ${json.severity}`), resolved: resolved.map((json) => json.check) };
			};
			expect(await minute(0, 6, true)).toEqual({ alerts: [], resolved: [] });
			expect(await minute(1, 6, true)).toEqual({ alerts: ['Payment failure rate: critical', 'Shop health endpoint: critical'], resolved: [] });
			expect(await minute(2, 1, false)).toEqual({ alerts: [], resolved: ['Payment failure rate', 'Shop health endpoint'] });
		});
	});
});

/**
 * Templates fed by an ad account carry sample rows pinned on their Ad Metrics node (n8n uses pinned
 * data in manual runs only), so that a user sees an alert, an OK and an Insufficient Data item before
 * any credential exists. The rows' shape is checked against real Ad Metrics rows in adMetrics.test.js.
 */
describe('sample rows pinned in the account-fed templates', () => {
	const ACCOUNT_FED = files.filter((file) => load(file).nodes.some((node) => node.type === `${PKG}.adMetrics`));
	const CALCULATORS = [`${PKG}.roasCalculator`, `${PKG}.cpaTracker`];
	const pinsOf = (template) => Object.fromEntries(Object.entries(template.pinData).map(([name, items]) => [name, items.map((item) => item.json)]));

	test('are the ROAS, CPA and daily report templates', () => {
		expect(ACCOUNT_FED.sort()).toEqual(['cpa-alerts.json', 'daily-ad-report.json', 'roas-alerts.json']);
	});

	describe.each(ACCOUNT_FED)('%s', (file) => {
		const template = load(file);
		const adMetrics = template.nodes.filter((node) => node.type === `${PKG}.adMetrics`);

		it('pins sample rows on every Ad Metrics node and nowhere else, each marked as a sample', () => {
			expect(Object.keys(template.pinData).sort()).toEqual(adMetrics.map((node) => node.name).sort());
			for (const node of adMetrics) {
				const rows = template.pinData[node.name];
				expect(rows.length).toBeGreaterThanOrEqual(3);
				for (const { json } of rows) {
					expect(json.campaignName).toMatch(/\(sample\)$/);
					expect(json.platform).toBe(node.parameters.platform);
				}
			}
		});

		it('says on the canvas where the sample is, which step to execute and to unpin once connected', () => {
			const note = template.nodes.find((node) => node.name === 'Try it before connecting');
			expect(note?.type).toBe('n8n-nodes-base.stickyNote');
			for (const node of adMetrics) expect(note.parameters.content).toContain(`*${node.name}* has **sample rows pinned**`);
			expect(note.parameters.content).toMatch(/click \*\*Unpin\*\*/);
			const step = /open \*\*([^*]+)\*\* and click \*\*Execute step\*\*/.exec(note.parameters.content)?.[1];
			expect(template.nodes.map((node) => node.name)).toContain(step);
		});

		it('a manual run on the sample rows gives every calculator an alert, an OK and an Insufficient Data item, marked [TEST]', async () => {
			const slack = Object.fromEntries(template.nodes.filter((node) => node.type === 'n8n-nodes-base.slack').map((node) => [node.name, [{ ok: true }]]));
			const outbox = template.nodes.some((node) => node.name === 'Keep until delivered') ? OUTBOX : {};
			const result = await runWorkflow({
				workflow: template,
				pinData: { ...pinsOf(template), ...slack, ...outbox },
				mode: 'manual',
				at: '2026-12-01T10:00:00Z',
			});
			expect(result.error).toBeUndefined();
			const calculators = template.nodes.filter((node) => CALCULATORS.includes(node.type));
			expect(calculators.length).toBeGreaterThan(0);
			for (const calculator of calculators) {
				const [alerts, ok, insufficient] = result.jsonOutputsOf(calculator.name);
				expect({ calculator: calculator.name, alerts: alerts.length > 0, ok: ok.length > 0, insufficient: insufficient.length > 0 }).toEqual({
					calculator: calculator.name,
					alerts: true,
					ok: true,
					insufficient: true,
				});
				for (const alert of alerts) expect(alert.message).toMatch(/^\[TEST\] (WARNING|CRITICAL) /);
			}
		});
	});
});
