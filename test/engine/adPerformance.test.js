/**
 * The ROAS Calculator and the CPA Tracker inside n8n's engine: raw Meta and Google Ads rows,
 * guards, targets from fields, period comparison, bad input, and alert state over many runs.
 */
const { createSession, runWorkflow, savedMemory, triggerThenNode } = require('./harness');

const NODE = 'Check';
const workflow = (type, parameters = {}, nodeSettings = {}) => triggerThenNode({ type, name: NODE, trigger: 'Rows', parameters, settings: nodeSettings });
const roas = (parameters, nodeSettings) => workflow('roasCalculator', parameters, nodeSettings);
const cpa = (parameters, nodeSettings) => workflow('cpaTracker', parameters, nodeSettings);
const run = (wf, rows, at = '2026-11-27T10:00:00Z') => runWorkflow({ workflow: wf, pinData: { Rows: rows }, at });
const named = (outputs) => outputs.map((items) => items.map((json) => json.campaign ?? json.account ?? json.group ?? json.error));

describe('periods and targets', () => {
	it('compares with the previous period and gives the % change of the ratio of sums', async () => {
		const rows = [
			{ campaignName: 'Brand', period: 'previous', spend: 100, conversionValue: 400 },
			{ campaignName: 'Brand', period: 'previous', spend: 100, conversionValue: 200 },
			{ campaignName: 'Brand', period: 'current', spend: 150, conversionValue: 300 },
			{ campaignName: 'Brand', period: 'current', spend: 50, conversionValue: 200 },
		];
		const result = await run(roas({ comparePeriods: 'label', minSpend: 0 }), rows);
		const [[brand]] = result.jsonOutputsOf(NODE).filter((items) => items.length > 0);
		// Per-row ROAS 2 and 4 would average to 3; the sums say 500 / 200 = 2.5. Ratios are never averaged.
		expect(brand).toMatchObject({
			roas: 2.5,
			spend: 200,
			conversionValue: 500,
			previousPeriod: { roas: 3, spend: 200, conversionValue: 600 },
			changePercent: -16.7,
		});
	});

	it('sends a campaign seen only in the previous period to Insufficient Data, with its rows', async () => {
		const rows = [
			{ campaignName: 'Brand', period: 'current', spend: 100, conversionValue: 400 },
			{ campaignName: 'Paused', period: 'previous', spend: 80, conversionValue: 160, date: '2026-11-20' },
		];
		const result = await run(roas({ comparePeriods: 'label', minSpend: 0 }), rows);
		const [, ok, insufficient] = result.outputsOf(NODE);
		expect(ok.map((item) => item.json.campaign)).toEqual(['Brand']);
		expect(insufficient.map((item) => [item.json.campaign, item.json.roas, item.json.previousPeriod.roas, item.pairedItem])).toEqual([
			['Paused', null, 2, [{ item: 1 }]],
		]);
		expect(insufficient[0].json.message).toMatch(/^No rows in the current period, only in the previous one/);
	});

	it("uses break-even ROAS from the gross margin, and each campaign's own target where rows carry one", async () => {
		const rows = [
			{ campaignName: 'A', spend: 100, conversionValue: 240, targetRoas: '' },
			{ campaignName: 'B', spend: 100, conversionValue: 240, targetRoas: 2 },
		];
		const result = await run(roas({ targetSource: 'margin', grossMarginPercent: 40, criticalRoas: 0, options: { targetField: 'targetRoas' } }), rows);
		const [alerts, ok] = result.jsonOutputsOf(NODE);
		expect(alerts.map((json) => [json.campaign, json.target, json.severity])).toEqual([['A', 2.5, 'warning']]);
		expect(ok.map((json) => [json.campaign, json.target, json.severity])).toEqual([['B', 2, 'ok']]);
	});

	it('groups by account', async () => {
		const rows = [
			{ accountId: 'act_1', campaignName: 'A', spend: 100, conversionValue: 100 },
			{ accountId: 'act_1', campaignName: 'B', spend: 100, conversionValue: 500 },
			{ accountId: 'act_2', campaignName: 'C', spend: 100, conversionValue: 100 },
		];
		const result = await run(roas({ groupBy: 'account', criticalRoas: 0 }), rows);
		expect(named(result.jsonOutputsOf(NODE))).toEqual([['act_2'], ['act_1'], []]);
	});
});

describe('messages: a campaign name from the platform is escaped for Slack', () => {
	it('in the alert message and in the message of a campaign that stopped reporting', async () => {
		const name = '<!channel> Brand & Co';
		const session = createSession(roas({ minSpend: 0, options: { missingHours: 1 } }));
		const first = await session.run({
			pinData: { Rows: [{ campaignName: name, date: '2026-11-27', spend: 100, conversionValue: 50 }] },
			at: '2026-11-27T10:00:00Z',
		});
		const [[alert]] = first.jsonOutputsOf(NODE);
		expect(alert.message.startsWith('CRITICAL &lt;!channel&gt; Brand &amp; Co: ROAS 0.5')).toBe(true);
		expect(alert.campaign).toBe(name);
		const gone = await session.run({
			pinData: { Rows: [{ campaignName: 'Other', date: '2026-11-27', spend: 100, conversionValue: 500 }] },
			at: '2026-11-27T12:00:00Z',
		});
		const resolved = gone.jsonOutputsOf(NODE)[0].find((json) => json.alert?.resolvedBecause === 'gone');
		expect(resolved.message).toMatch(/^RESOLVED &lt;!channel&gt; Brand &amp; Co: No rows since /);
	});
});

describe('bad input', () => {
	const rows = [
		{ campaignName: 'A', spend: 100, conversionValue: 500, currency: 'USD' },
		{ campaignName: 'B', spend: -3, conversionValue: 0, currency: 'USD' },
		{ campaignName: 'C', spend: 100, conversionValue: 500, currency: 'USD' },
		{ campaignName: 'C', spend: 100, conversionValue: 500, currency: 'EUR' },
		{ campaignName: 'D', spend: 'n/a', conversionValue: 0, currency: 'USD' },
	];

	it('stops at the first bad row, naming the item index and the field', async () => {
		const result = await run(roas(), rows);
		expect(result.error.message).toBe('"spend" in item 1 is -3; an amount cannot be negative');
	});

	it('with "Continue", computes every other group and passes the bad rows and groups on with their error', async () => {
		const goOn = await runWorkflow({ workflow: roas({}, { onError: 'continueRegularOutput' }), pinData: { Rows: rows } });
		const [alerts, ok, insufficient] = goOn.jsonOutputsOf(NODE);
		expect(alerts).toEqual([]);
		expect(ok.map((json) => json.campaign)).toEqual(['A']);
		expect(insufficient.map((json) => json.error)).toEqual([
			'"spend" in item 1 is -3; an amount cannot be negative',
			'"currency" in item 3 is "EUR" but earlier rows of campaign "C" are in "USD"; amounts in two currencies cannot be added',
			'"spend" in item 4 is "n/a", which is not an amount',
		]);
		expect(insufficient[0]).toMatchObject({ campaign: 'B' });
		expect(goOn.outputsOf(NODE)[2].map((item) => item.pairedItem)).toEqual([[{ item: 1 }], [{ item: 2 }, { item: 3 }], [{ item: 4 }]]);
	});

	it.each([
		[{ spend: Number.NaN, conversionValue: 1 }, '"spend" in item 0 is NaN, which is not an amount'],
		[{ spend: Number.POSITIVE_INFINITY, conversionValue: 1 }, '"spend" in item 0 is Infinity, which is not an amount'],
		[{ spend: 10 }, '"conversionValue" in item 0 is missing; every row needs it (use 0 for none)'],
		[{ spend: '1.2.3', conversionValue: 1 }, '"spend" in item 0 is "1.2.3", which is not an amount'],
	])('names the item and the field for %j', async (row, message) => {
		const result = await run(roas(), [{ campaignName: 'A', ...row }]);
		expect(result.error.message).toBe(message);
	});

	it('with "Continue (using error output)", sends them to the error output with their data', async () => {
		const result = await runWorkflow({ workflow: roas({}, { onError: 'continueErrorOutput' }), pinData: { Rows: rows } });
		const outputs = result.jsonOutputsOf(NODE);
		expect(outputs).toHaveLength(4);
		expect(outputs[3].map((json) => [json.campaignName, json.error.slice(0, 14)])).toEqual([
			['B', '"spend" in ite'],
			['C', '"currency" in '],
			['D', '"spend" in ite'],
		]);
	});

	it.each([
		[{ alertMessage: '{campain} is low' }, 'Alert Message: {campain} is not a placeholder this node fills'],
		[{ targetRoas: 2, criticalRoas: 3 }, 'Critical Below: 3 is above the Target ROAS of 2'],
		[{ comparePeriods: 'date', currentFrom: 'last week' }, 'Current Period Starts On: "last week" is not a day'],
		[{ spendField: 'costs[0' }, 'Spend Field: The field "costs[0" has a "[" without a closing "]"'],
	])('reports the setting %j once, naming the parameter', async (parameters, message) => {
		const result = await run(roas(parameters), [{ campaignName: 'A', spend: 1, conversionValue: 1 }]);
		expect(result.error.message).toEqual(expect.stringContaining(message));
	});

	it('rejects a maximum CPA below the target', async () => {
		const result = await run(cpa({ targetCpa: 50, maximumCpa: 40 }), [{ campaignName: 'A', spend: 1, conversions: 1 }]);
		expect(result.error.message).toBe('Maximum CPA: 40 is below the Target CPA of 50; the maximum must be the higher one');
	});
});

describe('alert state across consecutive executions', () => {
	const rowsWithRoas = (ratio) => [
		{ campaignName: 'Brand', spend: 100, conversionValue: 100 * ratio, currency: 'USD', date: '2026-11-27' },
		{ campaignName: 'Steady', spend: 100, conversionValue: 400, currency: 'USD', date: '2026-11-27' },
	];
	const at = (minutes) => new Date(Date.parse('2026-11-27T06:00:00Z') + minutes * 60_000).toISOString();
	const alertsOf = (result) => result.jsonOutputsOf(NODE)[0].map((json) => `${json.campaign}: ${json.alert.notice} ${json.severity}`);
	const okOf = (result) => result.jsonOutputsOf(NODE)[1].map((json) => `${json.campaign}: ${json.alert.state}`);

	it('alerts once, stays quiet, reminds after the interval, escalates, resolves once; a manual run changes nothing', async () => {
		const session = createSession(roas({ renotifyHours: 2 }));
		const step = (minutes, ratio, mode) => session.run({ pinData: { Rows: rowsWithRoas(ratio) }, at: at(minutes), mode });

		expect(alertsOf(await step(0, 2))).toEqual(['Brand: firing warning']);
		const quiet = await step(15, 2);
		expect(alertsOf(quiet)).toEqual([]);
		expect(okOf(quiet)).toEqual(['Brand: firing', 'Steady: normal']);
		expect(quiet.jsonOutputsOf(NODE)[1][0]).toMatchObject({ severity: 'warning', alert: { since: at(0) } });

		// someone tests the workflow by hand while the campaign has recovered: they see the resolution...
		const manual = await step(20, 4, 'manual');
		expect(alertsOf(manual)).toEqual(['Brand: resolved ok']);
		// ...marked as a test, in a field and in the message
		expect(manual.jsonOutputsOf(NODE)[0][0]).toMatchObject({ test: true, message: '[TEST] RESOLVED Brand: ROAS is back at 4 (target 3).' });
		// ...but nothing was saved: the next scheduled run still knows the open alert
		expect(alertsOf(await step(30, 2))).toEqual([]);

		expect(alertsOf(await step(119, 2))).toEqual([]);
		expect(alertsOf(await step(120, 2))).toEqual(['Brand: renotify warning']);
		expect((await step(121, 2)).jsonOutputsOf(NODE)[1][0]).not.toHaveProperty('test');
		expect(alertsOf(await step(135, 2))).toEqual([]);
		const worse = await step(150, 0.5);
		expect(alertsOf(worse)).toEqual(['Brand: escalated critical']);
		expect(worse.jsonOutputsOf(NODE)[0][0]).not.toHaveProperty('test');
		expect(worse.jsonOutputsOf(NODE)[0][0].message).toBe(
			'CRITICAL Brand: ROAS 0.5 is below the critical level of 1. Spend 100.00 USD, revenue 50.00 USD (2026-11-27 to 2026-11-27).',
		);
		const resolved = await step(165, 3.5);
		expect(alertsOf(resolved)).toEqual(['Brand: resolved ok']);
		expect(resolved.jsonOutputsOf(NODE)[0][0].message).toBe('RESOLVED Brand: ROAS is back at 3.5 (target 3).');
		expect(alertsOf(await step(180, 3.5))).toEqual([]);
		expect(savedMemory(session.staticData).schema).toBe(2);
		expect(savedMemory(session.staticData).groups).toEqual({});
	});

	it('keeps the open alert while a campaign has too little data to judge', async () => {
		const session = createSession(cpa({ minSpend: 100, minConversions: 3 }));
		const rows = (spend, conversions) => [{ campaignName: 'Leads', spend, conversions, currency: 'USD' }];
		expect(alertsOf(await session.run({ pinData: { Rows: rows(300, 3) }, at: at(0) }))).toEqual(['Leads: firing warning']);
		const thin = await session.run({ pinData: { Rows: rows(20, 1) }, at: at(15) });
		expect(thin.jsonOutputsOf(NODE)[2].map((json) => json.reason)).toEqual([
			'1 conversions and 20.00 spend: below the minimum of 3 conversions or 100.00 spend needed to judge CPA.',
		]);
		expect(alertsOf(await session.run({ pinData: { Rows: rows(300, 3) }, at: at(30) }))).toEqual([]);
	});

	it('alerts on every run when Alert Only on Change is off', async () => {
		const session = createSession(roas({ alertOnlyOnChange: false }));
		for (const minutes of [0, 15, 30]) {
			expect(alertsOf(await session.run({ pinData: { Rows: rowsWithRoas(2) }, at: at(minutes) })).length).toBe(1);
		}
	});
});

describe('CPA Tracker version 2 (new nodes) against version 1 (saved workflows)', () => {
	// A healthy campaign (CPA about 150 against a target of 200) whose spend starts again each day:
	// each morning it has spent 50 before its first conversion of the day, by evening it has converted.
	const days = ['2026-11-25', '2026-11-26', '2026-11-27'];
	const runs = days.flatMap((day) => [
		{ at: `${day}T09:00:00Z`, rows: [{ campaignName: 'Healthy', spend: 50, conversions: 0, date: day }] },
		{ at: `${day}T20:00:00Z`, rows: [{ campaignName: 'Healthy', spend: 300, conversions: 2, date: day }] },
	]);
	const parameters = { targetCpa: 200, minSpend: 50, minConversions: 3 };
	const threeDays = async (typeVersion) => {
		const session = createSession(triggerThenNode({ type: 'cpaTracker', name: NODE, trigger: 'Rows', parameters, typeVersion }));
		const alerts = [];
		const insufficient = [];
		for (const { at, rows } of runs) {
			const result = await session.run({ pinData: { Rows: rows }, at });
			expect(result.error).toBeUndefined();
			const [alert, , notJudged] = result.jsonOutputsOf(NODE);
			alerts.push(...alert.map((json) => json.message.split('\n')[0]));
			insufficient.push(...notJudged.map((json) => json.reason));
		}
		return { alerts, insufficient };
	};

	it('version 1 (kept for saved workflows) alerts every morning and resolves every evening', async () => {
		const { alerts } = await threeDays(1);
		expect(alerts.map((message) => message.split(':')[0])).toEqual([
			'CRITICAL Healthy',
			'RESOLVED Healthy',
			'CRITICAL Healthy',
			'RESOLVED Healthy',
			'CRITICAL Healthy',
			'RESOLVED Healthy',
		]);
		expect(alerts.filter((message) => message.startsWith('CRITICAL Healthy: Spent 50.00 with no conversions.'))).toHaveLength(3);
	});

	it('version 2 judges the morning against what the target allows: no alert in three days', async () => {
		const { alerts, insufficient } = await threeDays(2);
		expect(alerts).toEqual([]);
		expect(insufficient).toEqual(Array(3).fill('Spent 50.00 with no conversion yet, within the target CPA of 200.00: too early to judge CPA.'));
	});

	it('version 2 still alerts a campaign that spends past its target without converting', async () => {
		const result = await run(
			triggerThenNode({ type: 'cpaTracker', name: NODE, trigger: 'Rows', parameters: { ...parameters, maximumCpa: 400 }, typeVersion: 2 }),
			[{ campaignName: 'Stuck', spend: 450, conversions: 0 }],
		);
		expect(result.jsonOutputsOf(NODE)[0].map((json) => [json.severity, json.reason])).toEqual([
			['critical', 'Spent 450.00 with no conversion, more than the target CPA of 200.00, and above the Maximum CPA of 400.00.'],
		]);
	});
});

describe('ROAS Calculator and CPA Tracker version 2: strict amounts and text fields', () => {
	const rows = [
		{ campaignName: 'Brand', spend: '1,000.00', conversionValue: '4,000', conversions: 20, currency: 'usd' },
		{ campaignName: 'Brand', spend: '500', conversionValue: '1,500', conversions: 10, currency: 'USD' },
	];
	const check = (type, typeVersion, parameters = {}, nodeSettings = {}) =>
		triggerThenNode({ type, name: NODE, trigger: 'Rows', parameters: { minSpend: 0, ...parameters }, settings: nodeSettings, typeVersion });

	it('"usd" and "USD" are one currency in version 2 (one group); version 1 refused to add them', async () => {
		const v2 = await run(check('roasCalculator', 2), rows);
		expect(v2.error).toBeUndefined();
		const judged = v2.jsonOutputsOf(NODE).flat();
		expect(judged.map((json) => [json.campaign, json.currency, json.spend, json.roas])).toEqual([['Brand', 'USD', 1500, expect.closeTo(3.6667, 3)]]);
		const v1 = await run(check('roasCalculator', 1), rows);
		expect(v1.error.message).toBe('"currency" in item 1 is "USD" but earlier rows of campaign "Brand" are in "usd"; amounts in two currencies cannot be added');
	});

	it('a misplaced group separator stops the run naming the item and the field in version 2; version 1 read another number', async () => {
		const bad = [rows[1], { campaignName: 'Brand', spend: '1,2,3', conversionValue: 10, conversions: 1, currency: 'USD' }];
		const v2 = await run(check('cpaTracker', 2), bad);
		expect(v2.error.message).toBe('"spend" in item 1 is "1,2,3", which is not an amount');
		const v1 = await run(check('cpaTracker', 1), bad);
		expect(v1.error).toBeUndefined();
		expect(v1.jsonOutputsOf(NODE).flat()[0].spend).toBe(623);
	});

	it('with Continue, a row in another currency and a list in the currency field go on as errors; the good row is judged', async () => {
		const mixed = [
			{ ...rows[1], campaignName: 'Good' },
			{ campaignName: 'Brand', spend: '€90', conversionValue: 10, currency: 'USD' },
			{ campaignName: 'Other', spend: 5, conversionValue: 10, currency: ['USD'] },
		];
		const result = await run(check('roasCalculator', 2, {}, { onError: 'continueRegularOutput' }), mixed);
		const all = result.jsonOutputsOf(NODE).flat();
		expect(all.filter((json) => json.error).map((json) => json.error)).toEqual([
			'"spend" in item 1 is "€90", an amount in EUR, but the row\'s currency is USD',
			'"currency" in item 2 is ["USD"], a list; it must be a single value',
		]);
		expect(all.filter((json) => !json.error).map((json) => json.spend)).toEqual([500]);
	});
});

describe('version 2: thresholds are one value for all rows (no expression over a row)', () => {
	const rows = [
		{ campaignName: 'Brand', spend: 100, conversionValue: 450, conversions: 4, limit: 6 },
		{ campaignName: 'Promo', spend: 100, conversionValue: 150, conversions: 1, limit: 1 },
	];
	const check = (type, typeVersion, parameters) =>
		triggerThenNode({ type, name: NODE, trigger: 'Rows', parameters: { minSpend: 0, ...parameters }, typeVersion });

	it('version 1 reads an expression over the row once, at the first row, for every campaign', async () => {
		const v1 = await run(check('roasCalculator', 1, { targetRoas: '={{ $json.limit }}', criticalRoas: 0 }), rows);
		expect(
			v1
				.jsonOutputsOf(NODE)
				.flat()
				.map((json) => [json.campaign, json.target]),
		).toEqual([
			['Brand', 6],
			['Promo', 6],
		]);
	});

	it.each([
		[
			'roasCalculator',
			{ targetRoas: '={{ $json.limit }}' },
			'Target ROAS: "{{ $json.limit }}" is not a number. It is one value for all rows; for a target per campaign, name a column in Options › Target Field.',
		],
		['roasCalculator', { criticalRoas: '={{ 1 }}' }, 'Critical Below: "{{ 1 }}" is not a number. It is one value for all rows.'],
		[
			'cpaTracker',
			{ targetCpa: '={{ $json.limit }}' },
			'Target CPA: "{{ $json.limit }}" is not a number. It is one value for all rows; for a target per campaign, name a column in Options › Target Field.',
		],
		['cpaTracker', { noConversionMultiple: '={{ 2 }}' }, 'No-Conversion Limit (× Target CPA): "{{ 2 }}" is not a number. It is one value for all rows.'],
	])('%s version 2 with %j stops once, naming the parameter and the per-row alternative', async (type, parameters, message) => {
		const v2 = await run(check(type, 2, parameters), rows);
		expect(v2.error.message).toBe(message);
	});

	it('version 2 takes a target per campaign from Options › Target Field', async () => {
		const v2 = await run(check('roasCalculator', 2, { targetRoas: 3, criticalRoas: 0, options: { targetField: 'limit' } }), rows);
		expect(
			v2
				.jsonOutputsOf(NODE)
				.flat()
				.map((json) => [json.campaign, json.target]),
		).toEqual([
			['Brand', 6],
			['Promo', 1],
		]);
	});
});

describe('version 2 messages read cleanly whatever is absent', () => {
	const check = (type, typeVersion, parameters = {}) =>
		triggerThenNode({ type, name: NODE, trigger: 'Rows', parameters: { minSpend: 0, ...parameters }, typeVersion });
	const messages = (result) =>
		result
			.jsonOutputsOf(NODE)
			.flat()
			.map((json) => json.message);

	it('no currency, no date, a ROAS of 0.0024: version 2 says so plainly; version 1 kept its wording', async () => {
		const rows = [{ campaignName: 'Brand', spend: 100, conversionValue: 0.24 }];
		expect(messages(await run(check('roasCalculator', 2), rows))).toEqual([
			'CRITICAL Brand: ROAS 0.0024 is below the critical level of 1. Spend 100.00, revenue 0.24.',
		]);
		expect(messages(await run(check('roasCalculator', 1), rows))).toEqual([
			'CRITICAL Brand: ROAS 0 is below the critical level of 1. Spend 100.00 , revenue 0.24  ( to ).',
		]);
	});

	it('with a currency and dates, version 2 shows them; one conversion is "1 conversion"', async () => {
		const rows = [
			{ campaignName: 'Leads', spend: 120, conversions: 1, currency: 'EUR', date: '2026-12-01' },
			{ campaignName: 'Leads', spend: 30, conversions: 0, currency: 'EUR', date: '2026-12-02' },
		];
		expect(messages(await run(check('cpaTracker', 2), rows))).toEqual([
			'WARNING Leads: CPA 150.00 is above the target of 50.00. 1 conversion for 150.00 EUR (2026-12-01 to 2026-12-02).',
		]);
		expect(messages(await run(check('cpaTracker', 1), rows))).toEqual([
			'WARNING Leads: CPA 150.00 is above the target of 50.00. 1 conversions for 150.00 EUR (2026-12-01 to 2026-12-02).',
		]);
	});

	it("an operator's own template is tidied too, and an unknown placeholder is still an error", async () => {
		const own = { alertMessage: '{severity}: {campaign} [{account}] spent {spend} {currency} ({from}).' };
		expect(messages(await run(check('roasCalculator', 2, own), [{ campaignName: 'Brand', spend: 100, conversionValue: 50 }]))).toEqual([
			'CRITICAL: Brand spent 100.00.',
		]);
		const wrong = await run(check('roasCalculator', 2, { alertMessage: '{campain} is low' }), [{ campaignName: 'Brand', spend: 100, conversionValue: 50 }]);
		expect(wrong.error.message).toMatch(/^Alert Message: \{campain\} is not a placeholder this node fills/);
	});
});

describe('version 2 takes the rows out of a whole platform response, as an HTTP Request node returns it', () => {
	const metaRow = (name, spend, purchases, value) => ({
		account_id: '7',
		campaign_id: name.toLowerCase(),
		campaign_name: name,
		spend,
		date_start: '2026-12-01',
		date_stop: '2026-12-01',
		account_currency: 'USD',
		actions: [{ action_type: 'omni_purchase', value: purchases }],
		action_values: [{ action_type: 'omni_purchase', value }],
	});
	const metaPage = (rows) => ({ data: rows, paging: { cursors: { before: 'MAZDZD', after: 'MjQZD' } } });
	const googleChunk = (rows) => ({ results: rows, fieldMask: 'customer.id,campaign.id,campaign.name,metrics.costMicros', requestId: 'req-1' });
	const googleRow = (name, costMicros, conversions, value) => ({
		customer: { id: '123', currencyCode: 'EUR' },
		campaign: { id: name, name },
		segments: { date: '2026-12-01' },
		metrics: { costMicros, conversions, conversionsValue: value },
	});
	const check = (type, typeVersion, parameters = {}, nodeSettings = {}) =>
		triggerThenNode({ type, name: NODE, trigger: 'Rows', parameters: { minSpend: 0, ...parameters }, settings: nodeSettings, typeVersion });

	it('two Meta pages and a Google Ads chunk: every campaign judged, each linked to the item it came from', async () => {
		const items = [
			metaPage([metaRow('Brand', '100.00', '4', '450.00'), metaRow('Promo', '200.00', '1', '100.00')]),
			metaPage([metaRow('Brand', '50.00', '1', '60.00')]),
			googleChunk([googleRow('Search', '120000000', 3, 360)]),
		];
		const result = await run(check('roasCalculator', 2), items);
		expect(result.error).toBeUndefined();
		const judged = result
			.outputsOf(NODE)
			.flat()
			.map((item) => [item.json.campaign, item.json.spend, item.json.roas, item.pairedItem]);
		expect(judged).toEqual([
			['Promo', 200, 0.5, [{ item: 0 }]],
			['Brand', 150, 3.4, [{ item: 0 }, { item: 1 }]],
			['Search', 120, 3, [{ item: 2 }]],
		]);
	});

	it('the CPA Tracker reads the same pages; version 1 read each page as one row and found no spend', async () => {
		const items = [metaPage([metaRow('Brand', '100.00', '4', '450.00')])];
		const v2 = await run(check('cpaTracker', 2), items);
		expect(
			v2
				.jsonOutputsOf(NODE)
				.flat()
				.map((json) => [json.campaign, json.cpa]),
		).toEqual([['Brand', 25]]);
		const v1 = await run(check('cpaTracker', 1), items);
		expect(v1.error.message).toBe('"spend" in item 0 is missing; every row needs it (use 0 for none)');
	});

	it('a bad row inside a page is named by its place; with Continue only its campaign goes out with the error', async () => {
		const items = [metaPage([metaRow('Brand', '100.00', '4', '450.00'), { ...metaRow('Promo', 'lots', '1', '1'), spend: 'lots' }])];
		const stopped = await run(check('roasCalculator', 2), items);
		expect(stopped.error.message).toBe('"data[1].spend" in item 0 is "lots", which is not an amount');
		const continued = await run(check('roasCalculator', 2, {}, { onError: 'continueRegularOutput' }), items);
		const all = continued.jsonOutputsOf(NODE).flat();
		expect(all.map((json) => json.error ?? `${json.campaign} ${json.roas}`)).toEqual([
			'Brand 4.5',
			'"data[1].spend" in item 0 is "lots", which is not an amount',
		]);
		// the bad row goes out with its error, not the whole page
		expect(all[1]).toMatchObject({ campaign: 'Promo', campaign_name: 'Promo', spend: 'lots' });
		expect(all[1]).not.toHaveProperty('data');
	});

	it('an empty page has no rows; a page whose row is not an object is an error naming it', async () => {
		const empty = await run(check('roasCalculator', 2), [metaPage([])]);
		expect(empty.error).toBeUndefined();
		expect(empty.jsonOutputsOf(NODE).flat()).toEqual([]);
		const broken = await run(check('roasCalculator', 2), [metaPage([metaRow('Brand', '1', '1', '1'), 'oops'])]);
		expect(broken.error.message).toBe('"data[1]" in item 0 is "oops"; each row of the response must be an object');
	});
});

describe('version 2 says when a change of target, not of the metric, raised or resolved an alert', () => {
	const brand = (conversionValue) => [{ campaignName: 'Brand', spend: 100, conversionValue, currency: 'USD' }];
	// The operator edits the node between runs; the memory the last run saved carries over.
	const runs = async (typeVersion, steps) => {
		let staticData = {};
		const messages = [];
		for (const [index, { targetRoas, conversionValue }] of steps.entries()) {
			const workflow = triggerThenNode({
				type: 'roasCalculator',
				name: NODE,
				trigger: 'Rows',
				parameters: { minSpend: 0, targetRoas, criticalRoas: 0 },
				typeVersion,
			});
			const result = await runWorkflow({ workflow, pinData: { Rows: brand(conversionValue) }, staticData, at: `2026-12-03T1${index}:00:00Z` });
			expect(result.error).toBeUndefined();
			staticData = result.staticData;
			messages.push(result.jsonOutputsOf(NODE)[0].map((json) => json.message));
		}
		return messages;
	};
	const lowerThenRaise = [
		{ targetRoas: 3, conversionValue: 250 },
		{ targetRoas: 2, conversionValue: 250 },
		{ targetRoas: 2.6, conversionValue: 250 },
		{ targetRoas: 2.6, conversionValue: 300 },
	];

	it('lowering the target resolves, raising it fires again: version 2 names the target as the cause', async () => {
		expect(await runs(2, lowerThenRaise)).toEqual([
			['WARNING Brand: ROAS 2.5 is below the target of 3. Spend 100.00 USD, revenue 250.00 USD.'],
			['RESOLVED Brand: ROAS 2.5 meets the target of 2 (target lowered from 3): the target changed, not ROAS.'],
			['WARNING Brand: ROAS 2.5 is below the target of 2.6 (target raised from 2): the target changed, not ROAS. Spend 100.00 USD, revenue 250.00 USD.'],
			['RESOLVED Brand: ROAS 3 meets the target of 2.6.'],
		]);
	});

	it('version 1 read as if ROAS had moved', async () => {
		expect(await runs(1, lowerThenRaise)).toEqual([
			['WARNING Brand: ROAS 2.5 is below the target of 3. Spend 100.00 USD, revenue 250.00 USD ( to ).'],
			['RESOLVED Brand: ROAS is back at 2.5 (target 2).'],
			['WARNING Brand: ROAS 2.5 is below the target of 2.6. Spend 100.00 USD, revenue 250.00 USD ( to ).'],
			['RESOLVED Brand: ROAS is back at 3 (target 2.6).'],
		]);
	});

	it('when both moved, the target is named only if the old target (with its recovery margin) would have kept the alert', async () => {
		const both = await runs(2, [
			{ targetRoas: 3, conversionValue: 250 },
			{ targetRoas: 2.9, conversionValue: 340 },
		]);
		expect(both[1]).toEqual(['RESOLVED Brand: ROAS 3.4 meets the target of 2.9.']);
		const within = await runs(2, [
			{ targetRoas: 3, conversionValue: 250 },
			{ targetRoas: 2.9, conversionValue: 310 },
		]);
		// 3.1 would not have recovered from a target of 3 with the 10% margin (3.3)
		expect(within[1]).toEqual(['RESOLVED Brand: ROAS 3.1 meets the target of 2.9 (target lowered from 3): the target changed, not ROAS.']);
	});
});
