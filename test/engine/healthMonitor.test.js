/**
 * The Health Monitor inside n8n's engine, driven by a simulated clock over many consecutive
 * executions: pending then firing, escalation, hysteresis, no data, reminders, resolution, a
 * restart from saved static data, the presets, endpoints on 127.0.0.1, and bad input.
 */
const http = require('node:http');
const { createSession, nodeTypes, runWorkflow, savedMemory, triggerThenNode } = require('./harness');

const NODE = 'Health';
const workflow = (checks, parameters = {}, nodeSettings = {}) =>
	triggerThenNode({
		type: 'healthMonitor',
		name: NODE,
		trigger: 'Every minute',
		parameters: { checks: { check: checks }, options: { emitOk: true }, ...parameters },
		settings: nodeSettings,
	});
const minute = (n) => new Date(Date.parse('2026-11-27T12:00:00Z') + n * 60_000).toISOString();
const summary = (result) => {
	const [alerts, resolved, ok] = result.jsonOutputsOf(NODE);
	const line = (json) => `${json.series}: ${json.previousState}->${json.state} ${json.severity}`;
	return { alert: alerts.map(line), resolved: resolved.map(line), ok: ok.map(line) };
};

describe('state over consecutive runs', () => {
	const queueCheck = (options = {}) => ({
		name: 'Queue depth',
		checkType: 'metric',
		metricField: 'depth',
		seriesField: 'queue',
		condition: 'above',
		warning: 100,
		critical: 500,
		options,
	});
	const depths = (values) => Object.entries(values).map(([queue, depth]) => ({ queue, depth }));

	it('waits while pending, fires once, escalates after the same pending, reminds, and resolves once', async () => {
		const session = createSession(workflow([queueCheck({ pendingRuns: 2, renotifyMinutes: 30 })]));
		const step = async (n, values) => summary(await session.run({ pinData: { 'Every minute': depths(values) }, at: minute(n) }));

		expect(await step(0, { orders: 150 })).toEqual({ alert: [], resolved: [], ok: ['orders: normal->pending warning'] });
		expect(await step(1, { orders: 160 })).toEqual({ alert: ['orders: pending->firing warning'], resolved: [], ok: [] });
		expect(await step(2, { orders: 170 })).toEqual({ alert: [], resolved: [], ok: ['orders: firing->firing warning'] });
		// critical must hold for two runs too before it escalates
		expect(await step(3, { orders: 900 })).toEqual({ alert: [], resolved: [], ok: ['orders: firing->firing warning'] });
		expect(await step(4, { orders: 900 })).toEqual({ alert: ['orders: firing->firing critical'], resolved: [], ok: [] });
		expect((await step(20, { orders: 900 })).alert).toEqual([]);
		expect((await step(34, { orders: 900 })).alert).toEqual(['orders: firing->firing critical']);
		expect(await step(35, { orders: 20 })).toEqual({ alert: [], resolved: ['orders: firing->normal ok'], ok: [] });
		expect(await step(36, { orders: 20 })).toEqual({ alert: [], resolved: [], ok: ['orders: normal->normal ok'] });
	});

	it('does not flap around the threshold: it recovers only past the recovery margin', async () => {
		const session = createSession(workflow([queueCheck({ recoveryMarginPercent: 20 })]));
		const results = [];
		for (const [n, depth] of [105, 95, 102, 99, 85, 79, 95].entries()) {
			results.push(summary(await session.run({ pinData: { 'Every minute': depths({ orders: depth }) }, at: minute(n) })));
		}
		// warning 100 with a 20% margin recovers below 80
		expect(results.map((result) => result.alert.length + result.resolved.length)).toEqual([1, 0, 0, 0, 0, 1, 0]);
		expect(results[5].resolved).toEqual(['orders: firing->normal ok']);
	});

	it('alerts "no data" once for a series that stops reporting, and resolves when it is back', async () => {
		const session = createSession(workflow([queueCheck({ alertOnNoData: true, missingMinutes: 10 })]));
		const step = async (n, values) => summary(await session.run({ pinData: { 'Every minute': depths(values) }, at: minute(n) }));
		await step(0, { orders: 10, emails: 10 });
		expect((await step(5, { orders: 10 })).alert).toEqual([]);
		expect((await step(10, { orders: 10 })).alert).toEqual(['emails: normal->nodata critical']);
		expect((await step(11, { orders: 10 })).alert).toEqual([]);
		const back = await step(12, { orders: 10, emails: 10 });
		expect(back.resolved).toEqual(['emails: nodata->normal ok']);
	});

	it('resolves, once, the alerts of a check that was removed or renamed, and forgets it', async () => {
		const first = createSession(workflow([queueCheck()]));
		await first.run({ pinData: { 'Every minute': depths({ orders: 200, emails: 5 }) }, at: minute(0) });
		const other = { ...queueCheck(), name: 'Other' };
		const changed = createSession(workflow([other]), { staticData: first.staticData });
		const renamed = await changed.run({ pinData: { 'Every minute': depths({ orders: 200 }) }, at: minute(1) });
		const [alerts, resolved] = renamed.jsonOutputsOf(NODE);
		expect(resolved.map((json) => [json.check, json.series, json.resolvedBecause, json.message])).toEqual([
			['Queue depth', 'orders', 'removed', 'RESOLVED Queue depth (orders): The check was removed or renamed, so its alert is resolved.'],
		]);
		expect(alerts.map((json) => `${json.check} ${json.series} ${json.notice}`)).toEqual(['Other orders firing']);
		expect(Object.keys(savedMemory(changed.staticData).checks)).toEqual(['Other']);
		const later = await changed.run({ pinData: { 'Every minute': depths({ orders: 200 }) }, at: minute(2) });
		expect(later.jsonOutputsOf(NODE)[1]).toEqual([]);
	});

	it('carries on from saved static data after a restart', async () => {
		const wf = workflow([queueCheck()]);
		const first = createSession(wf);
		await first.run({ pinData: { 'Every minute': depths({ orders: 200 }) }, at: minute(0) });
		const restarted = createSession(wf, { staticData: first.staticData });
		expect(summary(await restarted.run({ pinData: { 'Every minute': depths({ orders: 200 }) }, at: minute(1) })).alert).toEqual([]);
		expect(summary(await restarted.run({ pinData: { 'Every minute': depths({ orders: 50 }) }, at: minute(2) })).resolved).toEqual([
			'orders: firing->normal ok',
		]);
	});

	it('keeps the saved state small: one fixed-size record per alerting series, none for healthy ones', async () => {
		const session = createSession(workflow([queueCheck()]));
		for (let n = 0; n < 30; n++) {
			await session.run({ pinData: { 'Every minute': depths({ orders: n * 10, emails: 5 }) }, at: minute(n) });
		}
		const saved = savedMemory(session.staticData);
		expect(saved.schema).toBe(2);
		expect(Object.keys(saved.checks)).toEqual(['Queue depth']);
		const { rule, series } = saved.checks['Queue depth'];
		expect(typeof rule).toBe('string');
		// emails stayed healthy: nothing about it is worth keeping (no No Data alert, no minimum interval).
		expect(Object.keys(series).sort()).toEqual(['orders']);
		// the same eleven fields whatever the number of runs
		expect(series.orders).toEqual({
			state: 'firing',
			severity: 'warning',
			since: Date.parse(minute(10)),
			count: 1,
			raise: 0,
			raiseSince: 0,
			notifiedAt: Date.parse(minute(10)),
			seenAt: Date.parse(minute(29)),
			value: 290,
			owed: null,
			announced: true,
		});
	});
});

describe('messages: values from the data are escaped for the destination', () => {
	const hostile = '<!channel> <https://evil.example|verify>';
	const check = { name: 'Queue depth', checkType: 'metric', metricField: 'depth', seriesField: 'queue', condition: 'above', warning: 100, critical: 500 };

	it('Slack (the default): a series name cannot ping the channel or plant a link; the template text stays as written', async () => {
		const result = await runWorkflow({
			workflow: workflow([check], { alertMessage: '<!here> {severity} {series}: {reason}' }),
			pinData: { 'Every minute': [{ queue: hostile, depth: 900 }] },
		});
		const [[alert]] = result.jsonOutputsOf(NODE);
		expect(alert.message).toBe('<!here> CRITICAL &lt;!channel&gt; &lt;https://evil.example|verify&gt;: depth is 900, at or above the critical threshold 500.');
		// The item's own fields keep the data as it came.
		expect(alert.series).toBe(hostile);
	});

	it('Plain Text writes values as they are; HTML escapes quotes too', async () => {
		const plain = await runWorkflow({ workflow: workflow([check], { messageFormat: 'plain' }), pinData: { 'Every minute': [{ queue: hostile, depth: 900 }] } });
		expect(plain.jsonOutputsOf(NODE)[0][0].message).toBe(`CRITICAL Queue depth (${hostile}): depth is 900, at or above the critical threshold 500.`);
		const html = await runWorkflow({
			workflow: workflow([check], { messageFormat: 'html' }),
			pinData: { 'Every minute': [{ queue: '"Q" & <b>', depth: 900 }] },
		});
		expect(html.jsonOutputsOf(NODE)[0][0].message).toBe(
			'CRITICAL Queue depth (&quot;Q&quot; &amp; &lt;b&gt;): depth is 900, at or above the critical threshold 500.',
		);
	});
});

describe('presets', () => {
	it('budget pacing: spend against the budget times the share of the day gone by, in a timezone', async () => {
		const check = {
			name: 'Pacing',
			checkType: 'budgetPacing',
			seriesField: 'campaign',
			spendField: 'spend',
			budgetField: 'dailyBudget',
			pacingWarning: 120,
			pacingCritical: 150,
			options: { timezone: 'America/New_York' },
		};
		// 12:00 UTC is 07:00 in New York: 7/24 of the day has gone by
		const result = await runWorkflow({
			workflow: workflow([check]),
			pinData: {
				'Every minute': [
					{ campaign: 'Brand', spend: 30, dailyBudget: 100 },
					{ campaign: 'Promo', spend: 50, dailyBudget: 100 },
				],
			},
			at: minute(0),
		});
		const [alerts, , ok] = result.jsonOutputsOf(NODE);
		expect(alerts.map((json) => [json.series, json.value, json.severity, json.dayElapsedPercent])).toEqual([['Promo', 171.43, 'critical', 29.17]]);
		expect(ok.map((json) => [json.series, json.value])).toEqual([['Brand', 102.86]]);
		expect(alerts[0].message).toBe('CRITICAL Pacing (Promo): Spend pacing is 171.43%, at or above the critical threshold 150%.');
	});

	it('payment failure rate: judged only with enough payments', async () => {
		const check = {
			name: 'Payments',
			checkType: 'paymentFailures',
			statusField: 'status',
			failedStatuses: 'failed, declined',
			minPayments: 10,
			failureWarning: 5,
			failureCritical: 10,
		};
		const payments = (failed, total) =>
			Array.from({ length: total }, (_, index) => ({ status: index < failed ? (index % 2 ? 'Declined' : 'failed') : 'succeeded' }));
		const few = await runWorkflow({ workflow: workflow([check]), pinData: { 'Every minute': payments(3, 5) }, at: minute(0) });
		expect(few.jsonOutputsOf(NODE)[2].map((json) => json.reason)).toEqual(['5 payments: below the minimum of 10 needed to judge the failure rate.']);
		const many = await runWorkflow({ workflow: workflow([check]), pinData: { 'Every minute': payments(3, 40) }, at: minute(0) });
		expect(many.jsonOutputsOf(NODE)[0].map((json) => [json.value, json.severity, json.failed, json.total])).toEqual([[7.5, 'warning', 3, 40]]);
	});

	it('lead volume: counts leads against the expected number; the empty item of "Always Output Data" is no lead', async () => {
		const check = { name: 'Leads', checkType: 'leadVolume', expectedCount: 10, volumeWarning: 50, volumeCritical: 20 };
		const session = createSession(workflow([check]));
		const leads = (count) => Array.from({ length: count }, (_, index) => ({ email: `lead${index}@example.com` }));
		expect(summary(await session.run({ pinData: { 'Every minute': leads(9) }, at: minute(0) })).ok).toEqual(['Leads: normal->normal ok']);
		const few = await session.run({ pinData: { 'Every minute': leads(4) }, at: minute(1) });
		expect(summary(few).alert).toEqual(['Leads: normal->firing warning']);
		const none = await session.run({ pinData: { 'Every minute': [{}] }, at: minute(2) });
		expect(summary(none).alert).toEqual(['Leads: firing->firing critical']);
		expect(none.jsonOutputsOf(NODE)[0][0]).toMatchObject({ value: 0, count: 0, expected: 10 });
	});
});

describe('endpoints on 127.0.0.1', () => {
	let server;
	let base;
	beforeAll(async () => {
		server = http.createServer((request, response) => {
			if (request.url.startsWith('/slow')) {
				setTimeout(() => response.end('{"status":"ok"}'), 300);
				return;
			}
			if (request.url.startsWith('/hang')) return;
			response.writeHead(request.url.startsWith('/down') ? 503 : 200, { 'content-type': 'application/json' });
			response.end(request.url.startsWith('/wrong') ? '{"status":"degraded"}' : '{"status":"ok"}');
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${server.address().port}`;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});

	const endpoint = (name, url, extra = {}) => ({
		name,
		checkType: 'endpoint',
		url,
		expectedStatus: '2xx',
		bodyContains: '"status":"ok"',
		timeoutSeconds: 1,
		slowAboveMs: 2000,
		...extra,
	});

	it('reports up, down, wrong body, no answer and refused, never with the credentials in the URL', async () => {
		const refused = await new Promise((resolve) => {
			const probe = http.createServer();
			probe.listen(0, '127.0.0.1', () => {
				const port = probe.address().port;
				probe.close(() => resolve(port));
			});
		});
		const result = await runWorkflow({
			workflow: workflow([
				endpoint('Up', `${base}/health`),
				endpoint('Down', `http://admin:hunter2@127.0.0.1:${server.address().port}/down?api_key=s3cret&page=1`),
				endpoint('Wrong body', `${base}/wrong`),
				endpoint('Hangs', `${base}/hang`),
				endpoint('Refused', `http://127.0.0.1:${refused}/health`),
			]),
			pinData: { 'Every minute': [{}] },
		});
		const [alerts, , ok] = result.jsonOutputsOf(NODE);
		expect(ok.map((json) => [json.check, json.up, json.status])).toEqual([['Up', true, 200]]);
		expect(Object.fromEntries(alerts.map((json) => [json.check, json.reason]))).toEqual({
			Down: 'The endpoint is down: status 503.',
			'Wrong body': 'The endpoint is down: the response does not contain ""status":"ok"".',
			Hangs: 'The endpoint is down: no response within 1 s.',
			Refused: 'The endpoint is down: connection refused.',
		});
		const down = alerts.find((json) => json.check === 'Down');
		expect(JSON.stringify(down)).not.toMatch(/hunter2|s3cret|admin/);
		expect(down.series).toBe(`http://***@127.0.0.1:${server.address().port}/down?api_key=***&page=1`);
	});

	it('warns when the endpoint answers slowly', async () => {
		const result = await runWorkflow({ workflow: workflow([endpoint('Slow', `${base}/slow`, { slowAboveMs: 100 })]), pinData: { 'Every minute': [{}] } });
		const [[slow]] = result.jsonOutputsOf(NODE);
		expect(slow).toMatchObject({ check: 'Slow', severity: 'warning', up: true });
		expect(slow.latencyMs).toBeGreaterThanOrEqual(250);
	});
});

describe('bad input', () => {
	const metric = { name: 'Orders', checkType: 'metric', metricField: 'orders', condition: 'below', warning: 10, critical: 5 };

	it('names the check, the item and the field', async () => {
		const result = await runWorkflow({ workflow: workflow([metric]), pinData: { 'Every minute': [{ orders: 12 }, { orders: 'many' }] } });
		expect(result.error.message).toBe('Check "Orders": "orders" in item 1 is "many", which is not a number');
	});

	it('with "Continue", sends the bad item to Alert with its error and judges every other series, not the bad one\'s', async () => {
		const perShop = { ...metric, seriesField: 'shop', aggregation: 'sum' };
		const result = await runWorkflow({
			workflow: workflow([perShop], {}, { onError: 'continueRegularOutput' }),
			pinData: {
				'Every minute': [
					{ shop: 'eu', orders: 'many' },
					{ shop: 'eu', orders: 3 },
					{ shop: 'us', orders: 3 },
				],
			},
			at: minute(0),
		});
		const [alerts, , ok] = result.jsonOutputsOf(NODE);
		expect(alerts.map((json) => json.error ?? json.reason)).toEqual([
			'Check "Orders": "orders" in item 0 is "many", which is not a number',
			'orders is 3, at or below the critical threshold 5.',
		]);
		expect(alerts[1].series).toBe('us');
		// eu is not judged on its one good item: that would be a value the operator never sent
		expect(ok.map((json) => [json.series, json.reason])).toEqual([['eu', 'Not judged in this run: item 0 of this series has an error.']]);
	});

	it.each([
		[{ ...metric, warning: 3, critical: 5 }, 'Checks › Orders › Thresholds: the Warning threshold (3) is below the Critical one (5)'],
		[{ ...metric, condition: 'above', warning: 10, critical: 5 }, 'Checks › Orders › Thresholds: the Warning threshold (10) is above the Critical one (5)'],
		[{ ...metric, options: { recoveryMarginPercent: 120 } }, 'Checks › Orders › Thresholds: the Recovery Margin (120%) must be at least 0% and below 100%'],
		[{ name: 'Site', checkType: 'endpoint', url: 'example.com/health' }, 'Checks › Site › Endpoint URL: must start with http:// or https://'],
		[{ name: 'Site', checkType: 'endpoint', url: 'http://127.0.0.1:1/', expectedStatus: 'ok' }, 'Checks › Site › Expected Status: "ok" is not a status'],
		[{ ...metric, metricField: '' }, 'Checks › Orders › Metric Field: The field name is empty'],
	])('rejects contradicting or unusable settings: %j', async (check, message) => {
		const result = await runWorkflow({ workflow: workflow([check]), pinData: { 'Every minute': [{ orders: 1 }] } });
		expect(result.error.message).toEqual(expect.stringContaining(message));
	});

	it('rejects two checks with one name', async () => {
		const result = await runWorkflow({ workflow: workflow([metric, metric]), pinData: { 'Every minute': [{ orders: 1 }] } });
		expect(result.error.message).toBe('Checks › Orders: two checks have this name; each needs its own, since its state is saved under it');
	});
});

describe('version 2 (new nodes) against version 1 (saved workflows)', () => {
	const revenueCheck = {
		name: 'Order value',
		checkType: 'metric',
		seriesField: 'shop',
		metricField: 'revenue',
		aggregation: 'sum',
		condition: 'below',
		warning: 1000,
		critical: 500,
	};
	const runVersion = (typeVersion, items, nodeSettings = {}) =>
		runWorkflow({
			workflow: triggerThenNode({
				type: 'healthMonitor',
				name: NODE,
				trigger: 'Every minute',
				parameters: { checks: { check: [revenueCheck] } },
				settings: nodeSettings,
				typeVersion,
			}),
			pinData: { 'Every minute': items },
			at: minute(0),
		});
	const items = [
		{ shop: 'north', revenue: '1,2,3' },
		{ shop: 'south', revenue: '1,234.50' },
		{ shop: 'east', revenue: '4,00' },
	];

	it('"1,2,3" in a metric: version 1 sums 123 and alerts; version 2 stops naming the check, item, field and value', async () => {
		const v1 = await runVersion(1, items);
		expect(v1.jsonOutputsOf(NODE)[0].map((json) => `${json.series} ${json.value}`)).toEqual(['north 123', 'east 400']);
		const v2 = await runVersion(2, items);
		expect(v2.error.message).toBe('Check "Order value": "revenue" in item 0 is "1,2,3", which is not a number');
	});

	it('with Continue, version 2 sends each bad item out on Alert with its error, judges the well-grouped series and saves nothing for the bad ones', async () => {
		const v2 = await runVersion(2, items, { onError: 'continueRegularOutput' });
		const [alerts, resolved] = v2.jsonOutputsOf(NODE);
		expect(alerts.map((json) => json.error ?? `${json.series} ${json.value}`)).toEqual([
			'Check "Order value": "revenue" in item 0 is "1,2,3", which is not a number',
			'Check "Order value": "revenue" in item 2 is "4,00", which is not a number',
		]);
		expect(resolved).toEqual([]);
	});

	it('a threshold whose expression gives text: version 1 judged without it; version 2 stops naming the check and the field', async () => {
		const run = (typeVersion) =>
			runWorkflow({
				workflow: triggerThenNode({
					type: 'healthMonitor',
					name: NODE,
					trigger: 'Every minute',
					parameters: { checks: { check: [{ ...revenueCheck, critical: '={{ "five hundred" }}' }] } },
					typeVersion,
				}),
				pinData: { 'Every minute': [{ shop: 'north', revenue: 100 }] },
				at: minute(0),
			});
		const v1 = await run(1);
		expect(v1.jsonOutputsOf(NODE)[0].map((json) => `${json.severity} ${json.threshold}`)).toEqual(['warning 1000']);
		const v2 = await run(2);
		expect(v2.error.message).toBe('Checks › Order value › Critical Threshold: "five hundred" is not a number');
	});

	it('a check type it does not know (hand-edited JSON): version 1 read it as a metric without its fields; version 2 names the real problem and the types the panel offers', async () => {
		const odd = { ...revenueCheck, checkType: 'revenueDrop' };
		const run = (typeVersion) =>
			runWorkflow({
				workflow: triggerThenNode({ type: 'healthMonitor', name: NODE, trigger: 'Every minute', parameters: { checks: { check: [odd] } }, typeVersion }),
				pinData: { 'Every minute': [{ shop: 'north', revenue: 100 }] },
				at: minute(0),
			});
		// n8n leaves out the fields the type's display options hide, so version 1 missed the metric field
		expect((await run(1)).error.message).toBe('Checks › Order value › Metric Field: The field name is empty: drag a field from the input here');
		const offered = nodeTypes
			.getByNameAndVersion('n8n-nodes-realtime-batch.healthMonitor', 2)
			.description.properties.find((property) => property.name === 'checks')
			.options[0].values.find((field) => field.name === 'checkType')
			.options.map((option) => option.value);
		const message = (await run(2)).error.message;
		expect(message).toMatch(/^Checks › Order value › Check Type: "revenueDrop" is not a check type; use one of /);
		expect(message.split('use one of ')[1].split(', ').sort()).toEqual([...offered].sort());
		expect(offered).toHaveLength(5);
	});
});

describe('the Checks panel, built from one entry per check type', () => {
	const checks = nodeTypes.getByNameAndVersion('n8n-nodes-realtime-batch.healthMonitor', 2).description.properties.find((p) => p.name === 'checks');
	const fields = checks.options[0].values;
	const COMMON = ['name', 'checkType', 'seriesField', 'options'];
	const types = fields.find((field) => field.name === 'checkType').options.map((option) => option.value);

	it("lists fields and check types in n8n's alphabetical order (n8n's lint cannot check a list built in code)", () => {
		const labels = fields.map((field) => field.displayName);
		expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b)));
		const typeNames = fields.find((field) => field.name === 'checkType').options.map((option) => option.name);
		expect(typeNames).toEqual(['Budget Pacing', 'Endpoint Up/Down', 'Lead Volume', 'Metric Threshold', 'Payment Failure Rate']);
	});

	it('shows each field of a type for that type only, and the series field for every type that reads items', () => {
		for (const field of fields.filter((each) => !COMMON.includes(each.name))) {
			expect({ field: field.name, types: field.displayOptions.show.checkType }).toEqual({ field: field.name, types: [expect.any(String)] });
			expect(types).toContain(field.displayOptions.show.checkType[0]);
		}
		expect(fields.find((field) => field.name === 'seriesField').displayOptions).toEqual({ hide: { checkType: ['endpoint'] } });
		// A field with a condition of its own keeps it next to the type's.
		expect(fields.find((field) => field.name === 'high').displayOptions.show).toEqual({ checkType: ['metric'], condition: ['outsideRange'] });
	});

	it('every type has fields of its own, and no two fields share a name', () => {
		for (const type of types) expect(fields.some((field) => field.displayOptions?.show?.checkType?.includes(type))).toBe(true);
		expect(new Set(fields.map((field) => field.name)).size).toBe(fields.length);
	});
});
