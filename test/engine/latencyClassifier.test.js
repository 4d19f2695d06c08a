/**
 * The Latency Classifier inside n8n's engine: error handling with each "On Error" setting,
 * settings errors, per-item expressions, and the router's promise that every item leaves once.
 */
const { runWorkflow, triggerThenNode } = require('./harness');

const AT = '2026-11-27T10:00:00Z';
const CLASSIFIER = 'Latency Classifier';

const workflow = (parameters, nodeSettings = {}, typeVersion = 1) =>
	triggerThenNode({ type: 'latencyClassifier', name: CLASSIFIER, parameters: { timezone: 'UTC', ...parameters }, settings: nodeSettings, typeVersion });

const run = (parameters, items, nodeSettings, typeVersion) =>
	runWorkflow({ workflow: workflow(parameters, nodeSettings, typeVersion), pinData: { Input: items }, at: AT });

const costMode = { mode: 'costOfDelay', costField: 'cost', costMultiplier: 1, costThreshold: 10 };
const mixedCosts = [{ cost: 50 }, { cost: 'lots' }, { cost: 2 }, {}];

describe('bad input', () => {
	it('stops with an error naming the item index and the field', async () => {
		const result = await run(costMode, mixedCosts);
		expect(result.error).toBeDefined();
		expect(result.error.message).toBe('"cost" in item 1 is "lots", which is not a number');
		expect(result.error.node.name).toBe(CLASSIFIER);
	});

	it('with "Continue", routes every other item and sends the bad ones on with their error', async () => {
		const result = await run(costMode, mixedCosts, { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		const [realTime, batch] = result.jsonOutputsOf(CLASSIFIER);
		expect(realTime.map((json) => json.error ?? json.latency.route)).toEqual([
			'realTime',
			'"cost" in item 1 is "lots", which is not a number',
			'"cost" in item 3 is missing; it must hold the cost of a one-hour delay as a number',
		]);
		expect(realTime[1].cost).toBe('lots');
		expect(batch.map((json) => json.cost)).toEqual([2]);
		const [realTimeItems] = result.outputsOf(CLASSIFIER);
		expect(realTimeItems.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 3 }]);
	});

	it('with "Continue (using error output)", sends the bad items to the error output', async () => {
		const result = await run(costMode, mixedCosts, { onError: 'continueErrorOutput' });
		const outputs = result.jsonOutputsOf(CLASSIFIER);
		expect(outputs).toHaveLength(3);
		expect(outputs[0].map((json) => json.cost)).toEqual([50]);
		expect(outputs[1].map((json) => json.cost)).toEqual([2]);
		expect(outputs[2].map((json) => json.cost)).toEqual(['lots', undefined]);
		expect(outputs[2].map((json) => json.error)).toEqual([
			'"cost" in item 1 is "lots", which is not a number',
			'"cost" in item 3 is missing; it must hold the cost of a one-hour delay as a number',
		]);
	});

	it.each([
		[{ mode: 'deadline', deadlineField: 'due' }, { due: 'next tuesday' }, '"due" in item 0 is "next tuesday", which is not a date'],
		[{ mode: 'deadline', deadlineField: 'due' }, { other: 1 }, '"due" in item 0 is missing; it must hold when the item is due'],
		[
			{ rules: { rule: [{ name: 'Big order', field: 'order.total', operator: 'greaterThan', value: '100' }] } },
			{ order: { total: 'n/a' } },
			'"order.total" in item 0 is "n/a", which is not a number',
		],
	])('names the field for %j', async (parameters, item, message) => {
		const result = await run(parameters, [item]);
		expect(result.error.message).toEqual(expect.stringContaining(message));
	});
});

describe('Required Fields', () => {
	const required = { readyMadeRules: ['newLead', 'reporting'], eventTypeField: 'eventType', options: { requiredFields: 'eventType, contact.email' } };
	const items = [
		{ eventType: 'lead', contact: { email: 'ana@example.com' } },
		{ eventType: 'lead', contact: { email: '  ' } },
		{ contact: { email: 'ops@example.com' } },
		{ eventType: 'weekly_report', contact: { email: 'ops@example.com' } },
	];

	it('stops at the first item missing one, naming the item and the field', async () => {
		const result = await run(required, items);
		expect(result.error.message).toBe('"contact.email" in item 1 is required but missing or empty');
	});

	it('with the error output, routes the complete items and rejects the others there', async () => {
		const result = await run(required, items, { onError: 'continueErrorOutput' });
		const [realTime, batch, errors] = result.jsonOutputsOf(CLASSIFIER);
		expect(realTime.map((json) => json.contact.email)).toEqual(['ana@example.com']);
		expect(batch.map((json) => json.eventType)).toEqual(['weekly_report']);
		expect(errors.map((json) => json.error)).toEqual([
			'"contact.email" in item 1 is required but missing or empty',
			'"eventType" in item 2 is required but missing or empty',
		]);
	});

	it('without it, an item missing its event type is only unmatched and waits for the batch run', async () => {
		const result = await run({ ...required, options: {} }, [items[2]]);
		expect(result.jsonOutputsOf(CLASSIFIER)[1].map((json) => json.latency.decidedBy)).toEqual(['noMatch']);
	});

	it('reports an unusable field path as a settings error', async () => {
		const result = await run({ ...required, options: { requiredFields: 'eventType, lines[0' } }, items);
		expect(result.error.message).toBe('Required Fields: The field "lines[0" has a "[" without a closing "]"');
	});
});

describe('settings errors', () => {
	it.each([
		[{ timezone: 'Mars/Olympus' }, 'Timezone: "Mars/Olympus" is not a known timezone'],
		[{ scheduleKind: 'cron', cronExpression: '0 6 * *' }, 'Cron Expression: "0 6 * *" has 4 fields'],
		[{ scheduleKind: 'cron', cronExpression: '0 25 * * *' }, 'Cron Expression: "25" is not a valid hour field'],
		[{ runAt: '6am' }, 'Run At: "6am" is not a time of day'],
		[{ rules: { rule: [{ name: 'Costly', field: 'cost', operator: 'greaterThan', value: 'high' }] } }, 'Custom Rules › Rule "Costly": "high" is not a number'],
		[{ eventTypeField: '' }, 'Event Type Field: The field name is empty'],
	])('%j stops the node, naming the parameter', async (parameters, message) => {
		const result = await run(parameters, [{ eventType: 'lead' }]);
		expect(result.error.message).toEqual(expect.stringContaining(message));
	});

	it('with "Continue", sends every item on Real-Time with the error, not as if it had been judged', async () => {
		const result = await run({ timezone: 'Mars/Olympus' }, [{ eventType: 'lead' }, { eventType: 'weekly_report' }], { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		const [realTime, batch] = result.jsonOutputsOf(CLASSIFIER);
		expect(realTime).toEqual([
			{ eventType: 'lead', error: expect.stringContaining('Timezone: "Mars/Olympus" is not a known timezone') },
			{ eventType: 'weekly_report', error: expect.stringContaining('Timezone: "Mars/Olympus"') },
		]);
		expect(batch).toEqual([]);
	});

	it('with "Continue (using error output)", sends every item to the error output', async () => {
		const result = await run({ runAt: '6am' }, [{ eventType: 'lead' }], { onError: 'continueErrorOutput' });
		const outputs = result.jsonOutputsOf(CLASSIFIER);
		expect(outputs.map((list) => list.length)).toEqual([0, 0, 1]);
		expect(outputs[2][0]).toEqual(expect.objectContaining({ eventType: 'lead', error: expect.stringContaining('Run At: "6am" is not a time of day') }));
	});
});

describe('expressions (the slow path)', () => {
	it('evaluates a rule condition expression per item', async () => {
		const result = await run(
			{
				readyMadeRules: [],
				rules: {
					rule: [
						{
							name: 'Large US order',
							conditionType: 'expression',
							condition: '={{ $json.amount > 1000 && $json.country === "US" }}',
							delayCost: 'moneyAndTrust',
						},
					],
				},
			},
			[
				{ amount: 5000, country: 'US' },
				{ amount: 5000, country: 'DE' },
				{ amount: 10, country: 'US' },
			],
		);
		const [realTime, batch] = result.jsonOutputsOf(CLASSIFIER);
		expect(realTime.map((json) => [json.amount, json.country, json.latency.rule])).toEqual([[5000, 'US', 'Large US order']]);
		expect(batch).toHaveLength(2);
	});

	it('reads a rule value from an expression per item', async () => {
		const result = await run(
			{
				readyMadeRules: [],
				rules: { rule: [{ name: 'Over own limit', field: 'spend', operator: 'greaterThan', value: '={{ $json.limit }}' }] },
			},
			[
				{ spend: 120, limit: 100 },
				{ spend: 120, limit: 500 },
			],
		);
		const [realTime, batch] = result.jsonOutputsOf(CLASSIFIER);
		expect(realTime.map((json) => json.latency.reason)).toEqual(['Rule "Over own limit" matched (spend is greater than 100): a one-hour delay costs money.']);
		expect(batch.map((json) => json.limit)).toEqual([500]);
	});

	it('computes the cost of delay from an expression', async () => {
		const result = await run(
			{ mode: 'costOfDelay', costSource: 'expression', costExpression: '={{ $json.dealValue * $json.lossPerHour }}', costThreshold: 100 },
			[
				{ dealValue: 2000, lossPerHour: 0.1 },
				{ dealValue: 2000, lossPerHour: 0.01 },
			],
		);
		const [realTime, batch] = result.jsonOutputsOf(CLASSIFIER);
		expect(realTime.map((json) => json.latency.delayCostAmount)).toEqual([200]);
		expect(batch.map((json) => json.latency.delayCostAmount)).toEqual([20]);
	});
});

describe('every item leaves on exactly one output', () => {
	const EVENT_TYPES = ['new_lead', 'weekly_report', 'payment_failed', 'page_view', '', 'backup', null, 42];

	function randomItems(count, seed) {
		let state = seed;
		const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
		return Array.from({ length: count }, (_, id) => {
			const json = { id, eventType: EVENT_TYPES[Math.floor(next() * EVENT_TYPES.length)] };
			if (next() < 0.3) json.customer = { tier: next() < 0.5 ? 'vip' : 'basic' };
			if (next() < 0.3) json.amount = next() < 0.2 ? 'not a number' : Math.round(next() * 2000);
			return json;
		});
	}

	it.each([1, 2, 3])('for 500 random items, seed %i, with bad items continuing', async (seed) => {
		const items = randomItems(500, seed);
		const result = await run(
			{
				rules: {
					rule: [
						{ name: 'VIP', field: 'customer.tier', operator: 'equals', value: 'vip', delayCost: 'trust' },
						{ name: 'Big', field: 'amount', operator: 'greaterThan', value: '1000' },
					],
				},
			},
			items,
			{ onError: 'continueRegularOutput' },
		);
		const outputs = result.outputsOf(CLASSIFIER);
		const seen = outputs.flat().map((item) => item.pairedItem.item);
		expect(seen.sort((a, b) => a - b)).toEqual(items.map((_, index) => index));
		for (const [outputIndex, route] of [
			[0, 'realTime'],
			[1, 'batch'],
		]) {
			for (const item of outputs[outputIndex]) {
				expect(item.json.id).toBe(item.pairedItem.item);
				if (item.json.error === undefined) expect(item.json.latency.route).toBe(route);
			}
		}
	});
});

describe('version 2 (new nodes) against version 1 (saved workflows)', () => {
	const routes = (result) => result.jsonOutputsOf(CLASSIFIER).map((output) => output.map((json) => json.id));
	const readyMade = { mode: 'rules', readyMadeRules: ['customerRequest', 'reporting', 'newLead', 'dataSync'], eventTypeField: 'event' };

	it('a tie of a Real-Time and a Batch ready-made rule: version 2 goes Real-Time and says why; version 1 keeps its Batch', async () => {
		const items = [
			{ id: 1, event: 'urgent_report' },
			{ id: 2, event: 'lead sync' },
			{ id: 3, event: 'report' },
		];
		const v1 = await run(readyMade, items, {}, 1);
		expect(routes(v1)).toEqual([[], [1, 2, 3]]);
		expect(v1.jsonOutputsOf(CLASSIFIER)[1][0].latency).not.toHaveProperty('alsoMatched');
		const v2 = await run(readyMade, items, {}, 2);
		expect(routes(v2)).toEqual([[1], [2, 3]]);
		expect(v2.jsonOutputsOf(CLASSIFIER)[0][0].latency).toMatchObject({
			rule: 'VIP or time-sensitive customer request',
			alsoMatched: 'Reporting',
			reason: expect.stringContaining('a tie goes Real-Time'),
		});
	});

	it("Real-Time From as an expression over the item: version 2 reads it per item; version 1 applied item 0's to all", async () => {
		const parameters = { mode: 'costOfDelay', costField: 'cost', costMultiplier: 1, costThreshold: '={{ $json.limit }}' };
		const items = [
			{ id: 1, cost: 50, limit: 100 },
			{ id: 2, cost: 50, limit: 40 },
			{ id: 3, cost: 5, limit: 5 },
		];
		expect(routes(await run(parameters, items, {}, 1))).toEqual([[], [1, 2, 3]]);
		const v2 = await run(parameters, items, {}, 2);
		expect(routes(v2)).toEqual([[2, 3], [1]]);
		expect(v2.jsonOutputsOf(CLASSIFIER)[0].map((json) => json.latency.reason)).toEqual([
			'A one-hour delay costs 50 (cost), at or above the real-time threshold of 40.',
			'A one-hour delay costs 5 (cost), at or above the real-time threshold of 5.',
		]);
	});

	it('a cost of "1,2,3": version 1 reads 123; version 2 stops naming the item, field and value, or with Continue sends it on with its error', async () => {
		const items = [
			{ id: 1, cost: '1,2,3' },
			{ id: 2, cost: '1,234.50' },
			{ id: 3, cost: '99' },
		];
		const limit100 = { ...costMode, costThreshold: 100 };
		expect(routes(await run(limit100, items, {}, 1))).toEqual([[1, 2], [3]]);
		expect((await run(limit100, items, {}, 2)).error.message).toBe('"cost" in item 0 is "1,2,3", which is not a number');
		const continued = await run(limit100, items, { onError: 'continueRegularOutput' }, 2);
		const [realTime, batch] = continued.jsonOutputsOf(CLASSIFIER);
		expect(realTime.map((json) => json.error ?? json.id)).toEqual(['"cost" in item 0 is "1,2,3", which is not a number', 2]);
		expect(batch.map((json) => json.id)).toEqual([3]);
	});

	it('event names in their word forms and the rules added in version 2 route only in version 2', async () => {
		const items = [
			{ id: 1, event: 'Payment Failing' },
			{ id: 2, event: 'DISAPPROVED' },
			{ id: 3, event: 'incident.resolved' },
			{ id: 4, event: 'Demo Requested' },
		];
		const defaults = { mode: 'rules', eventTypeField: 'event' };
		expect(routes(await run(defaults, items, {}, 1))).toEqual([[3], [1, 2, 4]]);
		const v2 = await run(defaults, items, {}, 2);
		expect(routes(v2)).toEqual([[1, 2, 4], [3]]);
		expect(v2.jsonOutputsOf(CLASSIFIER)[0].map((json) => json.latency.rule)).toEqual([
			'Payment failed',
			'Ad disapproved or not delivering',
			'New lead or form submission',
		]);
		expect(v2.jsonOutputsOf(CLASSIFIER)[1][0].latency.rule).toBe('Incident resolved, recovered or acknowledged');
	});

	it('per-item Multiply By and Safety Margin; an item whose expression gives no number fails naming the setting and the item', async () => {
		const costs = await run(
			{ mode: 'costOfDelay', costField: 'cost', costMultiplier: '={{ $json.share }}', costThreshold: 10 },
			[
				{ id: 1, cost: 100, share: 0.1 },
				{ id: 2, cost: 100, share: 0.05 },
			],
			{},
			2,
		);
		expect(routes(costs)).toEqual([[1], [2]]);
		const margins = await run(
			{ mode: 'deadline', deadlineField: 'due', marginMinutes: '={{ $json.slack }}', runAt: '11:00' },
			[
				{ id: 1, due: '2026-11-27T11:20:00Z', slack: 30 },
				{ id: 2, due: '2026-11-27T11:20:00Z', slack: 10 },
			],
			{},
			2,
		);
		expect(routes(margins)).toEqual([[1], [2]]);
		const failed = await run(
			{ mode: 'costOfDelay', costField: 'cost', costMultiplier: 1, costThreshold: '={{ $json.limit }}' },
			[
				{ id: 1, cost: 5, limit: 1 },
				{ id: 2, cost: 5 },
			],
			{ onError: 'continueRegularOutput' },
			2,
		);
		const [realTime, batch] = failed.jsonOutputsOf(CLASSIFIER);
		expect(realTime.map((json) => json.error ?? json.id)).toEqual([1, '"Real-Time From" in item 1 is missing; its expression gave no value for this item']);
		expect(batch).toEqual([]);
	});
});

/**
 * A webhook path runs one execution per event: what the node compiles from its parameters is kept
 * for the next execution with the same parameters. These runs go through n8n's engine one after the
 * other, as executions of one saved workflow would.
 */
describe('across executions: compiled once per parameter set, never stale', () => {
	const reportRule = { mode: 'rules', readyMadeRules: ['reporting'], eventTypeField: 'eventType', runAt: '06:00' };
	const nextBatchRun = async (parameters, at, items = [{ eventType: 'weekly_report' }], workflowSettings) => {
		const result = await runWorkflow({ workflow: { ...workflow(parameters), settings: workflowSettings }, pinData: { Input: items }, at });
		expect(result.error).toBeUndefined();
		return result.jsonOutputsOf(CLASSIFIER)[1].map((json) => json.latency.nextBatchRun);
	};

	it('gives each execution the next batch run after its own moment: just before the run, at it, and with the clock set back', async () => {
		expect(await nextBatchRun(reportRule, '2026-11-27T10:00:00Z')).toEqual(['2026-11-28T06:00:00Z']);
		expect(await nextBatchRun(reportRule, '2026-11-28T05:59:59.999Z')).toEqual(['2026-11-28T06:00:00Z']);
		expect(await nextBatchRun(reportRule, '2026-11-28T06:00:00Z')).toEqual(['2026-11-29T06:00:00Z']);
		expect(await nextBatchRun(reportRule, '2026-11-20T10:00:00Z')).toEqual(['2026-11-21T06:00:00Z']);
	});

	it('applies a changed parameter at the very next execution', async () => {
		const rule = (value) => ({
			mode: 'rules',
			readyMadeRules: [],
			noMatchRoute: 'batch',
			rules: { rule: [{ name: 'Lead', field: 'eventType', operator: 'equals', value, delayCost: 'money' }] },
		});
		const routes = async (parameters) =>
			(await run(parameters, [{ eventType: 'lead' }, { eventType: 'signup' }])).jsonOutputsOf(CLASSIFIER)[0].map((json) => json.eventType);
		expect(await routes(rule('lead'))).toEqual(['lead']);
		expect(await routes(rule('signup'))).toEqual(['signup']);
		expect(await routes(rule('lead'))).toEqual(['lead']);
		expect(await nextBatchRun({ ...reportRule, runAt: '07:30' }, AT)).toEqual(['2026-11-28T07:30:00Z']);
	});

	it('two classifiers with different rules in one workflow each decide by their own', async () => {
		const two = workflow({ mode: 'rules', rules: { rule: [{ name: 'A', field: 'kind', operator: 'equals', value: 'a', delayCost: 'money' }] } });
		two.nodes.push({
			...two.nodes[1],
			id: 'second',
			name: 'Second',
			parameters: { ...two.nodes[1].parameters, rules: { rule: [{ name: 'B', field: 'kind', operator: 'equals', value: 'b', delayCost: 'money' }] } },
		});
		two.connections.Input.main[0].push({ node: 'Second', type: 'main', index: 0 });
		const result = await runWorkflow({ workflow: two, pinData: { Input: [{ kind: 'a' }, { kind: 'b' }] }, at: AT });
		expect(result.jsonOutputsOf(CLASSIFIER)[0].map((json) => json.kind)).toEqual(['a']);
		expect(result.jsonOutputsOf('Second')[0].map((json) => json.kind)).toEqual(['b']);
	});

	it('reads a parameter written as an expression on every execution (its value may change)', async () => {
		const byItem = { ...reportRule, timezone: '={{ $json.zone }}' };
		expect(await nextBatchRun(byItem, AT, [{ eventType: 'weekly_report', zone: 'UTC' }])).toEqual(['2026-11-28T06:00:00Z']);
		expect(await nextBatchRun(byItem, AT, [{ eventType: 'weekly_report', zone: 'Asia/Tokyo' }])).toEqual(['2026-11-28T06:00:00+09:00']);
		expect(await nextBatchRun(byItem, AT, [{ eventType: 'weekly_report', zone: 'UTC' }])).toEqual(['2026-11-28T06:00:00Z']);
	});

	it("follows the workflow's timezone when the node has none", async () => {
		const noZone = { ...reportRule, timezone: '' };
		expect(await nextBatchRun(noZone, AT, undefined, { timezone: 'Europe/Berlin' })).toEqual(['2026-11-28T06:00:00+01:00']);
		expect(await nextBatchRun(noZone, AT, undefined, { timezone: 'America/New_York' })).toEqual(['2026-11-27T06:00:00-05:00']);
	});

	it('a bad setting fails every execution, and its fix works at once', async () => {
		const bad = { ...reportRule, runAt: '25:00' };
		for (let attempt = 0; attempt < 2; attempt++) {
			const result = await run(bad, [{ eventType: 'weekly_report' }]);
			expect(result.error?.message).toMatch(/^Run At: "25:00" is not a time of day/);
		}
		expect(await nextBatchRun(reportRule, AT)).toEqual(['2026-11-28T06:00:00Z']);
	});
});
