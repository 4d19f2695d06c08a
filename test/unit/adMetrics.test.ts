import type { AdRow } from '../../nodes/shared/metrics/adRow';
import { groupRows, type GroupTotals } from '../../nodes/shared/metrics/groups';
import { changePercent, holdVerdict, judge } from '../../nodes/shared/metrics/judge';
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
		expect(
			current.map(({ key, spendMicros, valueMicros, conversions, items, firstDate, lastDate }) => ({
				key,
				spendMicros,
				valueMicros,
				conversions,
				items,
				firstDate,
				lastDate,
			})),
		).toEqual([
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
		expect(group.problem?.error.message).toBe('is "EUR" but earlier rows of campaign "A" are in "USD"; amounts in two currencies cannot be added');
	});

	it('takes a per-row target, and reports two targets in one group', () => {
		expect(groupRows(rows(row({ target: 4 }), row({})), 'campaign', { kind: 'none' }).current[0].target).toBe(4);
		const [conflict] = groupRows(rows(row({ target: 4 }), row({ target: 5 })), 'campaign', { kind: 'none' }).current;
		expect(conflict.problem?.error.field).toBe('target');
	});

	it('splits periods by label or by date, and reports rows that fit neither', () => {
		const labelled = groupRows(rows(row({ period: 'current' }), row({ period: 'previous' }), row({ period: 'last year' })), 'campaign', {
			kind: 'label',
			field: 'period',
			current: 'current',
			previous: 'previous',
		});
		expect(labelled.current[0].items).toEqual([0]);
		expect(labelled.previous.get('A')?.items).toEqual([1]);
		expect(labelled.unplaced.map(({ itemIndex, error }) => [itemIndex, error.field, error.message])).toEqual([
			[2, 'period', 'is "last year"; it must say "current" or "previous"'],
		]);
		const dated = groupRows(rows(row({ date: '2026-11-20' }), row({ date: '2026-11-19' }), row({ date: '' })), 'campaign', {
			kind: 'date',
			field: 'day',
			currentFrom: '2026-11-20',
		});
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

	it("uses the group's own target when the rows carry one", () => {
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

describe('holdVerdict: hysteresis on the ROAS and CPA lines', () => {
	const roasOf = (value: number) => judge('roas', totals(100, value, 0), { target: 3, critical: 1 }, { minSpend: 0, minConversions: 0 });
	const cpaOf = (spend: number, conversions: number) =>
		judge('cpa', totals(spend, 0, conversions), { target: 50, critical: 80 }, { minSpend: 0, minConversions: 0 });

	it('keeps a warning ROAS campaign at warning until it is the margin above the target', () => {
		// target 3, margin 10%: back at 3.3 and above
		expect(holdVerdict('roas', roasOf(329), 'warning', 0.1)).toMatchObject({
			severity: 'warning',
			reason: 'ROAS 3.29 has not yet recovered from the target of 3: it recovers at or above 3.3.',
		});
		expect(holdVerdict('roas', roasOf(330), 'warning', 0.1)).toMatchObject({ severity: 'ok' });
		expect(holdVerdict('roas', roasOf(330), 'ok', 0.1)).toMatchObject({ severity: 'ok' });
		expect(holdVerdict('roas', roasOf(300), 'warning', 0)).toMatchObject({ severity: 'ok' });
	});

	it('drops a critical ROAS campaign to warning only past the critical line and its margin', () => {
		expect(holdVerdict('roas', roasOf(109), 'critical', 0.1)).toMatchObject({ severity: 'critical' });
		expect(holdVerdict('roas', roasOf(110), 'critical', 0.1)).toMatchObject({ severity: 'warning' });
		// far above both lines: straight back to ok
		expect(holdVerdict('roas', roasOf(400), 'critical', 0.1)).toMatchObject({ severity: 'ok' });
		// between the lines, inside the target's margin: warning
		expect(holdVerdict('roas', roasOf(320), 'critical', 0.1)).toMatchObject({ severity: 'warning' });
	});

	it('keeps CPA campaigns failing until the margin below the line; no conversions never recover', () => {
		// target 50, 10%: back at 45 and below; maximum 80: warning again at 72 and below
		expect(holdVerdict('cpa', cpaOf(138, 3), 'warning', 0.1)).toMatchObject({
			severity: 'warning',
			reason: 'CPA 46.00 has not yet recovered from the target of 50.00: it recovers at or below 45.00.',
		});
		expect(holdVerdict('cpa', cpaOf(135, 3), 'warning', 0.1)).toMatchObject({ severity: 'ok' });
		expect(holdVerdict('cpa', cpaOf(219, 3), 'critical', 0.1)).toMatchObject({ severity: 'critical' });
		expect(holdVerdict('cpa', cpaOf(216, 3), 'critical', 0.1)).toMatchObject({ severity: 'warning' });
		expect(holdVerdict('cpa', cpaOf(100, 0), 'critical', 0.1)).toMatchObject({ severity: 'critical', metric: null });
	});

	it('a CPA campaign critical for no conversions, with no maximum, drops to warning once it has a CPA above target', () => {
		const noMaximum = (spend: number, conversions: number) =>
			judge('cpa', totals(spend, 0, conversions), { target: 50, critical: 0 }, { minSpend: 0, minConversions: 0 });
		expect(holdVerdict('cpa', noMaximum(180, 3), 'critical', 0.1)).toMatchObject({ severity: 'warning', reason: 'CPA 60.00 is above the target of 50.00.' });
		expect(holdVerdict('cpa', noMaximum(138, 3), 'critical', 0.1)).toMatchObject({
			severity: 'warning',
			reason: 'CPA 46.00 has not yet recovered from the target of 50.00: it recovers at or below 45.00.',
		});
	});

	it('leaves verdicts alone that are unjudged, worse, or at the firing level', () => {
		const unjudged = judge('roas', totals(0, 0, 0), { target: 3, critical: 1 }, { minSpend: 0, minConversions: 0 });
		expect(holdVerdict('roas', unjudged, 'critical', 0.1)).toBe(unjudged);
		const worse = roasOf(50);
		expect(holdVerdict('roas', worse, 'warning', 0.1)).toBe(worse);
		const same = roasOf(250);
		expect(holdVerdict('roas', same, 'warning', 0.1)).toBe(same);
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
