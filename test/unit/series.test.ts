/**
 * The Health Monitor's series (health/series.ts): one value per series from a check's items, for
 * every aggregation and ready-made check, with the edges an operator's day brings: a bad item in the
 * middle, an empty item from "Always Output Data", too few payments, no budget, a quiet hour.
 */
import { elapsedShareOfDay, seriesValues, type Aggregation, type SeriesSource } from '../../nodes/shared/health/series';
import { settingFieldReader } from '../../nodes/shared/values/fieldPath';

const reader = (path: string) => settingFieldReader(path, 'Field');
const metric = (aggregation: Aggregation): SeriesSource => ({ kind: 'metric', read: reader('value'), field: 'value', aggregation });
const byService = (json: unknown) => String((json as { service?: string }).service ?? 'all');
const T = Date.parse('2026-12-01T12:00:00Z');
const values = (result: ReturnType<typeof seriesValues>) => Object.fromEntries([...result.values].map(([series, value]) => [series, value.value]));

describe('metric aggregations', () => {
	const items = [
		{ service: 'api', value: 5 },
		{ service: 'api', value: '2' },
		{ service: 'api', value: 11 },
		{ service: 'web', value: -1 },
	];
	it.each<[Aggregation, Record<string, number>]>([
		['last', { api: 11, web: -1 }],
		['sum', { api: 18, web: -1 }],
		['average', { api: 6, web: -1 }],
		['min', { api: 2, web: -1 }],
		['max', { api: 11, web: -1 }],
		['count', { api: 3, web: 1 }],
	])('%s', (aggregation, expected) => {
		const result = seriesValues(items, metric(aggregation), byService, undefined, T);
		expect(values(result)).toEqual(expected);
		expect(result.values.get('api')).toMatchObject({ details: { items: 3 }, items: [0, 1, 2] });
		expect(result.errors).toEqual([]);
	});

	it('last is the last item of the series, not the largest or the first', () => {
		const result = seriesValues([{ value: 9 }, { value: 1 }, { value: 4 }], metric('last'), () => 's', 's', T);
		expect(values(result)).toEqual({ s: 4 });
	});

	it('count needs no number in the items', () => {
		const result = seriesValues([{ value: 'n/a' }, {}, { other: 1 }], metric('count'), () => 's', 's', T);
		// The empty item is "no data", not an event.
		expect(values(result)).toEqual({ s: 2 });
	});

	it('a bad item in the middle blocks its series (all its items listed) and leaves the others judged', () => {
		const result = seriesValues(
			[{ service: 'api', value: 1 }, { service: 'api', value: 'lots' }, { service: 'web', value: 3 }, { service: 'api', value: 2 }, { service: 'api' }],
			metric('sum'),
			byService,
			undefined,
			T,
		);
		expect(values(result)).toEqual({ web: 3 });
		expect(result.errors.map(({ itemIndex, error }) => [itemIndex, error.field, error.message])).toEqual([
			[1, 'value', 'is "lots", which is not a number'],
			[4, 'value', 'is missing; the check needs a number here'],
		]);
		expect(result.blocked.get('api')).toEqual({ itemIndex: 1, items: [0, 3] });
		expect([...result.blocked.keys()]).toEqual(['api']);
	});

	it('null and empty text are missing, 0 is a value', () => {
		const result = seriesValues(
			[{ value: 0 }, { value: null }, { value: '' }],
			metric('sum'),
			(json) => String((json as { value: unknown }).value),
			undefined,
			T,
		);
		expect(values(result)).toEqual({ 0: 0 });
		expect(result.errors).toHaveLength(2);
	});
});

describe('payment failure rate', () => {
	const source = (minTotal: number): SeriesSource => ({
		kind: 'paymentFailures',
		status: reader('status'),
		statusField: 'status',
		failed: new Set(['failed', 'declined']),
		minTotal,
	});
	const payments = (failed: number, total: number) =>
		Array.from({ length: total }, (_, index) => ({ status: index < failed ? (index % 2 ? ' Declined ' : 'FAILED') : 'paid' }));

	it('failed share in percent; statuses are trimmed and case-folded', () => {
		const result = seriesValues(payments(3, 20), source(20), () => 'payments', 'payments', T);
		expect(result.values.get('payments')).toMatchObject({ value: 15, details: { failed: 3, total: 20 } });
	});

	it('exactly the minimum number of payments is judged; one fewer is skipped with the reason', () => {
		expect(seriesValues(payments(1, 20), source(20), () => 'p', 'p', T).values.get('p')?.value).toBe(5);
		const skipped = seriesValues(payments(1, 19), source(20), () => 'p', 'p', T);
		expect(skipped.values.size).toBe(0);
		expect(skipped.skipped.get('p')).toEqual({
			reason: '19 payments: below the minimum of 20 needed to judge the failure rate.',
			items: Array.from({ length: 19 }, (_, index) => index),
		});
	});

	it('a payment without a status is an error naming the field', () => {
		const result = seriesValues([{ status: 'paid' }, { status: null }, { status: '' }, {}], source(1), () => 'p', 'p', T);
		expect(result.errors.map(({ itemIndex, error }) => [itemIndex, error.message])).toEqual([
			[1, 'is missing; every payment needs its status'],
			[2, 'is missing; every payment needs its status'],
		]);
	});

	it('two decimals', () => {
		expect(seriesValues(payments(1, 3), source(1), () => 'p', 'p', T).values.get('p')?.value).toBe(33.33);
	});
});

describe('budget pacing', () => {
	const source: SeriesSource = {
		kind: 'budgetPacing',
		spend: reader('spend'),
		spendField: 'spend',
		budget: reader('budget'),
		budgetField: 'budget',
		zone: 'UTC',
	};

	it('spend against the budget share of the day gone by (noon: half the budget is on pace)', () => {
		const result = seriesValues(
			[
				{ spend: 30, budget: 100 },
				{ spend: 20, budget: 0 },
			],
			source,
			() => 'c',
			'c',
			T,
		);
		expect(result.values.get('c')).toMatchObject({ value: 100, details: { spend: 50, budget: 100, dayElapsedPercent: 50, budgetUsedPercent: 50 } });
	});

	it('in the first hour the day counts as one hour gone, so a morning is not 10,000% over pace', () => {
		const early = Date.parse('2026-12-01T00:06:00Z');
		expect(seriesValues([{ spend: 1, budget: 24 }], source, () => 'c', 'c', early).values.get('c')?.value).toBe(100);
		const atOne = Date.parse('2026-12-01T01:00:00Z');
		expect(seriesValues([{ spend: 1, budget: 24 }], source, () => 'c', 'c', atOne).values.get('c')?.value).toBe(100);
		const later = Date.parse('2026-12-01T02:00:00Z');
		expect(seriesValues([{ spend: 1, budget: 24 }], source, () => 'c', 'c', later).values.get('c')?.value).toBe(50);
	});

	it('no budget (0 or below) is skipped with the reason; a missing spend or budget is an error', () => {
		expect(seriesValues([{ spend: 5, budget: 0 }], source, () => 'c', 'c', T).skipped.get('c')?.reason).toBe('Budget is 0: pacing needs a budget above 0.');
		expect(seriesValues([{ spend: 5, budget: -1 }], source, () => 'c', 'c', T).skipped.get('c')?.reason).toBe('Budget is -1: pacing needs a budget above 0.');
		expect(seriesValues([{ spend: 5, budget: 0.01 }], source, () => 'c', 'c', T).values.get('c')?.value).toBe(100000);
		const missing = seriesValues([{ budget: 10 }, { spend: 1 }], source, () => 'c', 'c', T);
		expect(missing.errors.map(({ error }) => error.field)).toEqual(['spend', 'budget']);
	});

	it("the day is the zone's day: noon UTC is 7 AM in New York", () => {
		const ny: SeriesSource = { ...source, zone: 'America/New_York' } as SeriesSource;
		expect(seriesValues([{ spend: 7, budget: 24 }], ny, () => 'c', 'c', T).values.get('c')?.details.dayElapsedPercent).toBe(29.17);
	});
});

describe('lead volume', () => {
	const source: SeriesSource = { kind: 'leadVolume', expected: 8 };

	it('count against the expected count, in percent', () => {
		expect(seriesValues([{}, { lead: 1 }, { lead: 2 }], source, () => 'leads', 'leads', T).values.get('leads')).toEqual({
			value: 25,
			details: { count: 2, expected: 8 },
			items: [1, 2],
		});
	});

	it('a single-series check with no leads measured zero; per-source series without leads are absent', () => {
		expect(seriesValues([], source, () => 'leads', 'leads', T).values.get('leads')).toEqual({ value: 0, details: { count: 0, expected: 8 }, items: [] });
		expect(seriesValues([{}], source, () => 'leads', 'leads', T).values.get('leads')?.value).toBe(0);
		expect(seriesValues([], source, () => 'x', undefined, T).values.size).toBe(0);
	});
});

describe('elapsedShareOfDay', () => {
	it('0 at midnight, 0.5 at noon, in the given zone; a 23-hour day counts its own length', () => {
		expect(elapsedShareOfDay(Date.parse('2026-12-01T00:00:00Z'), 'UTC')).toBe(0);
		expect(elapsedShareOfDay(T, 'UTC')).toBe(0.5);
		expect(elapsedShareOfDay(Date.parse('2026-12-01T18:00:00Z'), 'UTC')).toBe(0.75);
		// 29 March 2026 in Berlin has 23 hours: at 12:00 local (10:00 UTC), 11 of them are gone.
		expect(elapsedShareOfDay(Date.parse('2026-03-29T10:00:00Z'), 'Europe/Berlin')).toBeCloseTo(11 / 23, 10);
	});
});

describe('numbers in text (Health Monitor version 2: group separators only between groups of three digits)', () => {
	const strict: SeriesSource = { kind: 'metric', read: reader('value'), field: 'value', aggregation: 'sum', numbers: { strictGrouping: true } };
	const strictPacing: SeriesSource = {
		kind: 'budgetPacing',
		spend: reader('spend'),
		spendField: 'spend',
		budget: reader('budget'),
		budgetField: 'budget',
		zone: 'UTC',
		numbers: { strictGrouping: true },
	};

	it('version 1 reads "1,2,3" as 123; version 2 fails the item naming the field and value, and blocks its series', () => {
		expect(values(seriesValues([{ value: '1,2,3' }], metric('sum'), () => 's', 's', T))).toEqual({ s: 123 });
		const result = seriesValues([{ value: '1,2,3' }, { value: 5 }], strict, () => 's', 's', T);
		expect(result.errors.map(({ itemIndex, error }) => [itemIndex, error.field, error.message])).toEqual([[0, 'value', 'is "1,2,3", which is not a number']]);
		expect(result.values.size).toBe(0);
		expect(result.blocked.get('s')).toEqual({ itemIndex: 0, items: [1] });
	});

	it('well-grouped amounts read the same in both versions', () => {
		expect(values(seriesValues([{ value: '1,234.5' }, { value: '$1,000' }, { value: '12' }], strict, () => 's', 's', T))).toEqual({ s: 2246.5 });
	});

	it('pacing: a misplaced separator in the budget is an error in version 2', () => {
		const result = seriesValues([{ spend: '10', budget: '10,0' }], strictPacing, () => 'c', 'c', T);
		expect(result.errors.map(({ error }) => `${error.field} ${error.message}`)).toEqual(['budget is "10,0", which is not a number']);
	});
});
