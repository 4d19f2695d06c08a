/**
 * The ROAS Calculator's and CPA Tracker's judgement over runs (metrics/evaluate.ts and groups.ts),
 * engine-free: where each group goes, what it says, what is remembered; comparisons with the
 * previous period, campaigns that stop reporting, rows that contradict each other, rows that belong
 * to no period. Clocks are epoch times.
 */
import { alertMessages, campaign, emptyMemory, HOUR, runCalculator } from './adRun';

const T0 = Date.parse('2026-12-01T09:00:00Z');
const outputsOf = (results: ReturnType<typeof runCalculator>['results']) =>
	results.map((result) => [result.output, result.json.campaign ?? result.json.account ?? result.json.group]);

describe('one run', () => {
	it('routes each campaign: Alert for a new alert, OK for healthy, Insufficient Data for no spend', () => {
		const { results } = runCalculator([campaign('a', 'Bad', 100, 50), campaign('a', 'Good', 100, 400), campaign('a', 'Idle', 0, 0)], emptyMemory(), T0);
		expect(outputsOf(results)).toEqual([
			['alert', 'Bad'],
			['ok', 'Good'],
			['insufficient', 'Idle'],
		]);
		expect(results[0].json).toMatchObject({
			campaign: 'Bad',
			campaignId: 'Bad',
			account: 'a',
			metric: 'ROAS',
			roas: 0.5,
			spend: 100,
			conversionValue: 50,
			conversions: 1,
			currency: 'EUR',
			period: { from: '2026-12-01', to: '2026-12-01' },
			target: 3,
			criticalBelow: 1,
			severity: 'critical',
			gap: -2.5,
			gapPercent: -83.3,
		});
		expect(results[0].json.message).toBe('CRITICAL Bad: ROAS 0.5 is below the critical level of 1.');
		expect(results[1].json.message).toBe('ROAS 4 meets the target of 3.');
		expect(results[2].json).toMatchObject({
			severity: null,
			reason: 'No spend in the period: ROAS is not defined.',
			message: 'No spend in the period: ROAS is not defined.',
		});
	});

	it('sums rows of a campaign (never averages ratios) and keeps every item for linking', () => {
		const { results } = runCalculator([campaign('a', 'C', 100, 100), campaign('a', 'C', 300, 1100)], emptyMemory(), T0);
		expect(results[0]).toMatchObject({ items: [0, 1], json: { roas: 3, spend: 400, conversionValue: 1200, conversions: 2 } });
	});

	it('CPA: the maximum is named, spend without conversions is critical', () => {
		const rows = [campaign('a', 'Dear', 90, 0), { ...campaign('a', 'Free', 90, 0), conversions: 0 }];
		const { results } = runCalculator(rows, emptyMemory(), T0, { kind: 'cpa' });
		expect(results.map((result) => [result.output, result.json.cpa, result.json.maximum, result.json.message])).toEqual([
			['alert', 90, 80, 'CRITICAL Dear: CPA 90.00 is above the maximum of 80.00.'],
			['alert', null, 80, 'CRITICAL Free: Spent 90.00 with no conversions.'],
		]);
	});

	it('group by account and all rows: the identity says which', () => {
		const rows = [campaign('a', 'C1', 100, 400), campaign('a', 'C2', 100, 400), campaign('b', 'C3', 100, 50)];
		expect(
			runCalculator(rows, emptyMemory(), T0, { groupBy: 'account' }).results.map((result) => [result.json.account, result.json.campaign, result.items]),
		).toEqual([
			['a', undefined, [0, 1]],
			['b', undefined, [2]],
		]);
		// An account's message names the account, not a campaign of it.
		expect(runCalculator(rows, emptyMemory(), T0, { groupBy: 'account' }).results.map((result) => result.json.message)).toEqual([
			'ROAS 4 meets the target of 3.',
			'CRITICAL b: ROAS 0.5 is below the critical level of 1.',
		]);
		const all = runCalculator(rows, emptyMemory(), T0, { groupBy: 'all' }).results;
		expect(all).toHaveLength(1);
		expect(all[0].json).toMatchObject({ group: 'All rows', roas: 2.8333, severity: 'warning' });
		expect(all[0].json.message).toBe('WARNING All rows: ROAS 2.83 is below the target of 3.');
	});

	it("a campaign's name may come on a later row", () => {
		const meta = (name?: string) => ({
			account_id: 'a',
			campaign_id: '9',
			...(name ? { campaign_name: name } : {}),
			spend: '100',
			action_values: [{ action_type: 'omni_purchase', value: '50' }],
			account_currency: 'EUR',
			date_start: '2026-12-01',
		});
		const { results } = runCalculator([meta(), meta('Named later')], emptyMemory(), T0);
		expect(results.map((result) => [result.json.campaign, result.json.campaignId, result.items])).toEqual([['Named later', '9', [0, 1]]]);
	});

	it('a campaign without an account is keyed by its id alone', () => {
		const { memory } = runCalculator([campaign('', 'Solo', 100, 50)], emptyMemory(), T0);
		expect(Object.keys(memory.groups)).toEqual(['Solo']);
		expect(memory.groups.Solo.identity).toEqual({ campaign: 'Solo', campaignId: 'Solo', account: null });
	});

	it('every placeholder of the message template is filled', () => {
		const template =
			'{severity}|{campaign}|{account}|{metric}|{value}|{target}|{limit}|{gap}|{change}|{spend}|{revenue}|{conversions}|{currency}|{from}|{to}|{since}';
		const { results } = runCalculator([campaign('acct', 'C', 100, 50)], emptyMemory(), T0, { alertMessage: template });
		expect(results[0].json.message).toBe('CRITICAL|C|acct|ROAS|0.5|3|1|-83.3%|n/a|100.00|50.00|1|EUR|2026-12-01|2026-12-01|2026-12-01T09:00:00.000Z');
	});
});

describe('over runs', () => {
	it('alerts once, stays quiet (on OK) while it holds, reminds after the interval, resolves once', () => {
		let memory = runCalculator([campaign('a', 'C', 100, 50)], emptyMemory(), T0).memory;
		const quiet = runCalculator([campaign('a', 'C', 100, 50)], memory, T0 + HOUR);
		expect(outputsOf(quiet.results)).toEqual([['ok', 'C']]);
		expect(quiet.results[0].json.message).toBe('CRITICAL C: ROAS 0.5 is below the critical level of 1.');
		memory = quiet.memory;
		expect(alertMessages(runCalculator([campaign('a', 'C', 100, 50)], memory, T0 + 24 * HOUR - 1).results)).toEqual([]);
		expect(alertMessages(runCalculator([campaign('a', 'C', 100, 50)], memory, T0 + 24 * HOUR).results)).toEqual([
			'CRITICAL C: ROAS 0.5 is below the critical level of 1.',
		]);
		const back = runCalculator([campaign('a', 'C', 100, 400)], memory, T0 + 2 * HOUR);
		expect(alertMessages(back.results)).toEqual(['RESOLVED C']);
		expect(back.results[0].json.alert).toEqual({ state: 'normal', notice: 'resolved', since: '2026-12-01T09:00:00.000Z', resolvedBecause: 'recovered' });
		expect(back.memory.groups).toEqual({});
	});

	it('a rule edit drops hysteresis: a campaign firing at the old target is judged afresh', () => {
		const memory = runCalculator([campaign('a', 'C', 100, 290)], emptyMemory(), T0).memory;
		// 3.05 is above the target 3 but inside its 5% recovery margin: held at warning while the rule stands.
		expect(runCalculator([campaign('a', 'C', 100, 305)], memory, T0 + HOUR).results[0].json.severity).toBe('warning');
		expect(runCalculator([campaign('a', 'C', 100, 305)], { ...memory, rule: 'another rule' }, T0 + HOUR).results[0].json.severity).toBe('ok');
	});

	it('a campaign that stops reporting: quiet until the missing time, then resolved as gone (or No Data), and forgotten', () => {
		const memory = runCalculator([campaign('a', 'C', 100, 50)], emptyMemory(), T0).memory;
		const before = runCalculator([campaign('a', 'Other', 100, 400)], memory, T0 + 48 * HOUR - 1);
		expect(alertMessages(before.results)).toEqual([]);
		expect(before.memory.groups['a/C']).toEqual(memory.groups['a/C']);
		const gone = runCalculator([campaign('a', 'Other', 100, 400)], memory, T0 + 48 * HOUR);
		expect(alertMessages(gone.results)).toEqual([
			'RESOLVED C: No rows since 2026-12-01T09:00:00.000Z: the campaign stopped reporting, so its alert is resolved.',
		]);
		expect(gone.results.find((result) => result.json.campaign === 'C')?.json).toMatchObject({
			roas: null,
			severity: 'ok',
			lastSeen: '2026-12-01T09:00:00.000Z',
			alert: { notice: 'resolved', resolvedBecause: 'gone' },
		});
		const noData = runCalculator([campaign('a', 'Other', 100, 400)], memory, T0 + 48 * HOUR, { timing: { noData: true } });
		expect(alertMessages(noData.results)).toEqual(['NO DATA C: No rows since 2026-12-01T09:00:00.000Z: no data to judge.']);
		const off = runCalculator([campaign('a', 'Other', 100, 400)], memory, T0 + 48 * HOUR, { sendResolved: false });
		expect(off.results.find((result) => result.json.campaign === 'C')?.output).toBe('ok');
	});
});

describe('rows that cannot be judged', () => {
	it('two currencies in one campaign: the campaign is reported on its bad row, its alert left as it was', () => {
		const memory = runCalculator([campaign('a', 'C', 100, 50)], emptyMemory(), T0).memory;
		const {
			results,
			problems,
			memory: after,
		} = runCalculator([campaign('a', 'C', 100, 50), campaign('a', 'C', 100, 50, { currency: 'USD' }), campaign('a', 'D', 100, 400)], memory, T0 + HOUR);
		expect(results.map((result) => result.json.campaign)).toEqual(['D']);
		expect(problems).toEqual([expect.objectContaining({ items: [0, 1], itemIndex: 1, group: { campaign: 'C', campaignId: 'C', account: 'a' } })]);
		expect(problems[0].error.message).toBe('is "USD" but earlier rows of campaign "C" are in "EUR"; amounts in two currencies cannot be added');
		expect(after.groups['a/C'].alert).toMatchObject({ state: 'firing', seenAt: T0 });
	});

	it('two targets in one campaign is a problem; the same target twice is not', () => {
		const withTargets = [campaign('a', 'C', 100, 400, { target: 3 }), campaign('a', 'C', 100, 400, { target: 4 })];
		expect(runCalculator(withTargets, emptyMemory(), T0).problems[0].error.message).toBe(
			'is 4 but earlier rows of campaign "C" say 3; one group needs one target',
		);
		const same = runCalculator([campaign('a', 'C', 100, 400, { target: 5 }), campaign('a', 'C', 100, 400, { target: 5 })], emptyMemory(), T0);
		expect(same.problems).toEqual([]);
		expect(same.results[0].json).toMatchObject({ target: 5, severity: 'warning' });
	});
});

describe('comparing periods', () => {
	it('by label: current judged with its change against the previous; a group only in the previous period is reported, not dropped', () => {
		const rows = [
			campaign('a', 'C', 100, 200, { period: 'current' }),
			campaign('a', 'C', 100, 400, { period: 'previous' }),
			campaign('a', 'Old', 100, 400, { period: 'previous', date: '2026-11-20' }),
		];
		const split = { kind: 'label' as const, field: 'period', current: 'current', previous: 'previous' };
		const { results } = runCalculator(rows, emptyMemory(), T0, { split, alertMessage: '{campaign} {change}' });
		expect(results.map((result) => [result.output, result.json.campaign, result.items])).toEqual([
			['alert', 'C', [0]],
			['insufficient', 'Old', [2]],
		]);
		expect(results[0].json).toMatchObject({ roas: 2, changePercent: -50, previousPeriod: { roas: 4, spend: 100, conversionValue: 400, conversions: 1 } });
		expect(results[0].json.message).toBe('C -50%');
		expect(results[1].json.reason).toBe('No rows in the current period, only in the previous one (2026-11-20 to 2026-11-20): nothing to judge.');
	});

	it('by label: a row with another label belongs to no period and is reported with its item', () => {
		const split = { kind: 'label' as const, field: 'period', current: 'this week', previous: 'last week' };
		const grouped = runCalculator([campaign('a', 'C', 1, 1, { period: 'next week' })], emptyMemory(), T0, { split });
		expect(grouped.results).toEqual([]);
	});

	it('by date: from the first current day on is current, the day before is previous', () => {
		const split = { kind: 'date' as const, field: 'date', currentFrom: '2026-11-24' };
		const rows = [campaign('a', 'C', 100, 300, { date: '2026-11-24' }), campaign('a', 'C', 100, 100, { date: '2026-11-23' })];
		const { results } = runCalculator(rows, emptyMemory(), T0, { split });
		expect(results[0].json).toMatchObject({
			roas: 3,
			changePercent: 200,
			period: { from: '2026-11-24', to: '2026-11-24' },
			previousPeriod: { roas: 1, from: '2026-11-23', to: '2026-11-23' },
		});
	});
});
