import { pruneMemory, stepAlert, type AlertMemory, type AlertPolicy } from '../../nodes/shared/alerting/alertState';
import type { AdRow } from '../../nodes/shared/metrics/adRow';
import { groupRows, type GroupTotals } from '../../nodes/shared/metrics/groups';
import { changePercent, judge } from '../../nodes/shared/metrics/judge';
import { compileTemplate } from '../../nodes/shared/values/template';

const row = (overrides: Partial<AdRow>): AdRow => ({
	accountId: '',
	campaignId: 'A',
	campaignName: 'A',
	date: '2026-11-27',
	dateTo: '',
	spendMicros: 0,
	valueMicros: 0,
	conversions: 0,
	currency: 'USD',
	period: '',
	...overrides,
});
const rows = (...list: AdRow[]) => list.map((entry, itemIndex) => ({ itemIndex, row: entry }));
const money = (amount: number) => Math.round(amount * 1e6);

describe('groupRows', () => {
	it('sums money per campaign before anything is divided', () => {
		const { current } = groupRows(
			rows(
				row({ spendMicros: money(100), valueMicros: money(500), conversions: 5, date: '2026-11-26' }),
				row({ spendMicros: money(100), valueMicros: money(100), conversions: 1 }),
				row({ campaignId: 'B', campaignName: 'B', spendMicros: money(10) }),
			),
			'campaign',
			{ kind: 'none' },
		);
		expect(current.map(({ key, spendMicros, valueMicros, conversions, items, firstDate, lastDate }) => ({ key, spendMicros, valueMicros, conversions, items, firstDate, lastDate }))).toEqual([
			{ key: 'A', spendMicros: money(200), valueMicros: money(600), conversions: 6, items: [0, 1], firstDate: '2026-11-26', lastDate: '2026-11-27' },
			{ key: 'B', spendMicros: money(10), valueMicros: 0, conversions: 0, items: [2], firstDate: '2026-11-27', lastDate: '2026-11-27' },
		]);
	});

	it('groups by account or everything', () => {
		const input = rows(row({ accountId: 'x', campaignId: 'A' }), row({ accountId: 'x', campaignId: 'B' }), row({ accountId: 'y' }));
		expect(groupRows(input, 'account', { kind: 'none' }).current.map((group) => group.items)).toEqual([[0, 1], [2]]);
		expect(groupRows(input, 'all', { kind: 'none' }).current.map((group) => group.items)).toEqual([[0, 1, 2]]);
		expect(groupRows(input, 'campaign', { kind: 'none' }).current.map((group) => group.key)).toEqual(['x/A', 'x/B', 'y/A']);
	});

	it('reports two currencies in one group at the row that brings the second', () => {
		const [group] = groupRows(rows(row({}), row({}), row({ currency: 'EUR' })), 'campaign', { kind: 'none' }).current;
		expect(group.problem?.itemIndex).toBe(2);
		expect(group.problem?.error.field).toBe('currency');
		expect(group.problem?.error.message).toBe(
			'is "EUR" but earlier rows of campaign "A" are in "USD"; amounts in two currencies cannot be added',
		);
	});

	it('takes a per-row target, and reports two targets in one group', () => {
		expect(groupRows(rows(row({ target: 4 }), row({})), 'campaign', { kind: 'none' }).current[0].target).toBe(4);
		const [conflict] = groupRows(rows(row({ target: 4 }), row({ target: 5 })), 'campaign', { kind: 'none' }).current;
		expect(conflict.problem?.error.field).toBe('target');
	});

	it('splits periods by label or by date, and reports rows that fit neither', () => {
		const labelled = groupRows(
			rows(row({ period: 'current' }), row({ period: 'previous' }), row({ period: 'last year' })),
			'campaign',
			{ kind: 'label', field: 'period', current: 'current', previous: 'previous' },
		);
		expect(labelled.current[0].items).toEqual([0]);
		expect(labelled.previous.get('A')?.items).toEqual([1]);
		expect(labelled.unplaced.map(({ itemIndex, error }) => [itemIndex, error.field, error.message])).toEqual([
			[2, 'period', 'is "last year"; it must say "current" or "previous"'],
		]);
		const dated = groupRows(
			rows(row({ date: '2026-11-20' }), row({ date: '2026-11-19' }), row({ date: '' })),
			'campaign',
			{ kind: 'date', field: 'day', currentFrom: '2026-11-20' },
		);
		expect(dated.current[0].items).toEqual([0]);
		expect(dated.previous.get('A')?.items).toEqual([1]);
		expect(dated.unplaced[0].error.field).toBe('day');
	});
});

const totals = (spend: number, value: number, conversions: number, target?: number): GroupTotals => ({
	key: 'A',
	campaignId: 'A',
	campaignName: 'A',
	accountId: '',
	currency: 'USD',
	spendMicros: money(spend),
	valueMicros: money(value),
	conversions,
	firstDate: '',
	lastDate: '',
	target,
	items: [],
});

describe('judge ROAS', () => {
	const roas = (spend: number, value: number, target?: number) =>
		judge('roas', totals(spend, value, 0, target), { target: 3, critical: 1 }, { minSpend: 50, minConversions: 0 });

	it('grades against the target and the critical level', () => {
		expect(roas(100, 300)).toMatchObject({ judged: true, metric: 3, severity: 'ok', gap: 0 });
		expect(roas(100, 250)).toMatchObject({ severity: 'warning', gap: -0.5, gapPercent: -16.7 });
		expect(roas(100, 90)).toMatchObject({ severity: 'critical', reason: 'ROAS 0.9 is below the critical level of 1.' });
		expect(roas(100, 0)).toMatchObject({ severity: 'critical', reason: 'Spent 100.00 with no conversion value.' });
	});

	it('uses the group\'s own target when the rows carry one', () => {
		expect(roas(100, 250, 2)).toMatchObject({ severity: 'ok', target: 2 });
	});

	it('does not judge below the minimum spend, or without spend', () => {
		expect(roas(49.99, 0)).toEqual({ judged: false, metric: 0, reason: 'Spend 49.99 is below the minimum of 50.00 needed to judge ROAS.' });
		expect(roas(0, 100)).toEqual({ judged: false, metric: null, reason: 'No spend in the period: ROAS is not defined.' });
	});
});

describe('judge CPA', () => {
	const cpa = (spend: number, conversions: number) =>
		judge('cpa', totals(spend, 0, conversions), { target: 50, critical: 80 }, { minSpend: 100, minConversions: 3 });

	it('grades against the target and the maximum', () => {
		expect(cpa(150, 3)).toMatchObject({ severity: 'ok', metric: 50 });
		expect(cpa(180, 3)).toMatchObject({ severity: 'warning', metric: 60, gap: 10, gapPercent: 20 });
		expect(cpa(270, 3)).toMatchObject({ severity: 'critical', reason: 'CPA 90.00 is above the maximum of 80.00.' });
	});

	it('judges once either guard is reached; spending with no conversions is critical, never a division by zero', () => {
		expect(cpa(60, 2)).toMatchObject({ judged: false });
		expect(cpa(10, 3)).toMatchObject({ judged: true, severity: 'ok' });
		expect(cpa(100, 0)).toEqual({
			judged: true,
			metric: null,
			target: 50,
			critical: 80,
			severity: 'critical',
			gap: null,
			gapPercent: null,
			reason: 'Spent 100.00 with no conversions.',
		});
	});

	it('gives the % change against the previous period', () => {
		expect(changePercent('cpa', 60, totals(150, 0, 3))).toBe(20);
		expect(changePercent('cpa', 60, totals(150, 0, 0))).toBeNull();
		expect(changePercent('cpa', 60, undefined)).toBeNull();
	});
});

describe('stepAlert', () => {
	const policy: AlertPolicy = { onlyOnChange: true, sendResolved: true, renotifyAfterMs: 60 * 60_000 };
	const minute = 60_000;

	it('alerts once, stays quiet, reminds after the interval, escalates and resolves', () => {
		const first = stepAlert(undefined, 'warning', 0, policy);
		expect(first).toMatchObject({ status: 'new', notify: true, since: 0 });
		const quiet = stepAlert(first.memory, 'warning', 15 * minute, policy);
		expect(quiet).toMatchObject({ status: 'ongoing', notify: false, since: 0 });
		const reminder = stepAlert(quiet.memory, 'warning', 60 * minute, policy);
		expect(reminder).toMatchObject({ status: 'renotify', notify: true });
		const worse = stepAlert(reminder.memory, 'critical', 75 * minute, policy);
		expect(worse).toMatchObject({ status: 'escalated', notify: true, since: 0 });
		const better = stepAlert(worse.memory, 'warning', 90 * minute, policy);
		expect(better).toMatchObject({ status: 'ongoing', notify: false, memory: { severity: 'warning', notifiedAt: 75 * minute } });
		expect(stepAlert(better.memory, 'ok', 105 * minute, policy)).toEqual({ status: 'resolved', notify: true, since: 0, memory: undefined });
		expect(stepAlert(undefined, 'ok', 120 * minute, policy)).toMatchObject({ status: 'ok', notify: false });
	});

	it('alerts on every run when told to, and can keep resolutions quiet', () => {
		const loud = { ...policy, onlyOnChange: false, sendResolved: false };
		const first = stepAlert(undefined, 'warning', 0, loud);
		expect(stepAlert(first.memory, 'warning', minute, loud)).toMatchObject({ status: 'ongoing', notify: true });
		expect(stepAlert(first.memory, 'ok', minute, loud)).toMatchObject({ status: 'resolved', notify: false });
	});

	it('never reminds with an interval of 0', () => {
		const never = { ...policy, renotifyAfterMs: 0 };
		const first = stepAlert(undefined, 'critical', 0, never);
		expect(stepAlert(first.memory, 'critical', 1000 * 24 * 60 * minute, never).notify).toBe(false);
	});

	it('forgets series not seen for a long time', () => {
		const memory: Record<string, AlertMemory> = {
			old: { severity: 'warning', since: 0, notifiedAt: 0, seenAt: 0 },
			recent: { severity: 'warning', since: 0, notifiedAt: 0, seenAt: 90 },
		};
		pruneMemory(memory, 100, 50);
		expect(Object.keys(memory)).toEqual(['recent']);
	});
});

describe('compileTemplate', () => {
	it('fills placeholders and rejects unknown ones', () => {
		const compiled = compileTemplate('{campaign}: {value} vs {target}', ['campaign', 'value', 'target']);
		expect(compiled.ok && compiled.value({ campaign: 'Brand', value: '2.5', target: '3' })).toBe('Brand: 2.5 vs 3');
		expect(compileTemplate('{campain} is low', ['campaign'])).toEqual({
			ok: false,
			problem: '{campain} is not a placeholder this node fills; use {campaign}',
		});
	});
});
