import { InvalidItemValueError, InvalidSettingError } from '../../nodes/shared/errors';
import { createClassifier, type ClassifierSettings, type PerItemValues, type RuleSpec } from '../../nodes/shared/latency/classifier';
import { ALL_PRESET_IDS } from '../../nodes/shared/latency/presets';
import { compileSchedule } from '../../nodes/shared/schedule/batchSchedule';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const dailyAtSix = compileSchedule({ kind: 'daily', time: '06:00' }, 'UTC');
const noPerItemValues: PerItemValues = {
	ruleValue: () => {
		throw new Error('not expected');
	},
	ruleExpression: () => {
		throw new Error('not expected');
	},
	costExpression: () => {
		throw new Error('not expected');
	},
	numberSetting: () => {
		throw new Error('not expected');
	},
};

const rule = (name: string, field: string, operator: string, value: unknown, delayCost: RuleSpec['delayCost']): RuleSpec => ({
	name,
	delayCost,
	condition: { kind: 'comparison', field, operator: operator as never, value: { perItem: false, value } },
});

function rulesClassifier(overrides: Partial<Extract<ClassifierSettings, { mode: 'rules' }>> = {}) {
	return createClassifier(
		{
			mode: 'rules',
			rules: [],
			presets: ALL_PRESET_IDS,
			eventTypeField: 'eventType',
			noMatchRoute: 'batch',
			caseSensitive: false,
			...overrides,
		},
		dailyAtSix,
		NOW,
	);
}

function caught(run: () => unknown): Error {
	try {
		run();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected an error');
}

describe('rules mode', () => {
	it('answers the one-hour test with ready-made rules', () => {
		const classify = rulesClassifier();
		expect(classify({ eventType: 'form_submitted' }, noPerItemValues)).toEqual({
			route: 'realTime',
			decidedBy: 'readyMadeRule',
			rule: 'New lead or form submission',
			reason: 'Event type "form_submitted" matches the ready-made rule "New lead or form submission": a one-hour delay costs money.',
			delayCost: 'money',
		});
		expect(classify({ eventType: 'weekly_report' }, noPerItemValues)).toEqual({
			route: 'batch',
			decidedBy: 'readyMadeRule',
			rule: 'Reporting',
			reason: 'Event type "weekly_report" matches the ready-made rule "Reporting": a one-hour delay costs nothing.',
			delayCost: 'nothing',
			nextBatchRun: '2026-11-28T06:00:00Z',
		});
	});

	it('checks custom rules first, top to bottom, and the first match wins', () => {
		const classify = rulesClassifier({
			rules: [rule('Test traffic', 'source', 'equals', 'test', 'nothing'), rule('VIP customers', 'customer.tier', 'isOneOf', 'vip, enterprise', 'trust')],
		});
		const testLead = classify({ eventType: 'new_lead', source: 'test', customer: { tier: 'vip' } }, noPerItemValues);
		expect(testLead.route).toBe('batch');
		expect(testLead.rule).toBe('Test traffic');
		const vipReport = classify({ eventType: 'weekly_report', customer: { tier: 'Enterprise' } }, noPerItemValues);
		expect(vipReport).toMatchObject({
			route: 'realTime',
			decidedBy: 'rule',
			rule: 'VIP customers',
			reason: 'Rule "VIP customers" matched (customer.tier is one of "vip, enterprise"): a one-hour delay costs trust.',
		});
	});

	it('sends unmatched items to the chosen route and says why', () => {
		expect(rulesClassifier()({ eventType: 'page_view' }, noPerItemValues)).toEqual({
			route: 'batch',
			decidedBy: 'noMatch',
			reason: 'No rule matched, so the item goes to the Batch route set for unmatched items. Event type "page_view" matches no ready-made rule.',
			nextBatchRun: '2026-11-28T06:00:00Z',
		});
		const toRealTime = rulesClassifier({ noMatchRoute: 'realTime' });
		expect(toRealTime({ other: 1 }, noPerItemValues)).toEqual({
			route: 'realTime',
			decidedBy: 'noMatch',
			reason: 'No rule matched, so the item goes to the Real-Time route set for unmatched items. The item has no event type in "eventType".',
		});
	});

	it('shares one frozen decision between items decided the same way', () => {
		const classify = rulesClassifier({ rules: [rule('Big', 'amount', 'greaterThan', 100, 'money')] });
		const first = classify({ amount: 500 }, noPerItemValues);
		expect(classify({ amount: 900 }, noPerItemValues)).toBe(first);
		expect(Object.isFrozen(first)).toBe(true);
		expect(classify({ eventType: 'lead' }, noPerItemValues)).toBe(classify({ eventType: 'lead' }, noPerItemValues));
	});

	it('evaluates per-item values and expressions only when a rule is reached', () => {
		const asked: string[] = [];
		const perItem: PerItemValues = {
			ruleValue: (index) => {
				asked.push(`value ${index}`);
				return 50;
			},
			ruleExpression: (index) => {
				asked.push(`expression ${index}`);
				return 'true';
			},
			costExpression: () => 0,
			numberSetting: () => {
				throw new Error('not expected');
			},
		};
		const classify = rulesClassifier({
			rules: [
				{ name: 'Over item limit', delayCost: 'money', condition: { kind: 'comparison', field: 'amount', operator: 'greaterThan', value: { perItem: true } } },
				{ name: 'Custom', delayCost: 'trust', condition: { kind: 'expression' } },
			],
		});
		expect(classify({ amount: 80 }, perItem)).toMatchObject({ rule: 'Over item limit', reason: expect.stringContaining('amount is greater than 50') });
		expect(asked).toEqual(['value 0']);
		expect(classify({ amount: 10 }, perItem)).toMatchObject({ rule: 'Custom', route: 'realTime' });
		expect(asked).toEqual(['value 0', 'value 0', 'expression 1']);
	});

	it('rejects an expression that returns something other than true or false', () => {
		const classify = rulesClassifier({ rules: [{ name: 'Odd', delayCost: 'money', condition: { kind: 'expression' } }] });
		const error = caught(() => classify({}, { ...noPerItemValues, ruleExpression: () => 'yes' }));
		expect(error).toBeInstanceOf(InvalidItemValueError);
		expect((error as InvalidItemValueError).field).toBe('Odd › Condition');
	});

	it('rejects a rule whose value does not fit its operator, once, before any item', () => {
		const error = caught(() => rulesClassifier({ rules: [rule('Costly', 'cost', 'greaterThan', 'high', 'money')] }));
		expect(error).toBeInstanceOf(InvalidSettingError);
		expect((error as InvalidSettingError).parameter).toBe('Custom Rules › Rule "Costly"');
		expect(error.message).toBe('"high" is not a number, and "is greater than" compares numbers');
	});

	it('names a rule without a name by its position', () => {
		const classify = rulesClassifier({ rules: [rule('', 'vip', 'exists', '', 'trust')] });
		expect(classify({ vip: true }, noPerItemValues).rule).toBe('Rule 1');
	});

	it('rejects an empty field in a rule, naming the parameter', () => {
		const error = caught(() => rulesClassifier({ rules: [rule('Blank', ' ', 'exists', '', 'trust')] }));
		expect(error).toBeInstanceOf(InvalidSettingError);
		expect((error as InvalidSettingError).parameter).toBe('Custom Rules › Rule "Blank" › Field');
	});
});

describe('cost-of-delay mode', () => {
	const classify = createClassifier({ mode: 'costOfDelay', cost: { kind: 'field', field: 'dealValue', multiplier: 0.1 }, threshold: 50 }, dailyAtSix, NOW);

	it('sends items at or above the threshold to Real-Time', () => {
		expect(classify({ dealValue: 500 }, noPerItemValues)).toEqual({
			route: 'realTime',
			decidedBy: 'costOfDelay',
			reason: 'A one-hour delay costs 50 (dealValue 500 × 0.1), at or above the real-time threshold of 50.',
			delayCost: 'money',
			delayCostAmount: 50,
		});
		expect(classify({ dealValue: '$1,200' }, noPerItemValues).route).toBe('realTime');
	});

	it('lets cheaper items wait for the batch run', () => {
		expect(classify({ dealValue: 499 }, noPerItemValues)).toMatchObject({
			route: 'batch',
			delayCost: 'nothing',
			delayCostAmount: 49.9,
			nextBatchRun: '2026-11-28T06:00:00Z',
		});
	});

	it.each([
		[{}, 'is missing; it must hold the cost of a one-hour delay as a number'],
		[{ dealValue: 'lots' }, 'is "lots", which is not a number'],
		[{ dealValue: -5 }, 'is -5; a cost cannot be negative'],
		[{ dealValue: Number.POSITIVE_INFINITY }, 'is Infinity, which is not a number'],
		[{ dealValue: Number.NaN }, 'is NaN, which is not a number'],
	])('rejects %j naming the field', (json, message) => {
		const error = caught(() => classify(json, noPerItemValues));
		expect(error).toBeInstanceOf(InvalidItemValueError);
		expect((error as InvalidItemValueError).field).toBe('dealValue');
		expect(error.message).toBe(message);
	});

	it('reads the cost from an expression per item', () => {
		const byExpression = createClassifier({ mode: 'costOfDelay', cost: { kind: 'expression' }, threshold: 10 }, dailyAtSix, NOW);
		expect(byExpression({}, { ...noPerItemValues, costExpression: () => 12 }).route).toBe('realTime');
		const error = caught(() => byExpression({}, { ...noPerItemValues, costExpression: () => 'n/a' }));
		expect((error as InvalidItemValueError).field).toBe('Cost of a One-Hour Delay');
	});
});

describe('deadline mode', () => {
	const berlinSix = compileSchedule({ kind: 'daily', time: '06:00' }, 'Europe/Berlin');
	const classify = (marginMinutes: number) => createClassifier({ mode: 'deadline', deadlineField: 'dueAt', marginMinutes }, berlinSix, NOW);

	it('sends items due before the next batch run to Real-Time', () => {
		// now: 11:00 Berlin; next batch run: 06:00 Berlin tomorrow
		expect(classify(0)({ dueAt: '2026-11-27T18:00:00+01:00' }, noPerItemValues)).toEqual({
			route: 'realTime',
			decidedBy: 'deadline',
			reason: 'Due 2026-11-27T18:00:00+01:00, before the next batch run at 2026-11-28T06:00:00+01:00.',
			dueAt: '2026-11-27T18:00:00+01:00',
		});
	});

	it('lets items due after the next batch run wait, with the run time recorded', () => {
		expect(classify(0)({ dueAt: '2026-11-28T09:00' }, noPerItemValues)).toEqual({
			route: 'batch',
			decidedBy: 'deadline',
			reason: 'Due 2026-11-28T09:00:00+01:00, not before the next batch run at 2026-11-28T06:00:00+01:00.',
			dueAt: '2026-11-28T09:00:00+01:00',
			nextBatchRun: '2026-11-28T06:00:00+01:00',
		});
	});

	it('adds the safety margin after the batch run', () => {
		expect(classify(0)({ dueAt: '2026-11-28T06:30' }, noPerItemValues).route).toBe('batch');
		expect(classify(15)({ dueAt: '2026-11-28T06:30' }, noPerItemValues).reason).toBe(
			'Due 2026-11-28T06:30:00+01:00, after the next batch run at 2026-11-28T06:00:00+01:00 and the 15-minute safety margin.',
		);
		expect(classify(60)({ dueAt: '2026-11-28T06:30' }, noPerItemValues)).toMatchObject({
			route: 'realTime',
			reason: 'Due 2026-11-28T06:30:00+01:00, within the 60-minute safety margin after the next batch run at 2026-11-28T06:00:00+01:00.',
		});
	});

	it('treats an overdue item as Real-Time', () => {
		expect(classify(0)({ dueAt: '2026-11-27T09:00:00Z' }, noPerItemValues)).toMatchObject({
			route: 'realTime',
			reason: 'Due 2026-11-27T10:00:00+01:00, which has already passed.',
		});
	});

	it.each([
		[{}, 'is missing; it must hold when the item is due'],
		[{ dueAt: 'soon' }, expect.stringContaining('is "soon", which is not a date')],
	])('rejects %j naming the field', (json, message) => {
		const error = caught(() => classify(0)(json, noPerItemValues));
		expect(error).toBeInstanceOf(InvalidItemValueError);
		expect((error as InvalidItemValueError).field).toBe('dueAt');
		expect(error.message).toEqual(message);
	});
});
