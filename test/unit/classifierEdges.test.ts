/**
 * The Latency Classifier at its edges (latency/classifier.ts): what a rule expression may return,
 * the cost threshold and a negative cost at 0, the deadline exactly at now, at the next batch run and
 * at the end of the safety margin, event types that are not text, rule names left empty, the
 * decision cache.
 */
import { createClassifier, type ClassifierSettings, type PerItemNumber, type PerItemValues } from '../../nodes/shared/latency/classifier';
import { ALL_PRESET_IDS } from '../../nodes/shared/latency/presets';
import { compileSchedule } from '../../nodes/shared/schedule/batchSchedule';
import { itemProblem } from './thrown';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const NEXT_RUN = Date.parse('2026-11-28T06:00:00Z');
const schedule = compileSchedule({ kind: 'daily', time: '06:00' }, 'UTC');
const perItem = (
	values: Partial<{ ruleValue: unknown; ruleExpression: unknown; costExpression: unknown; numbers: Partial<Record<PerItemNumber, unknown>> }>,
): PerItemValues => ({
	ruleValue: () => values.ruleValue,
	ruleExpression: () => values.ruleExpression,
	costExpression: () => values.costExpression,
	numberSetting: (name) => values.numbers?.[name],
});
const none = perItem({});
const failure = itemProblem;

describe('rule expressions', () => {
	const classify = createClassifier(
		{
			mode: 'rules',
			rules: [{ name: 'Big order', delayCost: 'money', condition: { kind: 'expression' } }],
			presets: [],
			eventTypeField: 'eventType',
			noMatchRoute: 'batch',
			caseSensitive: false,
		},
		schedule,
		NOW,
	);
	it.each([[true], ['true']])('%j matches', (value) => {
		expect(classify({}, perItem({ ruleExpression: value }))).toMatchObject({
			route: 'realTime',
			decidedBy: 'rule',
			rule: 'Big order',
			reason: 'Rule "Big order" matched (its condition is true): a one-hour delay costs money.',
		});
	});
	it.each([[false], ['false'], [undefined], [null], ['']])('%j does not match', (value) => {
		expect(classify({}, perItem({ ruleExpression: value }))).toMatchObject({
			route: 'batch',
			decidedBy: 'noMatch',
			reason: 'No rule matched, so the item goes to the Batch route set for unmatched items.',
		});
	});
	it.each([[1], [0], ['yes'], ['TRUE'], [{}], [[true]]])("%j is an error naming the rule's condition", (value) => {
		expect(failure(() => classify({}, perItem({ ruleExpression: value })))).toMatch(
			/^Big order › Condition: returned .+; the condition must return true or false$/,
		);
	});
});

describe('rules: names, values from expressions, event types', () => {
	const settings = (overrides: Partial<Extract<ClassifierSettings, { mode: 'rules' }>>): ClassifierSettings => ({
		mode: 'rules',
		rules: [],
		presets: [],
		eventTypeField: 'eventType',
		noMatchRoute: 'batch',
		caseSensitive: false,
		...overrides,
	});

	it('a rule without a name is called by its place', () => {
		const classify = createClassifier(
			settings({
				rules: [
					{ name: '  ', delayCost: 'trust', condition: { kind: 'comparison', field: ' tier ', operator: 'equals', value: { perItem: false, value: 'vip' } } },
				],
			}),
			schedule,
			NOW,
		);
		expect(classify({ tier: 'VIP' }, none)).toMatchObject({
			rule: 'Rule 1',
			reason: 'Rule "Rule 1" matched (tier equals "vip"): a one-hour delay costs trust.',
		});
	});

	it('a nested field is read by its path; an operator without a value says so', () => {
		const classify = createClassifier(
			settings({
				rules: [
					{
						name: 'Has phone',
						delayCost: 'money',
						condition: { kind: 'comparison', field: 'contact.phone', operator: 'exists', value: { perItem: false, value: '' } },
					},
				],
			}),
			schedule,
			NOW,
		);
		expect(classify({ contact: { phone: '+49' } }, none)).toMatchObject({
			route: 'realTime',
			reason: 'Rule "Has phone" matched (contact.phone exists): a one-hour delay costs money.',
		});
		expect(classify({ contact: {} }, none).route).toBe('batch');
	});

	it('a value from an expression is compared per item; a bad one is an error naming the rule', () => {
		const classify = createClassifier(
			settings({
				rules: [
					{ name: 'Over limit', delayCost: 'money', condition: { kind: 'comparison', field: 'amount', operator: 'greaterThan', value: { perItem: true } } },
				],
			}),
			schedule,
			NOW,
		);
		expect(classify({ amount: 501 }, perItem({ ruleValue: 500 }))).toMatchObject({
			route: 'realTime',
			reason: 'Rule "Over limit" matched (amount is greater than 500): a one-hour delay costs money.',
		});
		expect(classify({ amount: 500 }, perItem({ ruleValue: 500 })).route).toBe('batch');
		expect(classify({ amount: 500 }, perItem({ ruleValue: 100 })).route).toBe('realTime');
		expect(failure(() => classify({ amount: 5 }, perItem({ ruleValue: 'lots' })))).toBe(
			'Over limit › Value: "lots" is not a number, and "is greater than" compares numbers',
		);
	});

	it('without ready-made rules the event type is not read, and the reason does not mention it', () => {
		const classify = createClassifier(settings({ presets: [] }), schedule, NOW);
		expect(classify({ eventType: 'new lead' }, none)).toMatchObject({
			route: 'batch',
			reason: 'No rule matched, so the item goes to the Batch route set for unmatched items.',
			nextBatchRun: '2026-11-28T06:00:00Z',
		});
	});

	it('an event type that is not text, or empty, counts as none', () => {
		const classify = createClassifier(settings({ presets: ['newLead'], noMatchRoute: 'realTime' }), schedule, NOW);
		for (const eventType of [5, '', null, ['new lead']]) {
			expect(classify({ eventType }, none)).toMatchObject({
				route: 'realTime',
				decidedBy: 'noMatch',
				reason: 'No rule matched, so the item goes to the Real-Time route set for unmatched items. The item has no event type in "eventType".',
			});
		}
		expect(classify({ eventType: 'new lead' }, none)).toMatchObject({ decidedBy: 'readyMadeRule', rule: expect.any(String) });
		expect(classify({ eventType: 'page view' }, none).reason).toBe(
			'No rule matched, so the item goes to the Real-Time route set for unmatched items. Event type "page view" matches no ready-made rule.',
		);
		// Real-Time decisions carry no next batch run.
		expect(classify({ eventType: 'page view' }, none).nextBatchRun).toBeUndefined();
	});

	it('the same event type gives the same decision; past 10,000 event types decisions are still right', () => {
		const classify = createClassifier(settings({ presets: ['newLead'] }), schedule, NOW);
		expect(classify({ eventType: 'lead' }, none)).toBe(classify({ eventType: 'lead' }, none));
		for (let index = 0; index < 10_005; index++) classify({ eventType: `custom ${index}` }, none);
		expect(classify({ eventType: 'custom 10004' }, none).reason).toBe(
			'No rule matched, so the item goes to the Batch route set for unmatched items. Event type "custom 10004" matches no ready-made rule.',
		);
		expect(classify({ eventType: 'new lead' }, none).route).toBe('realTime');
	});
});

describe('cost of delay', () => {
	const byField = (multiplier: number, threshold = 100) =>
		createClassifier({ mode: 'costOfDelay', cost: { kind: 'field', field: ' amount ', multiplier }, threshold }, schedule, NOW);

	it('at the threshold is Real-Time; just below is Batch', () => {
		expect(byField(1)({ amount: 100 }, none)).toMatchObject({
			route: 'realTime',
			delayCost: 'money',
			delayCostAmount: 100,
			reason: 'A one-hour delay costs 100 (amount), at or above the real-time threshold of 100.',
		});
		expect(byField(1)({ amount: 99.5 }, none)).toMatchObject({
			route: 'batch',
			delayCost: 'nothing',
			reason: 'A one-hour delay costs 99.5 (amount), below the real-time threshold of 100.',
			nextBatchRun: '2026-11-28T06:00:00Z',
		});
		expect(byField(1)({ amount: 99.999999 }, none)).toMatchObject({ route: 'batch', delayCostAmount: 99.999999 });
	});

	it('a multiplier is shown and applied, rounded to a millionth', () => {
		expect(byField(0.1)({ amount: 499 }, none)).toMatchObject({
			delayCostAmount: 49.9,
			reason: 'A one-hour delay costs 49.9 (amount 499 × 0.1), below the real-time threshold of 100.',
		});
		expect(byField(1)({ amount: 0.1234567 }, none).delayCostAmount).toBe(0.123457);
	});

	it('a cost too large once multiplied is an error, not Infinity', () => {
		expect(failure(() => byField(1e300)({ amount: 1e300 }, none))).toBe('amount: is 1e+300; times 1e+300 that is too large to be a cost');
	});

	it('0 is a cost; a negative, missing or text cost is an error naming the field', () => {
		expect(byField(1, 0)({ amount: 0 }, none).route).toBe('realTime');
		expect(failure(() => byField(1)({ amount: -0.01 }, none))).toBe('amount: is -0.01; a cost cannot be negative');
		expect(failure(() => byField(1)({}, none))).toBe('amount: is missing; it must hold the cost of a one-hour delay as a number');
		expect(failure(() => byField(1)({ amount: '' }, none))).toBe('amount: is missing; it must hold the cost of a one-hour delay as a number');
		expect(failure(() => byField(1)({ amount: null }, none))).toBe('amount: is missing; it must hold the cost of a one-hour delay as a number');
		expect(failure(() => byField(1)({ amount: 'lots' }, none))).toBe('amount: is "lots", which is not a number');
	});

	it('from an expression: named as such', () => {
		const classify = createClassifier({ mode: 'costOfDelay', cost: { kind: 'expression' }, threshold: 10 }, schedule, NOW);
		expect(classify({}, perItem({ costExpression: '12.5' }))).toMatchObject({
			route: 'realTime',
			reason: 'A one-hour delay costs 12.5 (from the cost expression), at or above the real-time threshold of 10.',
		});
		expect(failure(() => classify({}, perItem({ costExpression: undefined })))).toBe(
			'Cost of a One-Hour Delay: is missing; it must hold the cost of a one-hour delay as a number',
		);
	});
});

describe('deadline', () => {
	const byDeadline = (marginMinutes: number) => createClassifier({ mode: 'deadline', deadlineField: ' dueAt ', marginMinutes }, schedule, NOW);
	const iso = (epoch: number) => new Date(epoch).toISOString().replace('.000Z', 'Z');

	it('due now or before: Real-Time, already passed; a millisecond later it has not', () => {
		expect(byDeadline(0)({ dueAt: iso(NOW) }, none)).toMatchObject({ route: 'realTime', reason: 'Due 2026-11-27T10:00:00Z, which has already passed.' });
		expect(byDeadline(0)({ dueAt: iso(NOW - 1000) }, none).reason).toBe('Due 2026-11-27T09:59:59Z, which has already passed.');
		expect(byDeadline(0)({ dueAt: NOW + 1 }, none).reason).not.toMatch(/already passed/);
	});

	it('due before the next batch run: Real-Time; due exactly at it, without a margin: Batch', () => {
		expect(byDeadline(0)({ dueAt: iso(NEXT_RUN - 1000) }, none)).toMatchObject({
			route: 'realTime',
			reason: 'Due 2026-11-28T05:59:59Z, before the next batch run at 2026-11-28T06:00:00Z.',
		});
		expect(byDeadline(0)({ dueAt: iso(NEXT_RUN) }, none)).toMatchObject({
			route: 'batch',
			reason: 'Due 2026-11-28T06:00:00Z, not before the next batch run at 2026-11-28T06:00:00Z.',
			nextBatchRun: '2026-11-28T06:00:00Z',
		});
	});

	it('with a 30-minute margin: up to a millisecond before its end is Real-Time, its end is Batch', () => {
		const margin = 30 * 60_000;
		expect(byDeadline(30)({ dueAt: iso(NEXT_RUN) }, none)).toMatchObject({
			route: 'realTime',
			reason: 'Due 2026-11-28T06:00:00Z, within the 30-minute safety margin after the next batch run at 2026-11-28T06:00:00Z.',
		});
		expect(byDeadline(30)({ dueAt: NEXT_RUN + margin - 1 }, none).route).toBe('realTime');
		expect(byDeadline(30)({ dueAt: iso(NEXT_RUN + margin) }, none)).toMatchObject({
			route: 'batch',
			reason: 'Due 2026-11-28T06:30:00Z, after the next batch run at 2026-11-28T06:00:00Z and the 30-minute safety margin.',
		});
	});

	it('a missing or unreadable due date is an error naming the field', () => {
		for (const dueAt of [undefined, null, ''])
			expect(failure(() => byDeadline(0)({ dueAt }, none))).toBe('dueAt: is missing; it must hold when the item is due');
		expect(failure(() => byDeadline(0)({ dueAt: 'soon' }, none))).toBe(
			'dueAt: is "soon", which is not a date; use ISO 8601 such as 2026-11-27T18:00:00Z or a Unix timestamp',
		);
		expect(failure(() => byDeadline(0)({ dueAt: 1e20 }, none))).toMatch(/^dueAt: is 100000000000000000000, which is not a date/);
	});
});

describe('version 2: number settings written as expressions are read per item', () => {
	const PER_ITEM = { perItem: true } as const;

	it("Real-Time From per item: at the item's own threshold Real-Time, just below Batch", () => {
		const classify = createClassifier({ mode: 'costOfDelay', cost: { kind: 'field', field: 'amount', multiplier: 1 }, threshold: PER_ITEM }, schedule, NOW);
		expect(classify({ amount: 50 }, perItem({ numbers: { costThreshold: 50 } }))).toMatchObject({
			route: 'realTime',
			reason: 'A one-hour delay costs 50 (amount), at or above the real-time threshold of 50.',
		});
		expect(classify({ amount: 50 }, perItem({ numbers: { costThreshold: '50.01' } }))).toMatchObject({
			route: 'batch',
			reason: 'A one-hour delay costs 50 (amount), below the real-time threshold of 50.01.',
		});
		expect(classify({ amount: 0 }, perItem({ numbers: { costThreshold: 0 } })).route).toBe('realTime');
	});

	it('Multiply By per item is applied and shown', () => {
		const classify = createClassifier({ mode: 'costOfDelay', cost: { kind: 'field', field: 'amount', multiplier: PER_ITEM }, threshold: 100 }, schedule, NOW);
		expect(classify({ amount: 400 }, perItem({ numbers: { costMultiplier: 0.25 } }))).toMatchObject({
			route: 'realTime',
			delayCostAmount: 100,
			reason: 'A one-hour delay costs 100 (amount 400 × 0.25), at or above the real-time threshold of 100.',
		});
		expect(classify({ amount: 400 }, perItem({ numbers: { costMultiplier: 1 } })).reason).toBe(
			'A one-hour delay costs 400 (amount), at or above the real-time threshold of 100.',
		);
	});

	it("Safety Margin per item: the end of the item's own margin is Batch, a millisecond before it Real-Time", () => {
		const classify = createClassifier({ mode: 'deadline', deadlineField: 'dueAt', marginMinutes: PER_ITEM }, schedule, NOW);
		const margin = (minutes: unknown) => perItem({ numbers: { marginMinutes: minutes } });
		expect(classify({ dueAt: NEXT_RUN + 15 * 60_000 - 1 }, margin(15))).toMatchObject({
			route: 'realTime',
			reason: expect.stringContaining('within the 15-minute safety margin'),
		});
		expect(classify({ dueAt: NEXT_RUN + 15 * 60_000 }, margin('15'))).toMatchObject({
			route: 'batch',
			reason: expect.stringContaining('and the 15-minute safety margin'),
		});
		expect(classify({ dueAt: NEXT_RUN }, margin(0)).reason).toBe('Due 2026-11-28T06:00:00Z, not before the next batch run at 2026-11-28T06:00:00Z.');
		expect(classify({ dueAt: NEXT_RUN }, margin(0.5)).reason).toBe(
			'Due 2026-11-28T06:00:00Z, within the 0.5-minute safety margin after the next batch run at 2026-11-28T06:00:00Z.',
		);
	});

	it('an expression that gives no number, or a negative one, is an error naming the setting', () => {
		const classify = createClassifier(
			{ mode: 'costOfDelay', cost: { kind: 'field', field: 'amount', multiplier: PER_ITEM }, threshold: PER_ITEM },
			schedule,
			NOW,
		);
		const numbers = (costThreshold: unknown, costMultiplier: unknown = 1) => perItem({ numbers: { costThreshold, costMultiplier } });
		for (const missing of [undefined, null, ''])
			expect(failure(() => classify({ amount: 1 }, numbers(missing)))).toBe('Real-Time From: is missing; its expression gave no value for this item');
		expect(failure(() => classify({ amount: 1 }, numbers('lots')))).toBe('Real-Time From: is "lots", which is not a number');
		expect(failure(() => classify({ amount: 1 }, numbers(-1)))).toBe('Real-Time From: is -1; it cannot be negative');
		expect(failure(() => classify({ amount: 1 }, numbers(10, -0.5)))).toBe('Multiply By: is -0.5; it cannot be negative');
		const deadline = createClassifier({ mode: 'deadline', deadlineField: 'dueAt', marginMinutes: PER_ITEM }, schedule, NOW);
		expect(failure(() => deadline({ dueAt: NEXT_RUN }, perItem({ numbers: { marginMinutes: {} } })))).toBe(
			'Safety Margin (Minutes): is {}, which is not a number',
		);
	});

	it('a fixed number is never asked per item', () => {
		const classify = createClassifier({ mode: 'costOfDelay', cost: { kind: 'field', field: 'amount', multiplier: 1 }, threshold: 10 }, schedule, NOW);
		expect(
			classify(
				{ amount: 10 },
				{
					...none,
					numberSetting: () => {
						throw new Error('asked');
					},
				},
			).route,
		).toBe('realTime');
	});
});

describe('version 2: a tie between ready-made rules of both routes goes Real-Time, and the record says so', () => {
	const rules = (tiesGoRealTime?: boolean) =>
		createClassifier(
			{ mode: 'rules', rules: [], presets: ALL_PRESET_IDS, eventTypeField: 'eventType', noMatchRoute: 'batch', caseSensitive: false, tiesGoRealTime },
			schedule,
			NOW,
		);

	it('"urgent report": version 1 goes Batch (the rule named last), version 2 Real-Time with both rules named', () => {
		expect(rules()({ eventType: 'urgent_report' }, none)).toMatchObject({ route: 'batch', rule: 'Reporting' });
		expect(rules(false)({ eventType: 'urgent_report' }, none)).not.toHaveProperty('alsoMatched');
		expect(rules(true)({ eventType: 'urgent_report' }, none)).toEqual({
			route: 'realTime',
			decidedBy: 'readyMadeRule',
			rule: 'VIP or time-sensitive customer request',
			alsoMatched: 'Reporting',
			reason:
				'Event type "urgent_report" matches the ready-made rules "VIP or time-sensitive customer request" ("urgent") and "Reporting" ("report") equally; a tie goes Real-Time, since a wrong Batch costs money or trust and a wrong Real-Time costs one execution: a one-hour delay costs trust.',
			delayCost: 'trust',
		});
	});

	it('a stronger (longer) match is no tie; neither is a tie within one route', () => {
		expect(rules(true)({ eventType: 'urgent daily report' }, none)).toMatchObject({ route: 'batch', rule: 'Reporting' });
		expect(rules(true)({ eventType: 'urgent daily report' }, none)).not.toHaveProperty('alsoMatched');
		expect(rules(true)({ eventType: 'backup archive' }, none)).not.toHaveProperty('alsoMatched');
		expect(rules(true)({ eventType: 'backup archive' }, none)).toMatchObject({ route: 'batch', rule: 'Log archival' });
		expect(rules(true)({ eventType: 'outage urgent' }, none)).toMatchObject({ route: 'realTime', rule: 'VIP or time-sensitive customer request' });
		expect(rules(true)({ eventType: 'outage urgent' }, none)).not.toHaveProperty('alsoMatched');
	});
});

describe('version 2: numbers with misplaced group separators are errors, not other numbers', () => {
	const costs = (strictNumbers?: boolean) =>
		createClassifier({ mode: 'costOfDelay', cost: { kind: 'field', field: 'amount', multiplier: 1 }, threshold: 100, strictNumbers }, schedule, NOW);
	const bigOrder = (strictNumbers?: boolean) =>
		createClassifier(
			{
				mode: 'rules',
				rules: [
					{
						name: 'Big order',
						delayCost: 'money',
						condition: { kind: 'comparison', field: 'total', operator: 'greaterThan', value: { perItem: false, value: '1,000' } },
					},
				],
				presets: [],
				eventTypeField: '',
				noMatchRoute: 'batch',
				caseSensitive: false,
				strictNumbers,
			},
			schedule,
			NOW,
		);

	it('a cost of "1,2,3": version 1 reads 123, version 2 fails naming the field and the value', () => {
		expect(costs()({ amount: '1,2,3' }, none)).toMatchObject({ route: 'realTime', delayCostAmount: 123 });
		expect(itemProblem(() => costs(true)({ amount: '1,2,3' }, none))).toBe('amount: is "1,2,3", which is not a number');
	});

	it('well-grouped amounts still read in version 2, on both sides of the threshold', () => {
		expect(costs(true)({ amount: '1,234.50' }, none)).toMatchObject({ route: 'realTime', delayCostAmount: 1234.5 });
		expect(costs(true)({ amount: '99.99' }, none)).toMatchObject({ route: 'batch', delayCostAmount: 99.99 });
		expect(costs(true)({ amount: '$100' }, none)).toMatchObject({ route: 'realTime', delayCostAmount: 100 });
	});

	it('a comparison: version 1 reads "10,00" as 1000; version 2 fails for the field and reads a well-grouped rule value', () => {
		expect(bigOrder()({ total: '10,00' }, none)).toMatchObject({ route: 'batch', decidedBy: 'noMatch' });
		expect(bigOrder()({ total: '10,001' }, none)).toMatchObject({ route: 'realTime' });
		expect(itemProblem(() => bigOrder(true)({ total: '10,00' }, none))).toBe('total: is "10,00", which is not a number');
		expect(bigOrder(true)({ total: '1,000.01' }, none)).toMatchObject({ route: 'realTime', rule: 'Big order' });
		expect(bigOrder(true)({ total: '1,000' }, none)).toMatchObject({ route: 'batch', decidedBy: 'noMatch' });
	});

	it('a per-item Real-Time From of "1,0,0" fails in version 2', () => {
		const perItem = createClassifier(
			{ mode: 'costOfDelay', cost: { kind: 'field', field: 'amount', multiplier: 1 }, threshold: { perItem: true }, strictNumbers: true },
			schedule,
			NOW,
		);
		expect(itemProblem(() => perItem({ amount: 5 }, { ...none, numberSetting: () => '1,0,0' }))).toBe('Real-Time From: is "1,0,0", which is not a number');
		expect(perItem({ amount: 5 }, { ...none, numberSetting: () => '5' })).toMatchObject({ route: 'realTime' });
	});
});
